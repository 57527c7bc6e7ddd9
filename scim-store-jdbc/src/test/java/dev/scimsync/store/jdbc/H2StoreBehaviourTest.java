package dev.scimsync.store.jdbc;

import javax.sql.DataSource;

/** The JDBC stores on H2. */
class H2StoreBehaviourTest extends JdbcStoreBehaviour {
  @Override
  DataSource db() {
    return TestDatabases.sharedH2();
  }
}
