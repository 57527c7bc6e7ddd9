package dev.scimsync.store.jdbc;

import javax.sql.DataSource;

/** The JDBC stores on PostgreSQL. */
class PostgresStoreBehaviourTest extends JdbcStoreBehaviour {
  @Override
  DataSource db() {
    return TestDatabases.postgres();
  }
}
