package dev.scimsync.store.jdbc;

import javax.sql.DataSource;

/** The sync engine's JDBC state and lease stores on PostgreSQL. */
class PostgresSyncTest extends JdbcSyncBehaviour {
  @Override
  DataSource db() {
    return TestDatabases.postgres();
  }
}
