package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.filter.Filter;
import org.jspecify.annotations.Nullable;

/**
 * Where an operation points: a whole extension ({@code wholeExtension}), or an attribute ({@code
 * attr}, with its sub-attribute when the path names one), optionally narrowed by a value filter
 * and a sub-attribute after it.
 */
record Target(@Nullable ResolvedAttribute attr, @Nullable Schema wholeExtension, @Nullable Filter filter,
    @Nullable AttributeDefinition subAfterFilter, String display) {
}
