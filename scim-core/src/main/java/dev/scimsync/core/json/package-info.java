/**
 * The shared JSON mapper and helpers of SCIM requests and responses: {@link
 * dev.scimsync.core.json.ScimJson}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.core.json;

import org.jspecify.annotations.NullMarked;
