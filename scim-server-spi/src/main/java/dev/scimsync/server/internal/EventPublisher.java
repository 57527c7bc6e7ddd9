package dev.scimsync.server.internal;

import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.ProvisioningListener;
import dev.scimsync.server.event.outbox.Committed;
import dev.scimsync.server.event.outbox.EventOutbox;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each write's events in the outbox with the write, then delivers them to in-process
 * listeners; a failing listener is logged and does not fail the request.
 */
public final class EventPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final List<ProvisioningListener> listeners;
  private final EventOutbox outbox;

  /** Records in {@code outbox} and publishes to {@code listeners}, in order. */
  public EventPublisher(List<ProvisioningListener> listeners, EventOutbox outbox) {
    this.listeners = List.copyOf(listeners);
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  /**
   * Runs one write and the computation of its events in the outbox's unit of work (the events are
   * recorded with the write, or not at all), then tells the listeners; returns the write's value.
   */
  public <T> T commit(Call call, EventContext.Operation operation, Supplier<Committed<T>> write) {
    Committed<T> done = outbox.atomically(call.store(), () -> write.get().withOperation(operation));
    publish(call, operation, done.events());
    return done.value();
  }

  /** Delivers each event to every listener, with the request that caused it. */
  public void publish(Call call, EventContext.Operation operation, List<ProvisioningEvent> events) {
    if (events.isEmpty() || listeners.isEmpty()) {
      return;
    }
    publish(events, new EventContext(call.requestId(), call.request().remoteAddress(), operation));
  }

  /** Delivers each event to every listener. */
  public void publish(List<ProvisioningEvent> events, EventContext context) {
    for (ProvisioningEvent e : events) {
      for (ProvisioningListener l : listeners) {
        try {
          l.onEvent(e, context);
        } catch (RuntimeException ex) {
          LOG.warn("listener {} failed on {} for {} {}: {}", l.getClass().getName(), e.type(), e.resourceType(),
              e.resourceId(), ex.toString());
        }
      }
    }
  }
}
