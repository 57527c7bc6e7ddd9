package dev.scimsync.events;

import dev.scimsync.server.event.outbox.OutboxEntry;

/**
 * Carries one event to one endpoint, once: a webhook POST, a Security Event Token push, a
 * message-queue publish. Retries, backoff, dead letters and replay are the engine's; a transport
 * only says how the attempt went. Called from the engine's worker threads, possibly concurrently.
 */
@FunctionalInterface
public interface EventTransport {

  /**
   * Attempts the delivery of {@code entry}. Should not throw: an exception counts as a retryable
   * failure.
   */
  DeliveryOutcome deliver(OutboxEntry entry);
}
