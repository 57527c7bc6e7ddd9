package dev.scimsync.store.tck;

import dev.scimsync.filter.Filter;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ForwardingUserStore;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;

/**
 * A user store that keeps the default {@code supportsFilter} (false: the server evaluates every
 * filter) passes the kit, and the kit never hands it a filter.
 */
class UserStoreWithoutNativeFiltersContractTest extends UserStoreContract {

  /** Fails the test when a filter reaches the store. */
  static void noFilter(ResourceQuery query) {
    if (query.filter() != null) {
      throw new AssertionError("the kit passed filter " + query.filter() + " to a store that does not support it");
    }
  }

  @Override
  protected UserStore newUserStore() {
    return new ForwardingUserStore(new InMemoryUserStore(USER)) {
      @Override
      public boolean supportsFilter(Filter filter) {
        return false;
      }

      @Override
      public ResourcePage search(StoreContext ctx, ResourceQuery query) {
        noFilter(query);
        return super.search(ctx, query);
      }
    };
  }
}
