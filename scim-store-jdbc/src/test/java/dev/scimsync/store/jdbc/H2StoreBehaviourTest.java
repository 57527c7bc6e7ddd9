package dev.scimsync.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC stores on H2. */
class H2StoreBehaviourTest extends JdbcStoreBehaviour {
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
