package dev.scimsync.server.event.outbox;

import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import java.util.List;
import java.util.Objects;

/**
 * What one write produced: its result for the caller, the events to record with it and the SCIM
 * operation that made it (recorded with the events, so that a transport can tell a PUT from a
 * PATCH, RFC 9967 §2.4.2 and §2.4.3).
 *
 * @param value the write's result (e.g. the stored resource); may be null for writes without one
 * @param events the events of the write, in order; recorded in the write's transaction
 * @param operation the operation behind the write; {@code UNKNOWN} when not said
 * @param <T> the type of the result
 */
public record Committed<T>(T value, List<ProvisioningEvent> events, EventContext.Operation operation) {
  /** Copies the list. */
  public Committed {
    events = List.copyOf(events);
    Objects.requireNonNull(operation, "operation");
  }

  /** A write whose operation is not said ({@code UNKNOWN}). */
  public Committed(T value, List<ProvisioningEvent> events) {
    this(value, events, EventContext.Operation.UNKNOWN);
  }

  /** This write, made by {@code operation}. */
  public Committed<T> withOperation(EventContext.Operation operation) {
    return new Committed<>(value, events, operation);
  }
}
