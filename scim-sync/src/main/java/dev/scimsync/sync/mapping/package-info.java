/**
 * How source records become SCIM resources: {@link dev.scimsync.sync.mapping.Mapping} of {@link
 * dev.scimsync.sync.mapping.Rule}s. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync.mapping;

import org.jspecify.annotations.NullMarked;
