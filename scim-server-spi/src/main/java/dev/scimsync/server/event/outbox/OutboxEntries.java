package dev.scimsync.server.event.outbox;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns {@link ProvisioningEvent}s into {@link OutboxEntry}s: the one place that defines the
 * JSON payload delivered to receivers.
 *
 * <p>The payload is {@code {"id", "type", "tenant", "occurred_at", "ordering_key", "resource":
 * {"type", "id"}, "actor", "operation", "data"}}, where {@code operation} names the SCIM
 * operation that made the change ({@code create}, {@code replace} for a PUT, {@code patch},
 * {@code delete}; absent when not known, as in entries recorded before it existed) and {@code data} holds what the event carries: the
 * resource as stored ({@code resource}; never a password, which stores do not return), {@code
 * changed_attributes}, {@code member_ids}, {@code group_ids}, {@code old_name} and {@code
 * new_name}. The delivered body adds {@code sequence} ({@link OutboxEntry#body()}). {@link
 * #event(OutboxEntry)} reads the event back, for transports that re-encode it (e.g. as a Security
 * Event Token).
 */
public final class OutboxEntries {

  private OutboxEntries() {}

  /** The entry of {@code event} with a new random event id. */
  public static OutboxEntry of(ProvisioningEvent event) {
    return of(event, EventContext.Operation.UNKNOWN);
  }

  /** The entry of {@code event}, made by {@code operation}, with a new random event id. */
  public static OutboxEntry of(ProvisioningEvent event, EventContext.Operation operation) {
    return of(event, "evt_" + UUID.randomUUID().toString().replace("-", ""), operation);
  }

  /** The entry of {@code event} with {@code eventId}. */
  public static OutboxEntry of(ProvisioningEvent event, String eventId) {
    return of(event, eventId, EventContext.Operation.UNKNOWN);
  }

  /** The entry of {@code event}, made by {@code operation}, with {@code eventId}. */
  public static OutboxEntry of(ProvisioningEvent event, String eventId, EventContext.Operation operation) {
    String key = orderingKey(event);
    ObjectNode payload = payload(event, eventId, key);
    if (operation != EventContext.Operation.UNKNOWN) {
      // before "data", which stays the last member
      JsonNode data = payload.remove("data");
      payload.put("operation", operation.name().toLowerCase(Locale.ROOT));
      payload.set("data", data);
    }
    return new OutboxEntry(0, eventId, event.tenantId(), event.type(), event.resourceType(), event.resourceId(), key,
        event.occurredAt(), ScimJson.write(payload));
  }

  /**
   * The SCIM operation that made the change of {@code entry}; {@code UNKNOWN} when the entry does
   * not say (recorded before the outbox recorded it, or outside a request).
   */
  public static EventContext.Operation operation(OutboxEntry entry) {
    JsonNode op;
    try {
      op = ScimJson.parseObject(entry.payload()).get("operation");
    } catch (RuntimeException e) {
      return EventContext.Operation.UNKNOWN;
    }
    if (op == null || !op.isString()) {
      return EventContext.Operation.UNKNOWN;
    }
    for (EventContext.Operation o : EventContext.Operation.values()) {
      if (o.name().equalsIgnoreCase(op.stringValue())) {
        return o;
      }
    }
    return EventContext.Operation.UNKNOWN;
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

  /**
   * The event an entry was made of: the inverse of {@link #payload}, so that a transport can
   * encode it in another format. A resource comes back as delivered (without a password).
   *
   * @throws IllegalArgumentException when the payload is not one this class wrote
   */
  public static ProvisioningEvent event(OutboxEntry entry) {
    JsonNode o;
    try {
      o = ScimJson.parseObject(entry.payload());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("outbox entry " + entry.eventId() + " has no JSON object payload", e);
    }
    JsonNode data = o.path("data");
    String tenant = entry.tenantId();
    String id = entry.resourceId();
    Instant at = entry.occurredAt();
    JsonNode actorNode = o.get("actor");
    String actor = actorNode == null || actorNode.isNull() ? null : actorNode.asString();
    return switch (entry.type()) {
      case "user.created" -> new ProvisioningEvent.UserCreated(tenant, id, at, actor, resource(entry, data));
      case "user.updated" -> new ProvisioningEvent.UserUpdated(tenant, id, at, actor,
          names(data, "changed_attributes"), resource(entry, data));
      case "user.deactivated" -> new ProvisioningEvent.UserDeactivated(tenant, id, at, actor, resource(entry, data));
      case "user.reactivated" -> new ProvisioningEvent.UserReactivated(tenant, id, at, actor, resource(entry, data));
      case "user.deleted" -> new ProvisioningEvent.UserDeleted(tenant, id, at, actor, names(data, "group_ids"));
      case "group.created" -> new ProvisioningEvent.GroupCreated(tenant, id, at, actor, resource(entry, data));
      case "group.updated" -> new ProvisioningEvent.GroupUpdated(tenant, id, at, actor,
          names(data, "changed_attributes"), resource(entry, data));
      case "group.renamed" -> new ProvisioningEvent.GroupRenamed(tenant, id, at, actor,
          data.hasNonNull("old_name") ? data.get("old_name").asString() : null, data.path("new_name").asString());
      case "group.deleted" -> new ProvisioningEvent.GroupDeleted(tenant, id, at, actor);
      case "group.members_added" -> new ProvisioningEvent.GroupMembersAdded(tenant, id, at, actor,
          names(data, "member_ids"));
      case "group.members_removed" -> new ProvisioningEvent.GroupMembersRemoved(tenant, id, at, actor,
          names(data, "member_ids"));
      case "resource.created", "resource.updated", "resource.deleted" -> new ProvisioningEvent.ResourceChanged(
          tenant, entry.resourceType(), id, at, actor,
          ProvisioningEvent.ResourceChanged.Change.valueOf(
              entry.type().substring("resource.".length()).toUpperCase(Locale.ROOT)),
          names(data, "changed_attributes"),
          data.get("resource") instanceof ObjectNode r ? ScimResource.of(r) : null);
      default -> throw new IllegalArgumentException(
          "outbox entry " + entry.eventId() + " has an unknown event type: " + entry.type());
    };
  }

  private static ScimResource resource(OutboxEntry entry, JsonNode data) {
    if (data.get("resource") instanceof ObjectNode r) {
      return ScimResource.of(r);
    }
    throw new IllegalArgumentException("outbox entry " + entry.eventId() + " (" + entry.type() + ") has no resource");
  }

  private static Set<String> names(JsonNode data, String field) {
    Set<String> out = new LinkedHashSet<>();
    data.path(field).forEach(n -> out.add(n.asString()));
    return out;
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
