/**
 * Events beyond the process: the {@link dev.scimsync.events.DeliveryEngine} delivers what the
 * transactional outbox recorded to subscribed endpoints through pluggable {@link
 * dev.scimsync.events.EventTransport}s (at least once, with retries, dead letters and replay),
 * and {@link dev.scimsync.events.webhook} signs and verifies Standard Webhooks.
 */
module dev.scimsync.events {
  requires static org.jspecify;
  requires transitive dev.scimsync.server;
  requires transitive java.net.http;
  requires org.slf4j;

  exports dev.scimsync.events;
  exports dev.scimsync.events.webhook;
}
