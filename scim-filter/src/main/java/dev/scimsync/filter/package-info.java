/**
 * SCIM filters and paths (RFC 7644 §3.4.2.2 and §3.5.2): the {@link dev.scimsync.filter.Filter}
 * tree, {@link dev.scimsync.filter.AttributePath}, {@link dev.scimsync.filter.PatchPath} and
 * {@link dev.scimsync.filter.FilterParser}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.filter;

import org.jspecify.annotations.NullMarked;
