package dev.scimsync.filter;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@code path pr}: the attribute has a value that is not null, not empty text and not an empty list or object. */
public record PresentFilter(AttributePath path) implements Filter {

  /** Requires a non-null path. */
  public PresentFilter {
    Objects.requireNonNull(path, "path");
  }

  @Override
  public <R extends @Nullable Object> R accept(FilterVisitor<R> visitor) {
    return visitor.visitPresent(this);
  }

  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
