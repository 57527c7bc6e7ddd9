package dev.scimsync.examples.store;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.server.store.UserStore;
import java.time.Clock;

/** Users in a map: {@code userName} unique per tenant, case-insensitively. */
public final class MapUserStore extends MapResourceStore implements UserStore {

  /** A store of users of {@code schema} (e.g. the registry's {@code User}). */
  public MapUserStore(ResourceSchema schema) {
    super(schema, "userName", Clock.systemUTC());
  }
}
