/**
 * The pull synchronisation engine: {@link dev.scimsync.sync.SyncEngine} copies a directory source
 * into a SCIM target and reports each run in a {@link dev.scimsync.sync.SyncReport}. Nothing is
 * null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync;

import org.jspecify.annotations.NullMarked;
