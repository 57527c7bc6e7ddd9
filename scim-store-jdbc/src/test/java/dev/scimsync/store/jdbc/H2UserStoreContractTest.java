package dev.scimsync.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.store.tck.UserStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC User store keeps the store contract on H2. */
class H2UserStoreContractTest extends UserStoreContract {
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
  protected UserStore newUserStore() {
    return TestDatabases.stores(db).users();
  }
}
