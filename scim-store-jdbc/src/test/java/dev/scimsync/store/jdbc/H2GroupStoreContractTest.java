package dev.scimsync.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.store.tck.GroupStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC Group store keeps the store contract on H2. */
class H2GroupStoreContractTest extends GroupStoreContract {
  private static HikariDataSource db;

  @BeforeAll
  static void open() {
    db = TestDatabases.h2();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Override
  protected GroupStore newGroupStore() {
    return TestDatabases.stores(db).groups();
  }
}
