/**
 * The sync engine's state on the stores' database, shared by application instances: {@link
 * dev.scimsync.store.jdbc.sync.JdbcSyncStateStore} (scim-sync's {@code SyncStateStore}) and {@link
 * dev.scimsync.store.jdbc.sync.JdbcLeaseStore} (its {@code LeaseStore}). Needs scim-sync on the
 * module or class path (an optional dependency of this module). Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.store.jdbc.sync;

import org.jspecify.annotations.NullMarked;
