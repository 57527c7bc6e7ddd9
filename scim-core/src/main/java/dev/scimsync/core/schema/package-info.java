/**
 * RFC 7643 schemas and resource types: {@link dev.scimsync.core.schema.Schema}, {@link
 * dev.scimsync.core.schema.ResourceSchema} and {@link dev.scimsync.core.schema.SchemaRegistry}.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.core.schema;

import org.jspecify.annotations.NullMarked;
