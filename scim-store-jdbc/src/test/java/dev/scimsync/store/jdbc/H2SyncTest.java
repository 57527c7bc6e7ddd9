package dev.scimsync.store.jdbc;

import javax.sql.DataSource;

/** The sync engine's JDBC state and lease stores on H2. */
class H2SyncTest extends JdbcSyncBehaviour {
  @Override
  DataSource db() {
    return TestDatabases.sharedH2();
  }
}
