package dev.scimsync.server.event.outbox;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.event.ProvisioningEvent;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns {@link ProvisioningEvent}s into {@link OutboxEntry}s: the one place that defines the
 * JSON payload delivered to receivers.
 *
 * <p>The payload is {@code {"id", "type", "tenant", "occurred_at", "ordering_key", "resource":
 * {"type", "id"}, "actor", "data"}}, where {@code data} holds what the event carries: the
 * resource as stored ({@code resource}; never a password, which stores do not return), {@code
 * changed_attributes}, {@code member_ids}, {@code group_ids}, {@code old_name} and {@code
 * new_name}. The delivered body adds {@code sequence} ({@link OutboxEntry#body()}).
 */
public final class OutboxEntries {

  private OutboxEntries() {}

  /** The entry of {@code event} with a new random event id. */
  public static OutboxEntry of(ProvisioningEvent event) {
    return of(event, "evt_" + UUID.randomUUID().toString().replace("-", ""));
  }

  /** The entry of {@code event} with {@code eventId}. */
  public static OutboxEntry of(ProvisioningEvent event, String eventId) {
    String key = orderingKey(event);
    return new OutboxEntry(0, eventId, event.tenantId(), event.type(), event.resourceType(), event.resourceId(), key,
        event.occurredAt(), ScimJson.write(payload(event, eventId, key)));
  }

  /** The ordering key of an event: tenant, resource type and id. */
  public static String orderingKey(ProvisioningEvent event) {
    return event.tenantId() + "/" + event.resourceType() + "/" + event.resourceId();
  }

  /** The JSON payload of {@code event}. */
  public static ObjectNode payload(ProvisioningEvent event, String eventId, String orderingKey) {
    ObjectNode o = ScimJson.object();
    o.put("id", eventId);
    o.put("type", event.type());
    o.put("tenant", event.tenantId());
    o.put("occurred_at", event.occurredAt().toString());
    o.put("ordering_key", orderingKey);
    ObjectNode r = o.putObject("resource");
    r.put("type", event.resourceType());
    r.put("id", event.resourceId());
    if (event.actor() != null) {
      o.put("actor", event.actor());
    }
    ObjectNode data = o.putObject("data");
    if (event instanceof ProvisioningEvent.UserCreated e) {
      resource(data, e.user());
    } else if (event instanceof ProvisioningEvent.UserUpdated e) {
      names(data, "changed_attributes", e.changedAttributes());
      resource(data, e.user());
    } else if (event instanceof ProvisioningEvent.UserDeactivated e) {
      resource(data, e.user());
    } else if (event instanceof ProvisioningEvent.UserReactivated e) {
      resource(data, e.user());
    } else if (event instanceof ProvisioningEvent.UserDeleted e) {
      names(data, "group_ids", e.groupIds());
    } else if (event instanceof ProvisioningEvent.GroupCreated e) {
      resource(data, e.group());
    } else if (event instanceof ProvisioningEvent.GroupUpdated e) {
      names(data, "changed_attributes", e.changedAttributes());
      resource(data, e.group());
    } else if (event instanceof ProvisioningEvent.GroupRenamed e) {
      if (e.oldName() != null) {
        data.put("old_name", e.oldName());
      }
      data.put("new_name", e.newName());
    } else if (event instanceof ProvisioningEvent.GroupMembersAdded e) {
      names(data, "member_ids", e.memberIds());
    } else if (event instanceof ProvisioningEvent.GroupMembersRemoved e) {
      names(data, "member_ids", e.memberIds());
    } else if (event instanceof ProvisioningEvent.ResourceChanged e) {
      names(data, "changed_attributes", e.changedAttributes());
      if (e.resource() != null) {
        resource(data, e.resource());
      }
    }
    return o;
  }

  private static void resource(ObjectNode data, ScimResource r) {
    ObjectNode json = r.json();
    // stores never return it; a custom store that does must not leak it to every receiver
    json.remove("password");
    data.set("resource", json);
  }

  private static void names(ObjectNode data, String field, Collection<String> values) {
    ArrayNode a = data.putArray(field);
    // sorted: the sets are unordered and a stable payload is easier to test and diff
    new TreeSet<>(values).forEach(a::add);
  }
}
