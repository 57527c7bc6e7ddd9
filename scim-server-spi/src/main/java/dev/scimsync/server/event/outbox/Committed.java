package dev.scimsync.server.event.outbox;

import dev.scimsync.server.event.ProvisioningEvent;
import java.util.List;

/**
 * What one write produced: its result for the caller and the events to record with it.
 *
 * @param value the write's result (e.g. the stored resource); may be null for writes without one
 * @param events the events of the write, in order; recorded in the write's transaction
 * @param <T> the type of the result
 */
public record Committed<T>(T value, List<ProvisioningEvent> events) {
  /** Copies the list. */
  public Committed {
    events = List.copyOf(events);
  }
}
