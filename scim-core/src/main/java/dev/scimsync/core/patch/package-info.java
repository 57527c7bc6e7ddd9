/**
 * The PATCH engine (RFC 7644 §3.5.2): {@link dev.scimsync.core.patch.PatchEngine} applies
 * operations to a resource and reports a {@link dev.scimsync.core.patch.ChangeSet}, with {@link
 * dev.scimsync.core.patch.ValueDelta}s for multi-valued attributes. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.core.patch;

import org.jspecify.annotations.NullMarked;
