/**
 * A {@link dev.scimsync.set.PendingSetStore} in the JDBC stores' database (table {@code
 * scim_pending_set}, schema version 5 of {@code scim-store-jdbc}, an optional dependency: add it to
 * use this package).
 */
@org.jspecify.annotations.NullMarked
package dev.scimsync.set.jdbc;
