package dev.scimsync.store.tck;

import dev.scimsync.filter.Filter;
import dev.scimsync.server.store.ForwardingGroupStore;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.memory.InMemoryGroupStore;

/**
 * A group store that keeps the default {@code supportsFilter} (false: the server evaluates every
 * filter) passes the kit, and the kit never hands it a filter.
 */
class GroupStoreWithoutNativeFiltersContractTest extends GroupStoreContract {

  @Override
  protected GroupStore newGroupStore() {
    return new ForwardingGroupStore(new InMemoryGroupStore(GROUP)) {
      @Override
      public boolean supportsFilter(Filter filter) {
        return false;
      }

      @Override
      public ResourcePage search(StoreContext ctx, ResourceQuery query) {
        UserStoreWithoutNativeFiltersContractTest.noFilter(query);
        return super.search(ctx, query);
      }
    };
  }
}
