package dev.scimsync.store.jdbc;

import javax.sql.DataSource;

/** Sort order agreement on H2. */
class H2SortOrderTest extends SortOrderAgreement {
  @Override
  DataSource db() {
    return TestDatabases.sharedH2();
  }
}
