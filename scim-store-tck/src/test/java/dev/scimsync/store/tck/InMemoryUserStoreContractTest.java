package dev.scimsync.store.tck;

import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;

/** The in-memory User store keeps the store contract. */
class InMemoryUserStoreContractTest extends UserStoreContract {
  @Override
  protected UserStore newUserStore() {
    return new InMemoryUserStore(USER);
  }
}
