package dev.scimsync.filter;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A disjunction of two or more filters: {@code a or b or c}. Operands that were grouped with
 * parentheses in the source stay nested, so printing reproduces the grouping.
 */
public record OrFilter(List<Filter> operands) implements Filter {

  /** Copies the operands; there must be at least two, none null. */
  public OrFilter {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("'or' needs at least two operands");
    }
  }

  /** A disjunction of exactly two filters. */
  public static OrFilter of(Filter left, Filter right) {
    return new OrFilter(List.of(Objects.requireNonNull(left), Objects.requireNonNull(right)));
  }

  @Override
  public <R extends @Nullable Object> R accept(FilterVisitor<R> visitor) {
    return visitor.visitOr(this);
  }

  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
