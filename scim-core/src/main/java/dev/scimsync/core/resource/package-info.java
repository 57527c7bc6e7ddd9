/**
 * Typed, immutable views of SCIM resources (RFC 7643 §4): {@link
 * dev.scimsync.core.resource.ScimResource}, {@link dev.scimsync.core.resource.User}, {@link
 * dev.scimsync.core.resource.Group} and their parts. Nothing is null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package dev.scimsync.core.resource;

import org.jspecify.annotations.NullMarked;
