package dev.scimsync.server.store;

/**
 * A user store that passes every call on to another, for decorating one (metrics, fault
 * injection, caching): override what changes. As {@link ForwardingResourceStore}, every method is
 * passed on, {@link #useGroups} and the default methods included.
 */
public class ForwardingUserStore extends ForwardingResourceStore implements UserStore {

  /** A store passing every call on to {@code delegate}. */
  public ForwardingUserStore(UserStore delegate) {
    super(delegate);
  }

  /** The store that calls are passed on to. */
  @Override
  protected UserStore delegate() {
    return (UserStore) super.delegate();
  }

  @Override
  public void useGroups(GroupStore groups) {
    delegate().useGroups(groups);
  }
}
