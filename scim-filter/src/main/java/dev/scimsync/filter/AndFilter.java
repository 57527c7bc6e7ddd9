package dev.scimsync.filter;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A conjunction of two or more filters: {@code a and b and c}. Operands that were grouped with
 * parentheses in the source stay nested, so printing reproduces the grouping.
 */
public record AndFilter(List<Filter> operands) implements Filter {

  /** Copies the operands; there must be at least two, none null. */
  public AndFilter {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("'and' needs at least two operands");
    }
  }

  /** A conjunction of exactly two filters. */
  public static AndFilter of(Filter left, Filter right) {
    return new AndFilter(List.of(Objects.requireNonNull(left), Objects.requireNonNull(right)));
  }

  @Override
  public <R extends @Nullable Object> R accept(FilterVisitor<R> visitor) {
    return visitor.visitAnd(this);
  }

  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
