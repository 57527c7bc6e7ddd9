package dev.scimsync.store.jdbc;

import javax.sql.DataSource;

/** Sort order agreement on PostgreSQL. */
class PostgresSortOrderTest extends SortOrderAgreement {
  @Override
  DataSource db() {
    return TestDatabases.postgres();
  }
}
