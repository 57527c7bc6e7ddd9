package dev.scimsync.filter;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code path op value}, for the eight comparison operators. Combinations that RFC 7644 rules out
 * regardless of schema are rejected here: {@code co}, {@code sw} and {@code ew} take a string, and
 * {@code gt}, {@code ge}, {@code lt} and {@code le} take neither a boolean nor null.
 */
public record ComparisonFilter(AttributePath path, ComparisonOperator operator, Literal value)
    implements Filter {

  /** Validates the operator against the kind of literal. */
  public ComparisonFilter {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
    String problem = operator.problemWith(value);
    if (problem != null) {
      throw new FilterException(FilterException.INVALID_FILTER, problem, -1);
    }
  }

  @Override
  public <R extends @Nullable Object> R accept(FilterVisitor<R> visitor) {
    return visitor.visitComparison(this);
  }

  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
