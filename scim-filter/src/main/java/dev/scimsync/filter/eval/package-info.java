/**
 * Filter evaluation against JSON resources: {@link dev.scimsync.filter.eval.FilterEvaluator}
 * compiles a filter to a {@link dev.scimsync.filter.eval.CompiledFilter}. Nothing is null unless
 * marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.filter.eval;

import org.jspecify.annotations.NullMarked;
