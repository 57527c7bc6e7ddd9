package dev.scimsync.store.jdbc;

import dev.scimsync.server.store.UserStore;
import dev.scimsync.store.tck.UserStoreContract;

/** The JDBC User store keeps the store contract on PostgreSQL. */
class PostgresUserStoreContractTest extends UserStoreContract {
  @Override
  protected UserStore newUserStore() {
    return TestDatabases.stores(TestDatabases.postgres()).users();
  }
}
