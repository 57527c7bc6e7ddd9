/**
 * State a directory sync engine shares between application instances on the stores' database:
 * checkpoints ({@link dev.scimsync.store.jdbc.sync.SyncStateStore}) and leases ({@link
 * dev.scimsync.store.jdbc.sync.LeaseStore}). The interfaces mirror what the sync engine needs so
 * that its own interfaces can be implemented by delegating to these classes.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.store.jdbc.sync;

import org.jspecify.annotations.NullMarked;
