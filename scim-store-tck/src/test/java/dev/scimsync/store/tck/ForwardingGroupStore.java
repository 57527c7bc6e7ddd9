package dev.scimsync.store.tck;

import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A group store that passes every call on, for tests that change one behaviour of a real store. */
class ForwardingGroupStore implements GroupStore {

  final GroupStore delegate;

  ForwardingGroupStore(GroupStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public ScimResource create(StoreContext ctx, ScimResource resource) {
    return delegate.create(ctx, resource);
  }

  @Override
  public Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
    return delegate.get(ctx, id, omit);
  }

  @Override
  public ScimResource replace(StoreContext ctx, String id, ScimResource resource, String expectedVersion) {
    return delegate.replace(ctx, id, resource, expectedVersion);
  }

  @Override
  public UpdateResult update(StoreContext ctx, String id, PatchResult patch, String deltaAttribute,
      String expectedVersion) {
    return delegate.update(ctx, id, patch, deltaAttribute, expectedVersion);
  }

  @Override
  public void delete(StoreContext ctx, String id, String expectedVersion) {
    delegate.delete(ctx, id, expectedVersion);
  }

  @Override
  public ResourcePage search(StoreContext ctx, ResourceQuery query) {
    return delegate.search(ctx, query);
  }

  @Override
  public boolean supportsFilter(Filter filter) {
    return delegate.supportsFilter(filter);
  }

  @Override
  public boolean supportsCursors() {
    return delegate.supportsCursors();
  }

  @Override
  public List<Membership> groupsOf(StoreContext ctx, String memberId) {
    return delegate.groupsOf(ctx, memberId);
  }

  @Override
  public List<String> removeFromAllGroups(StoreContext ctx, String memberId) {
    return delegate.removeFromAllGroups(ctx, memberId);
  }
}
