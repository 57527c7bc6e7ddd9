package dev.scimsync.server.store.memory;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.server.store.UserStore;
import java.time.Clock;
import java.util.List;

/**
 * Users in memory. Unique per tenant: {@code userName} (case-insensitively) and {@code externalId}
 * (case-exactly, when present). Hash indexes on {@code userName}, {@code externalId}, {@code
 * emails.value} and {@code displayName} answer {@code eq} filters without a scan.
 *
 * <p>Deleting a user does not touch groups: the server calls {@link
 * dev.scimsync.server.store.GroupStore#removeFromAllGroups} itself.
 */
public final class InMemoryUserStore extends InMemoryStore implements UserStore {

  /** A store for Users of {@code schema} (e.g. {@code SchemaRegistry.standard().resourceSchema("User")}), timed by the UTC clock. */
  public InMemoryUserStore(ResourceSchema schema) {
    this(schema, Clock.systemUTC());
  }

  /** A store whose {@code meta} timestamps come from {@code clock}. */
  public InMemoryUserStore(ResourceSchema schema, Clock clock) {
    super(schema, clock, List.of(
        new IndexSpec("userName", null, false, true),
        new IndexSpec("externalId", null, true, true),
        new IndexSpec("emails", "value", false, false),
        new IndexSpec("displayName", null, false, false)), null);
  }
}
