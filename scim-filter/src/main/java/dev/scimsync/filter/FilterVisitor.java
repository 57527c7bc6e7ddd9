package dev.scimsync.filter;

import org.jspecify.annotations.Nullable;

/**
 * One method per filter node type. Evaluation, SQL translation and schema checks are each a
 * visitor, so adding one needs no change to the tree.
 *
 * @param <R> what the visit produces
 */
public interface FilterVisitor<R extends @Nullable Object> {
  /** Visits {@code a and b ...}. */
  R visitAnd(AndFilter filter);

  /** Visits {@code a or b ...}. */
  R visitOr(OrFilter filter);

  /** Visits {@code not (f)}. */
  R visitNot(NotFilter filter);

  /** Visits {@code path op value}. */
  R visitComparison(ComparisonFilter filter);

  /** Visits {@code path pr}. */
  R visitPresent(PresentFilter filter);

  /** Visits {@code attr[filter]}. */
  R visitValuePath(ValuePathFilter filter);
}
