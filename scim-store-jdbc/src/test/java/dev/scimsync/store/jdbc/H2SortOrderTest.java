package dev.scimsync.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Sort order agreement on H2. */
class H2SortOrderTest extends SortOrderAgreement {
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
  DataSource db() {
    return db;
  }
}
