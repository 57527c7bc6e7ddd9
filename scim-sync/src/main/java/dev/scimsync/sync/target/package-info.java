/**
 * What the engine writes to: {@link dev.scimsync.sync.target.DirectoryTarget}. Nothing is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync.target;

import org.jspecify.annotations.NullMarked;
