package dev.scimsync.server.event.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded event as the delivery engine reads it back: its identity, routing fields and JSON
 * payload.
 *
 * @param sequence the outbox's position of the event, growing in commit order per resource (0
 *     before it is recorded)
 * @param eventId a unique id, the same on every delivery attempt (the webhook's idempotency key)
 * @param tenantId the tenant whose directory changed
 * @param type the event type, e.g. {@code user.deactivated}
 * @param resourceType e.g. {@code User}
 * @param resourceId the id of the resource that changed
 * @param orderingKey events with the same key concern the same resource; a receiver keeps the one
 *     with the highest {@code sequence} (or {@code occurred_at}) and drops older ones arriving late
 * @param occurredAt when the change was made
 * @param payload the event as a JSON object (see {@link OutboxEntries#payload})
 */
public record OutboxEntry(long sequence, String eventId, String tenantId, String type, String resourceType,
    String resourceId, String orderingKey, Instant occurredAt, String payload) {

  /** Requires every field. */
  public OutboxEntry {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(orderingKey, "orderingKey");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(payload, "payload");
  }

  /** This entry with its outbox sequence. */
  public OutboxEntry withSequence(long seq) {
    return new OutboxEntry(seq, eventId, tenantId, type, resourceType, resourceId, orderingKey, occurredAt, payload);
  }

  /**
   * The body to deliver: the payload with {@code "sequence"} as its first member, so that a
   * receiver can order the events of one {@code ordering_key}.
   */
  public String body() {
    String rest = payload.substring(payload.indexOf('{') + 1).stripLeading();
    return "{\"sequence\":" + sequence + (rest.startsWith("}") ? "" : ",") + rest;
  }
}
