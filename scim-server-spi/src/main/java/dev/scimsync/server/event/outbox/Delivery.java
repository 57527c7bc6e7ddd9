package dev.scimsync.server.event.outbox;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The delivery of one outbox entry to one endpoint, as a {@link DeliveryLedger} keeps it.
 *
 * @param entry the event
 * @param endpointId the endpoint it goes to
 * @param state pending, delivered or dead-lettered
 * @param attempts attempts made so far
 * @param scheduledAt when this delivery was scheduled (first fan-out or last replay); the retry
 *     horizon counts from here
 * @param nextAttemptAt when the next attempt is due (pending deliveries)
 * @param lastError why the last attempt failed, or null
 */
public record Delivery(OutboxEntry entry, String endpointId, State state, int attempts, Instant scheduledAt,
    Instant nextAttemptAt, @Nullable String lastError) {

  /** Where a delivery stands. */
  public enum State {
    /** Waiting for its next attempt. */
    PENDING,
    /** The endpoint acknowledged it. */
    DELIVERED,
    /** Given up after a permanent failure or the retry horizon: in the dead-letter list. */
    DEAD
  }

  /** Requires every field but {@code lastError}. */
  public Delivery {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }
}
