package dev.scimsync.server.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A group store that passes every call on to another, for decorating one (metrics, fault
 * injection, caching): override what changes. As {@link ForwardingResourceStore}, every method is
 * passed on, the membership operations and the default methods included (so a delegate's batched
 * {@link #groupsOf(StoreContext, Collection)} stays one query).
 */
public class ForwardingGroupStore extends ForwardingResourceStore implements GroupStore {

  /** A store passing every call on to {@code delegate}. */
  public ForwardingGroupStore(GroupStore delegate) {
    super(delegate);
  }

  /** The store that calls are passed on to. */
  @Override
  protected GroupStore delegate() {
    return (GroupStore) super.delegate();
  }

  @Override
  public List<Membership> groupsOf(StoreContext ctx, String memberId) {
    return delegate().groupsOf(ctx, memberId);
  }

  @Override
  public Map<String, List<Membership>> groupsOf(StoreContext ctx, Collection<String> memberIds) {
    return delegate().groupsOf(ctx, memberIds);
  }

  @Override
  public List<String> removeFromAllGroups(StoreContext ctx, String memberId) {
    return delegate().removeFromAllGroups(ctx, memberId);
  }
}
