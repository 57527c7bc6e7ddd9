/**
 * JDBC stores on PostgreSQL and H2 ({@link dev.scimsync.store.jdbc.JdbcStores}) and the pieces they
 * are built from, public for stores on an application's own schema: column mappings ({@link
 * dev.scimsync.store.jdbc.StandardMappings}), the ORDER BY and keyset builder ({@link
 * dev.scimsync.store.jdbc.KeysetOrder}) with sort keys that order as scim-core's {@code Sorting}
 * ({@link dev.scimsync.store.jdbc.SortKeys}), membership deltas ({@link
 * dev.scimsync.store.jdbc.MembershipDelta}), JSON columns ({@link
 * dev.scimsync.store.jdbc.JsonColumns}), transactions with SCIM error mapping ({@link
 * dev.scimsync.store.jdbc.Transactions}), password hashes ({@link
 * dev.scimsync.store.jdbc.PasswordHasher}) and schema migrations ({@link
 * dev.scimsync.store.jdbc.SchemaMigrator}).
 */
@NullMarked
package dev.scimsync.store.jdbc;

import org.jspecify.annotations.NullMarked;
