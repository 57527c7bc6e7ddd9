package dev.scimsync.examples.store;

import dev.scimsync.server.store.GroupStore;
import dev.scimsync.store.tck.GroupStoreContract;

/** Runs every rule of the store contract kit against MapGroupStore. */
class MapGroupStoreContractTest extends GroupStoreContract {

  @Override
  protected GroupStore newGroupStore() {
    return new MapGroupStore(GROUP);
  }
}
