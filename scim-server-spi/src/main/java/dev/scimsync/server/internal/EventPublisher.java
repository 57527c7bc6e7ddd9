package dev.scimsync.server.internal;

import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.ProvisioningListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners; a failing listener is logged and does not fail the request. */
public final class EventPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final List<ProvisioningListener> listeners;

  /** Publishes to {@code listeners}, in order. */
  public EventPublisher(List<ProvisioningListener> listeners) {
    this.listeners = List.copyOf(listeners);
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
