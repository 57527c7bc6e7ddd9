/**
 * JDBC stores for scimsync on PostgreSQL and H2: Users, Groups with a membership table, custom
 * resource types, SQL filter push-down, keyset cursors, versioned schema migrations, and the
 * reusable pieces for stores on an application's own schema.
 */
module dev.scimsync.store.jdbc {
  requires static org.jspecify;
  requires transitive dev.scimsync.server;
  requires transitive java.sql;
  requires org.slf4j;
  // only the sync package needs it; scim-sync is an optional dependency
  requires static dev.scimsync.sync;

  exports dev.scimsync.store.jdbc;
  exports dev.scimsync.store.jdbc.sync;
}
