/**
 * Running sync engines on a schedule: {@link dev.scimsync.sync.schedule.SyncScheduler}. Nothing is
 * null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync.schedule;

import org.jspecify.annotations.NullMarked;
