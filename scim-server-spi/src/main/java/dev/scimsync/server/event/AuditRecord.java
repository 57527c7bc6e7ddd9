package dev.scimsync.server.event;

import dev.scimsync.core.json.ScimJson;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of the audit trail: who (the actor, i.e. the token label or subject; the tenant; the
 * client address), what (the event, the resource, the attributes changed and, as the {@link
 * AuditRedaction} allows, their new values), when, and the request id. Immutable.
 *
 * @param id this record's unique id
 * @param occurredAt when the change was committed
 * @param tenantId the tenant
 * @param actor who made the change (e.g. {@code token:entra-2026-11}), or null
 * @param clientAddress the client's address, or null
 * @param requestId the request id ({@code X-Request-Id}), empty outside a request
 * @param operation the SCIM operation
 * @param event the event type, e.g. {@code user.updated}
 * @param resourceType the resource type
 * @param resourceId the resource id
 * @param attributes the attributes changed (or set, for a create), canonical paths
 * @param values attribute path to the value kept by the redaction policy; empty under {@link
 *     AuditRedaction#namesOnly()}
 */
public record AuditRecord(String id, Instant occurredAt, String tenantId, @Nullable String actor,
    @Nullable String clientAddress, String requestId, EventContext.Operation operation, String event,
    String resourceType, String resourceId, List<String> attributes, Map<String, JsonNode> values) {

  /** Checks the required parts and copies the collections. */
  public AuditRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    attributes = List.copyOf(attributes);
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(Objects.requireNonNull(k), v.deepCopy()));
    values = Collections.unmodifiableMap(copy);
  }

  /** The values, as copies. */
  @Override
  public Map<String, JsonNode> values() {
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, v.deepCopy()));
    return copy;
  }

  /** Whose personal data the values are. */
  public AuditSubject subject() {
    return new AuditSubject(tenantId, resourceType, resourceId);
  }

  /** This record without values: the fact of the change. */
  public AuditRecord withoutValues() {
    return new AuditRecord(id, occurredAt, tenantId, actor, clientAddress, requestId, operation, event, resourceType,
        resourceId, attributes, Map.of());
  }

  /** The record as one JSON object, values included when present. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.put("id", id);
    o.put("occurredAt", occurredAt.toString());
    o.put("tenant", tenantId);
    if (actor != null) {
      o.put("actor", actor);
    }
    if (clientAddress != null) {
      o.put("clientAddress", clientAddress);
    }
    o.put("requestId", requestId);
    o.put("operation", operation.name());
    o.put("event", event);
    o.put("resourceType", resourceType);
    o.put("resourceId", resourceId);
    ArrayNode a = o.putArray("attributes");
    attributes.forEach(a::add);
    if (!values.isEmpty()) {
      ObjectNode v = o.putObject("values");
      values.forEach((k, val) -> v.set(k, val.deepCopy()));
    }
    return o;
  }
}
