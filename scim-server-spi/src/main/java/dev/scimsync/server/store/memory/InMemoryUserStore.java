package dev.scimsync.server.store.memory;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UserStore;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Users in memory. Unique per tenant: {@code userName} (case-insensitively) and {@code externalId}
 * (case-exactly, when present). Hash indexes on {@code userName}, {@code externalId}, {@code
 * emails.value} and {@code displayName} answer {@code eq} filters without a scan. A {@code
 * password} is kept only as a salted PBKDF2 hash (also in snapshots) and never returned; {@link
 * #passwordMatches} checks one. Filters on the read-only {@code groups} are answered from the group
 * store given to {@link #useGroups} (its reverse member index).
 *
 * <p>Deleting a user does not touch groups: the server calls {@link
 * dev.scimsync.server.store.GroupStore#removeFromAllGroups} itself.
 */
public final class InMemoryUserStore extends InMemoryStore implements UserStore {

  private volatile @Nullable GroupStore groups;

  /** A store for Users of {@code schema} (e.g. {@code SchemaRegistry.standard().resourceSchema("User")}), timed by the UTC clock. */
  public InMemoryUserStore(ResourceSchema schema) {
    this(schema, Clock.systemUTC());
  }

  /** A store whose {@code meta} timestamps come from {@code clock}. */
  public InMemoryUserStore(ResourceSchema schema, Clock clock) {
    this(schema, clock, StoreLimits.defaults());
  }

  /** A store with the per-tenant quotas {@code limits}. */
  public InMemoryUserStore(ResourceSchema schema, Clock clock, StoreLimits limits) {
    super(schema, clock, List.of(
        new IndexSpec("userName", null, false, true),
        new IndexSpec("externalId", null, true, true),
        new IndexSpec("emails", "value", false, false),
        new IndexSpec("displayName", null, false, false)), null, limits);
  }

  /** Filters on {@code groups} are answered from {@code groups}' memberships from now on. */
  @Override
  public void useGroups(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  @Nullable GroupStore computedGroups() {
    return groups;
  }

  /**
   * Whether the stored password of user {@code id} is {@code candidate} (checked against its salted
   * hash); false when the user or the password is missing.
   */
  public boolean passwordMatches(StoreContext ctx, String id, String candidate) {
    return super.passwordMatches(ctx, id, candidate);
  }
}
