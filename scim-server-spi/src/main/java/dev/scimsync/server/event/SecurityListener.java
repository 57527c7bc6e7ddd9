package dev.scimsync.server.event;

/**
 * Receives {@link SecurityEvent}s, e.g. to raise an alert. Called on the thread that detected the
 * event (a request's, or a sync run's): return quickly. An exception thrown here is logged and
 * does not change the request's answer.
 */
@FunctionalInterface
public interface SecurityListener {

  /** Called once per event. */
  void onSecurityEvent(SecurityEvent event);
}
