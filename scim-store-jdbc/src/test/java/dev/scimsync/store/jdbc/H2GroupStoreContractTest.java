package dev.scimsync.store.jdbc;

import dev.scimsync.server.store.GroupStore;
import dev.scimsync.store.tck.GroupStoreContract;

/** The JDBC Group store keeps the store contract on H2. */
class H2GroupStoreContractTest extends GroupStoreContract {
  @Override
  protected GroupStore newGroupStore() {
    return TestDatabases.stores(TestDatabases.sharedH2()).groups();
  }
}
