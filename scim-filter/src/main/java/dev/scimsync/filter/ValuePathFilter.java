package dev.scimsync.filter;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code attribute[filter]}: at least one value of a (usually multi-valued, complex) attribute
 * matches {@code filter}, whose attribute paths are relative to that value, e.g. {@code
 * emails[type eq "work" and value co "@example.com"]}.
 *
 * <p>The form {@code emails[type eq "work"].value eq "x"} that Entra ID sends is read as {@code
 * emails[type eq "work" and value eq "x"]}, which means the same thing.
 */
public record ValuePathFilter(AttributePath attribute, Filter filter) implements Filter {

  /** Requires both parts; the attribute path may not itself have a sub-attribute. */
  public ValuePathFilter {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(filter, "filter");
    if (attribute.subAttribute() != null) {
      throw new IllegalArgumentException("a value path names an attribute, not a sub-attribute: " + attribute);
    }
    if (containsValuePath(filter)) {
      throw new FilterException(FilterException.INVALID_FILTER,
          "a value filter cannot be nested inside another value filter: " + attribute, -1);
    }
  }

  /** True when {@code f} has a value path anywhere inside. */
  static boolean containsValuePath(Filter f) {
    if (f instanceof ValuePathFilter) {
      return true;
    }
    if (f instanceof AndFilter a) {
      return a.operands().stream().anyMatch(ValuePathFilter::containsValuePath);
    }
    if (f instanceof OrFilter o) {
      return o.operands().stream().anyMatch(ValuePathFilter::containsValuePath);
    }
    return f instanceof NotFilter n && containsValuePath(n.operand());
  }

  @Override
  public <R extends @Nullable Object> R accept(FilterVisitor<R> visitor) {
    return visitor.visitValuePath(this);
  }

  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
