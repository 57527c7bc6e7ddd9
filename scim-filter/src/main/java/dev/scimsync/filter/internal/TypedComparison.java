package dev.scimsync.filter.internal;

import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.schema.AttributeType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a comparison means once the attribute's type is known: which kind of comparison, against
 * which value. The evaluator and the SQL translator both decide here, so that a filter means the
 * same in memory and in a database, and both reject the same mismatches.
 *
 * @param kind how values compare
 * @param value a String (TEXT), BigDecimal (NUMBER), Boolean (BOOLEAN) or Instant (INSTANT)
 * @param caseExact for TEXT: whether case matters
 */
public record TypedComparison(Kind kind, Object value, boolean caseExact) {

  /** How values compare. */
  public enum Kind { TEXT, NUMBER, BOOLEAN, INSTANT }

  /**
   * Resolves {@code op lit} against an attribute of {@code type}; never called with a null literal.
   *
   * @throws FilterException ({@code invalidFilter}) when the schema rules the comparison out
   */
  public static TypedComparison resolve(String path, ComparisonOperator op, Literal lit, AttributeType type,
      boolean caseExact, boolean tolerant) {
    if (type == AttributeType.COMPLEX) {
      throw invalid("attribute '" + path + "' is complex; compare one of its sub-attributes instead");
    }
    if (op.isOrdering() && (type == AttributeType.BOOLEAN || type == AttributeType.BINARY)) {
      throw invalid("attribute '" + path + "' is " + type.wireName() + " and cannot be compared with '" + op.token() + "'");
    }
    boolean textual = type == AttributeType.STRING || type == AttributeType.REFERENCE || type == AttributeType.BINARY;
    if (op.isSubstring() && !textual) {
      throw invalid("operator '" + op.token() + "' applies to text; attribute '" + path + "' is " + type.wireName());
    }
    if (lit instanceof Literal.StringLiteral s) {
      String text = s.value();
      if (textual) {
        return new TypedComparison(Kind.TEXT, text, caseExact);
      }
      switch (type) {
        case DATE_TIME -> {
          Instant t = DateTimes.parse(text);
          if (t == null) {
            throw invalid("\"" + text + "\" is not a dateTime, which attribute '" + path + "' holds");
          }
          return new TypedComparison(Kind.INSTANT, t, false);
        }
        case BOOLEAN -> {
          Boolean b = tolerant ? parseBoolean(text) : null;
          if (b == null) {
            throw invalid("attribute '" + path + "' is boolean; compare it with true or false, not \"" + text + "\"");
          }
          return new TypedComparison(Kind.BOOLEAN, b, false);
        }
        default -> {
          BigDecimal d = tolerant ? parseNumber(text) : null;
          if (d == null) {
            throw invalid("attribute '" + path + "' is a number; compare it with a number, not \"" + text + "\"");
          }
          return new TypedComparison(Kind.NUMBER, d, false);
        }
      }
    }
    if (lit instanceof Literal.NumberLiteral n) {
      if (type == AttributeType.INTEGER || type == AttributeType.DECIMAL) {
        return new TypedComparison(Kind.NUMBER, n.value(), false);
      }
      if (tolerant && textual) {
        return new TypedComparison(Kind.TEXT, n.value().toString(), caseExact);
      }
      throw invalid("attribute '" + path + "' is " + type.wireName() + " and cannot be compared with number " + n);
    }
    if (lit instanceof Literal.BooleanLiteral b) {
      if (type == AttributeType.BOOLEAN) {
        return new TypedComparison(Kind.BOOLEAN, b.value(), false);
      }
      if (tolerant && textual) {
        return new TypedComparison(Kind.TEXT, b.toString(), false);
      }
      throw invalid("attribute '" + path + "' is " + type.wireName() + " and cannot be compared with " + b);
    }
    throw new IllegalArgumentException("null literals have no typed comparison");
  }

  /** An {@code invalidFilter} error without position. */
  public static FilterException invalid(String message) {
    return new FilterException(FilterException.INVALID_FILTER, message, -1);
  }

  /** "true"/"false" in any case, else null. */
  public static Boolean parseBoolean(String s) {
    if (s.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (s.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** A decimal number in plain or exponent notation, else null. */
  public static BigDecimal parseNumber(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 100) {
      return null;
    }
    char c = t.charAt(0);
    if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
      return null;
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
