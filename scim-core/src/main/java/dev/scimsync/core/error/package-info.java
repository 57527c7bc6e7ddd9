/**
 * SCIM errors (RFC 7644 §3.12): {@link dev.scimsync.core.error.ScimException} with its status and
 * {@link dev.scimsync.core.error.ScimType}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.core.error;

import org.jspecify.annotations.NullMarked;
