/**
 * Schema facts that filter evaluation and SQL translation use: {@link
 * dev.scimsync.filter.schema.FilterSchema} and {@link dev.scimsync.filter.schema.AttributeInfo}.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.filter.schema;

import org.jspecify.annotations.NullMarked;
