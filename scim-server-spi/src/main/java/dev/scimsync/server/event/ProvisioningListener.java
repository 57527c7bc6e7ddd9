package dev.scimsync.server.event;

/**
 * Receives {@link ProvisioningEvent}s after each write commits, in the order of the writes of one
 * request. Called on the request's thread: return quickly, hand slow work (webhooks, session
 * revocation across services) to a queue or an outbox. An exception thrown here is logged and
 * does not undo or fail the request.
 */
@FunctionalInterface
public interface ProvisioningListener {

  /** Called once per event. */
  void onEvent(ProvisioningEvent event);

  /**
   * Called once per event with the request that caused it; the server calls this one. By default
   * it ignores the context and calls {@link #onEvent(ProvisioningEvent)}: override it to read the
   * request id, client address or operation.
   */
  default void onEvent(ProvisioningEvent event, EventContext context) {
    onEvent(event);
  }
}
