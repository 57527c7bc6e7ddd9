package dev.scimsync.filter;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The negation {@code not (operand)}. */
public record NotFilter(Filter operand) implements Filter {

  /** Requires a non-null operand. */
  public NotFilter {
    Objects.requireNonNull(operand, "operand");
  }

  @Override
  public <R extends @Nullable Object> R accept(FilterVisitor<R> visitor) {
    return visitor.visitNot(this);
  }

  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
