/**
 * SCIM as a sync source and target: {@link dev.scimsync.sync.scim.ScimSource}, {@link
 * dev.scimsync.sync.scim.ScimClientTarget} and {@link dev.scimsync.sync.scim.ScimServerTarget}.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.sync.scim;

import org.jspecify.annotations.NullMarked;
