package dev.scimsync.store.tck;

import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;

/** The in-memory Group store keeps the store contract. */
class InMemoryGroupStoreContractTest extends GroupStoreContract {
  @Override
  protected GroupStore newGroupStore() {
    return new InMemoryGroupStore(GROUP);
  }
}
