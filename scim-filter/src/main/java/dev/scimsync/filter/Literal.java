package dev.scimsync.filter;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A comparison value: a JSON string, number, boolean or null (RFC 7644 {@code compValue}). */
public sealed interface Literal
    permits Literal.StringLiteral, Literal.NumberLiteral, Literal.BooleanLiteral, Literal.NullLiteral {

  /** The {@code null} literal. */
  NullLiteral NULL = new NullLiteral();
  /** The {@code true} literal. */
  BooleanLiteral TRUE = new BooleanLiteral(true);
  /** The {@code false} literal. */
  BooleanLiteral FALSE = new BooleanLiteral(false);

  /**
   * The literal for a Java value: String, Boolean, any {@link Number} (converted exactly through
   * its decimal text), or null.
   */
  static Literal of(@Nullable Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof String s) {
      return new StringLiteral(s);
    }
    if (value instanceof Boolean b) {
      return b ? TRUE : FALSE;
    }
    if (value instanceof BigDecimal d) {
      return new NumberLiteral(d);
    }
    if (value instanceof Number n) {
      if (n instanceof Double || n instanceof Float) {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new IllegalArgumentException("not a JSON number: " + n);
        }
      }
      return new NumberLiteral(new BigDecimal(n.toString()));
    }
    throw new IllegalArgumentException("not a SCIM filter value: " + value.getClass().getName());
  }

  /** The value as plain Java: String, BigDecimal, Boolean or null. */
  @Nullable Object javaValue();

  /** A JSON string. */
  record StringLiteral(String value) implements Literal {
    /** Requires non-null text. */
    public StringLiteral {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Object javaValue() {
      return value;
    }

    @Override
    public String toString() {
      return FilterPrinter.quote(value);
    }
  }

  /** A JSON number, kept exactly as a {@link BigDecimal}. */
  record NumberLiteral(BigDecimal value) implements Literal {
    /** Requires a non-null number. */
    public NumberLiteral {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Object javaValue() {
      return value;
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** {@code true} or {@code false}. */
  record BooleanLiteral(boolean value) implements Literal {
    @Override
    public Object javaValue() {
      return value;
    }

    @Override
    public String toString() {
      return value ? "true" : "false";
    }
  }

  /** {@code null}. */
  record NullLiteral() implements Literal {
    @Override
    public @Nullable Object javaValue() {
      return null;
    }

    @Override
    public String toString() {
      return "null";
    }
  }
}
