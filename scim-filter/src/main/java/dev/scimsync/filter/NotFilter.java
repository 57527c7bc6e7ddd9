package dev.scimsync.filter;

import java.util.Objects;

/** The negation {@code not (operand)}. */
public record NotFilter(Filter operand) implements Filter {

  /** Requires a non-null operand. */
  public NotFilter {
    Objects.requireNonNull(operand, "operand");
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitNot(this);
  }

  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
