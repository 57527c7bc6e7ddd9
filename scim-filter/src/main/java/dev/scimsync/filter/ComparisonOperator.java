package dev.scimsync.filter;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The comparison operators of RFC 7644 §3.4.2.2 ({@code pr} is {@link PresentFilter}). */
public enum ComparisonOperator {
  /** equal */
  EQ,
  /** not equal: true exactly when {@link #EQ} is false, also when the attribute is absent */
  NE,
  /** contains (strings) */
  CO,
  /** starts with (strings) */
  SW,
  /** ends with (strings) */
  EW,
  /** greater than */
  GT,
  /** greater than or equal */
  GE,
  /** less than */
  LT,
  /** less than or equal */
  LE;

  private final String token = name().toLowerCase(Locale.ROOT);

  /** The operator as written in filter text, lower case. */
  public String token() {
    return token;
  }

  /** True for {@code gt ge lt le}. */
  public boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }

  /** True for {@code co sw ew}. */
  public boolean isSubstring() {
    return this == CO || this == SW || this == EW;
  }

  /** The operator for a token in any case, or null when the token is no comparison operator. */
  public static @Nullable ComparisonOperator fromToken(String token) {
    if (token.length() != 2) {
      return null;
    }
    char a = Character.toLowerCase(token.charAt(0));
    char b = Character.toLowerCase(token.charAt(1));
    switch (a) {
      case 'e':
        return b == 'q' ? EQ : b == 'w' ? EW : null;
      case 'n':
        return b == 'e' ? NE : null;
      case 'c':
        return b == 'o' ? CO : null;
      case 's':
        return b == 'w' ? SW : null;
      case 'g':
        return b == 't' ? GT : b == 'e' ? GE : null;
      case 'l':
        return b == 't' ? LT : b == 'e' ? LE : null;
      default:
        return null;
    }
  }

  /** Why this operator cannot take {@code value}, or null when it can. */
  @Nullable String problemWith(Literal value) {
    if (isSubstring() && !(value instanceof Literal.StringLiteral)) {
      return "operator '" + token + "' needs a string value, not " + value;
    }
    if (isOrdering()
        && (value instanceof Literal.BooleanLiteral || value instanceof Literal.NullLiteral)) {
      return "operator '" + token + "' cannot compare with " + value;
    }
    return null;
  }
}
