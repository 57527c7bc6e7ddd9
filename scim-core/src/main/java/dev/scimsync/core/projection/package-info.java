/**
 * The {@code attributes} and {@code excludedAttributes} projection of RFC 7644 §3.4.2.5: {@link
 * dev.scimsync.core.projection.Projection}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.core.projection;

import org.jspecify.annotations.NullMarked;
