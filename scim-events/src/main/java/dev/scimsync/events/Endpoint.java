package dev.scimsync.events;

import java.util.Objects;

/**
 * A destination of events: a stable id (the delivery state is kept under it, so keep it across
 * restarts), what it subscribes to and how events reach it.
 *
 * @param id a stable, unique name, e.g. {@code crm-webhook}
 * @param subscription the events it receives
 * @param transport how they are carried
 */
public record Endpoint(String id, Subscription subscription, EventTransport transport) {
  /** Requires every field. */
  public Endpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(transport, "transport");
    if (id.isBlank() || id.length() > 255) {
      throw new IllegalArgumentException("an endpoint id is 1 to 255 characters");
    }
  }
}
