package dev.scimsync.server.store.memory;

import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Uniqueness;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.server.store.ResourceStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Resources of a custom type in memory. Unique per tenant: the core schema's top-level string and
 * reference attributes whose {@code uniqueness} is {@code server} or {@code global} ({@code
 * global} is enforced per tenant, as widely as this store can see), compared as their {@code
 * caseExact} says. Hash indexes on those, on {@code externalId} and on {@code displayName} (when
 * the schema has it) answer {@code eq} filters without a scan. Extension attributes are neither
 * indexed nor checked for uniqueness. Nothing is delegated.
 */
public final class InMemoryResourceStore extends InMemoryStore implements ResourceStore {

  /** A store for resources of {@code schema}, timed by the UTC clock. */
  public InMemoryResourceStore(ResourceSchema schema) {
    this(schema, Clock.systemUTC());
  }

  /** A store whose {@code meta} timestamps come from {@code clock}. */
  public InMemoryResourceStore(ResourceSchema schema, Clock clock) {
    this(schema, clock, StoreLimits.defaults());
  }

  /** A store with the per-tenant quotas {@code limits}. */
  public InMemoryResourceStore(ResourceSchema schema, Clock clock, StoreLimits limits) {
    super(schema, clock, indexes(schema), null, limits);
  }

  private static List<IndexSpec> indexes(ResourceSchema schema) {
    List<IndexSpec> out = new ArrayList<>();
    for (AttributeDefinition a : schema.core().attributes()) {
      boolean text = a.type() == AttributeType.STRING || a.type() == AttributeType.REFERENCE;
      boolean unique = a.uniqueness() == Uniqueness.SERVER || a.uniqueness() == Uniqueness.GLOBAL;
      boolean isDisplayName = a.name().equalsIgnoreCase("displayName");
      if (text && !a.name().equalsIgnoreCase("id") && (unique || isDisplayName)) {
        out.add(new IndexSpec(a.name(), null, a.caseExact(), unique));
      }
    }
    if (schema.core().attribute("externalId") == null) {
      out.add(new IndexSpec("externalId", null, true, false));
    }
    return out;
  }
}
