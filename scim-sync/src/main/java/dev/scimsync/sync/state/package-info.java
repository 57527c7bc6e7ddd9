/**
 * Sync state and leases between runs: {@link dev.scimsync.sync.state.SyncStateStore} and {@link
 * dev.scimsync.sync.state.LeaseStore}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync.state;

import org.jspecify.annotations.NullMarked;
