package dev.scimsync.events;

import dev.scimsync.server.event.outbox.OutboxEntry;
import java.util.Set;

/**
 * Which events an endpoint receives: by event type (exact, e.g. {@code user.deactivated}, or a
 * prefix ending in {@code *}, e.g. {@code group.*}) and by tenant. An empty set matches all.
 *
 * @param eventTypes the types or type prefixes; empty for every type
 * @param tenants the tenant ids; empty for every tenant
 */
public record Subscription(Set<String> eventTypes, Set<String> tenants) {

  /** Copies the sets. */
  public Subscription {
    eventTypes = Set.copyOf(eventTypes);
    tenants = Set.copyOf(tenants);
  }

  /** Every event of every tenant. */
  public static Subscription all() {
    return new Subscription(Set.of(), Set.of());
  }

  /** Every event of {@code tenants}. */
  public static Subscription tenants(String... tenants) {
    return new Subscription(Set.of(), Set.of(tenants));
  }

  /** This subscription limited to {@code types}. */
  public Subscription types(String... types) {
    return new Subscription(Set.of(types), tenants);
  }

  /** Whether {@code entry} is wanted. */
  public boolean matches(OutboxEntry entry) {
    if (!tenants.isEmpty() && !tenants.contains(entry.tenantId())) {
      return false;
    }
    if (eventTypes.isEmpty() || eventTypes.contains(entry.type())) {
      return true;
    }
    for (String t : eventTypes) {
      if (t.endsWith("*") && entry.type().startsWith(t.substring(0, t.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
