package dev.scimsync.store.jdbc;

import dev.scimsync.server.store.GroupStore;
import dev.scimsync.store.tck.GroupStoreContract;

/** The JDBC Group store keeps the store contract on PostgreSQL. */
class PostgresGroupStoreContractTest extends GroupStoreContract {
  @Override
  protected GroupStore newGroupStore() {
    return TestDatabases.stores(TestDatabases.postgres()).groups();
  }
}
