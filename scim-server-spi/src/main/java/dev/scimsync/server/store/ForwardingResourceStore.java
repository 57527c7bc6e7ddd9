package dev.scimsync.server.store;

import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A store that passes every call on to another store, for decorating one: override the methods
 * whose behaviour changes (count, time, fail on demand, cache) and call {@code super} or
 * {@link #delegate()} for the rest.
 *
 * <p>Every method of {@link ResourceStore} is passed on, the default ones too: a store that
 * answers {@link #getAll} with one query or filters natively keeps doing so when decorated. So
 * {@link #get(StoreContext, String)} goes to the delegate's, not through {@link
 * #get(StoreContext, String, Set)}: a decorator that watches reads overrides every read it
 * watches. For the store of a custom resource type; {@link ForwardingUserStore} and {@link
 * ForwardingGroupStore} decorate Users and Groups.
 */
public class ForwardingResourceStore implements ResourceStore {

  private final ResourceStore delegate;

  /** A store passing every call on to {@code delegate}. */
  public ForwardingResourceStore(ResourceStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store that calls are passed on to. */
  protected ResourceStore delegate() {
    return delegate;
  }

  @Override
  public String resourceType() {
    return delegate().resourceType();
  }

  @Override
  public ScimResource create(StoreContext ctx, ScimResource resource) {
    return delegate().create(ctx, resource);
  }

  @Override
  public Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
    return delegate().get(ctx, id, omit);
  }

  @Override
  public Optional<ScimResource> get(StoreContext ctx, String id) {
    return delegate().get(ctx, id);
  }

  @Override
  public Map<String, ScimResource> getAll(StoreContext ctx, Collection<String> ids, Set<String> omit) {
    return delegate().getAll(ctx, ids, omit);
  }

  @Override
  public ScimResource replace(StoreContext ctx, String id, ScimResource resource,
      @Nullable String expectedVersion) {
    return delegate().replace(ctx, id, resource, expectedVersion);
  }

  @Override
  public UpdateResult update(StoreContext ctx, String id, PatchResult patch, @Nullable String deltaAttribute,
      @Nullable String expectedVersion) {
    return delegate().update(ctx, id, patch, deltaAttribute, expectedVersion);
  }

  @Override
  public void delete(StoreContext ctx, String id, @Nullable String expectedVersion) {
    delegate().delete(ctx, id, expectedVersion);
  }

  @Override
  public ResourcePage search(StoreContext ctx, ResourceQuery query) {
    return delegate().search(ctx, query);
  }

  @Override
  public boolean supportsFilter(Filter filter) {
    return delegate().supportsFilter(filter);
  }

  @Override
  public Set<String> uniqueAttributes() {
    return delegate().uniqueAttributes();
  }

  @Override
  public boolean supportsCursors() {
    return delegate().supportsCursors();
  }

  @Override
  public @Nullable String deltaAttribute() {
    return delegate().deltaAttribute();
  }

  /** Names this class and the delegate, e.g. for logs of the configured stores. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate() + "]";
  }
}
