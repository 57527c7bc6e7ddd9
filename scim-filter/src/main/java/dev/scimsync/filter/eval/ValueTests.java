package dev.scimsync.filter.eval;

import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.filter.internal.TypedComparison;
import dev.scimsync.filter.internal.DateTimes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.NumericNode;
import tools.jackson.databind.node.StringNode;

/** Builds the test of one leaf value for {@code op literal}, chosen by the attribute's type. */
final class ValueTests {

  private ValueTests() {}

  static Locator.ValueTest of(String path, ComparisonOperator op, Literal lit, @Nullable AttributeInfo info, boolean tolerant) {
    if (info == null) {
      return inferred(op, lit, tolerant);
    }
    TypedComparison c = TypedComparison.resolve(path, op, lit, info.type(), info.caseExact(), tolerant);
    return switch (c.kind()) {
      case TEXT -> new StringTest(op, (String) c.value(), c.caseExact(), false, false);
      case NUMBER -> new NumberTest(op, (BigDecimal) c.value(), tolerant);
      case BOOLEAN -> new BooleanTest((Boolean) c.value(), tolerant);
      case INSTANT -> new InstantTest(op, (Instant) c.value());
    };
  }

  /** Without schema knowledge the JSON value's own type decides how it compares. */
  private static Locator.ValueTest inferred(ComparisonOperator op, Literal lit, boolean tolerant) {
    if (lit instanceof Literal.StringLiteral s) {
      return new StringTest(op, s.value(), false, true, tolerant);
    }
    if (lit instanceof Literal.NumberLiteral n) {
      return new NumberTest(op, n.value(), tolerant);
    }
    if (lit instanceof Literal.BooleanLiteral b) {
      return new BooleanTest(b.value(), tolerant);
    }
    throw new IllegalStateException("null literals are handled by the caller");
  }

  static boolean holds(ComparisonOperator op, int c) {
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      default -> false;
    };
  }

  /**
   * Equality with any of a set of texts, case-exact: what {@code eq} with each of them, or-ed,
   * gives on a case-exact text attribute.
   */
  static final class InSet implements Locator.ValueTest {
    private final Set<String> texts;

    InSet(Set<String> texts) {
      this.texts = Set.copyOf(texts);
    }

    @Override
    public boolean test(JsonNode v) {
      return v instanceof StringNode node && texts.contains(node.stringValue());
    }
  }

  /** Text comparison; without schema also instants, and in tolerant mode booleans and numbers. */
  static final class StringTest implements Locator.ValueTest {
    private final ComparisonOperator op;
    private final String lit;
    private final boolean caseExact;
    private final @Nullable Instant litInstant;
    private final @Nullable Boolean litBoolean;
    private final @Nullable BigDecimal litNumber;
    private final @Nullable Folded folded;

    StringTest(ComparisonOperator op, String lit, boolean caseExact, boolean infer, boolean tolerant) {
      this.op = op;
      this.lit = lit;
      this.caseExact = caseExact;
      this.litInstant = infer && !op.isSubstring() ? DateTimes.parse(lit) : null;
      this.litBoolean = tolerant && op == ComparisonOperator.EQ ? TypedComparison.parseBoolean(lit) : null;
      this.litNumber = tolerant && !op.isSubstring() ? TypedComparison.parseNumber(lit) : null;
      this.folded = caseExact ? null : new Folded(lit);
    }

    @Override
    public boolean test(JsonNode v) {
      if (v instanceof StringNode node) {
        String s = node.stringValue();
        if (litInstant != null) {
          Instant t = DateTimes.parse(s);
          if (t != null) {
            return holds(op, t.compareTo(litInstant));
          }
        }
        return text(s);
      }
      if (litBoolean != null && v instanceof BooleanNode b) {
        return b.booleanValue() == litBoolean;
      }
      if (litNumber != null && v instanceof NumericNode) {
        return holds(op, NumberTest.compare(v, litNumber, null));
      }
      return false;
    }

    private boolean text(String s) {
      switch (op) {
        case EQ:
          return caseExact ? s.equals(lit) : s.equalsIgnoreCase(lit);
        case CO:
          return folded == null ? s.contains(lit) : folded.containedIn(s);
        case SW:
          return folded == null ? s.startsWith(lit) : folded.matchesAt(s, 0);
        case EW:
          return folded == null ? s.endsWith(lit) : folded.matchesAt(s, s.length() - lit.length());
        default:
          return holds(op, caseExact ? s.compareTo(lit) : s.compareToIgnoreCase(lit));
      }
    }
  }

  /**
   * A literal prepared for case-insensitive matching with the rules of {@link
   * String#regionMatches(boolean, int, String, int, int)}: both case forms of every character are
   * computed once, so that the scan of a value folds case only for non-ASCII characters.
   */
  static final class Folded {
    private static final char[] ASCII_LOWER = new char[128];

    static {
      for (char c = 0; c < 128; c++) {
        ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      }
    }

    private final String literal;
    private final char[] upper;
    private final char[] lower;
    /**
     * Every character that matches the literal's first one, when that folds to ASCII: then a few
     * {@code indexOf} calls find every candidate position (see containedIn); else null.
     */
    private final char @Nullable [] firsts;

    Folded(String literal) {
      this.literal = literal;
      int n = literal.length();
      upper = new char[n];
      lower = new char[n];
      for (int i = 0; i < n; i++) {
        char u = Character.toUpperCase(literal.charAt(i));
        upper[i] = u;
        lower[i] = Character.toLowerCase(u);
      }
      firsts = n > 0 && lower[0] < 0x80 ? matchesOf(lower[0]) : null;
    }

    /**
     * The characters {@code c} with {@link #same}{@code (c, 0)} for a first character folding to
     * the ASCII {@code l}: {@code l}, its ASCII upper case, and the only four non-ASCII characters
     * whose upper-then-lower case is ASCII (dotted and dotless I, long s, the Kelvin sign).
     */
    private static char[] matchesOf(char l) {
      char u = l >= 'a' && l <= 'z' ? (char) (l - 32) : l;
      return switch (l) {
        case 'i' -> new char[] {l, u, '\u0130', '\u0131'};
        case 's' -> new char[] {l, u, '\u017F'};
        case 'k' -> new char[] {l, u, '\u212A'};
        default -> u == l ? new char[] {l} : new char[] {l, u};
      };
    }

    /** Whether {@code s} holds the literal at {@code offset}, ignoring case. */
    boolean matchesAt(String s, int offset) {
      int n = upper.length;
      if (offset < 0 || offset > s.length() - n) {
        return false;
      }
      if (s.startsWith(literal, offset)) {
        return true; // same case: one intrinsic comparison
      }
      for (int i = 0; i < n; i++) {
        if (!same(s.charAt(offset + i), i)) {
          return false;
        }
      }
      return true;
    }

    /** Whether {@code s} contains the literal anywhere, ignoring case. */
    boolean containedIn(String s) {
      int n = upper.length;
      if (n == 0) {
        return true;
      }
      int max = s.length() - n;
      char[] fs = firsts;
      if (fs != null) {
        int at = 0;
        while (at <= max) {
          int next = -1;
          for (char f : fs) {
            // intrinsic scans; a non-Latin-1 character is rejected at once in Latin-1 text
            int i = s.indexOf(f, at);
            if (i >= 0 && (next < 0 || i < next)) {
              next = i;
            }
          }
          if (next < 0 || next > max) {
            return false;
          }
          if (matchesAt(s, next)) {
            return true;
          }
          at = next + 1;
        }
        return false;
      }
      for (int at = 0; at <= max; at++) {
        if (same(s.charAt(at), 0) && matchesAt(s, at)) {
          return true;
        }
      }
      return false;
    }

    private boolean same(char c, int i) {
      if (c < 0x80) {
        // for an ASCII character, regionMatches' rules reduce to comparing its lower case with
        // the literal's folded form (also when that comes from a non-ASCII letter such as the
        // Kelvin sign, whose folded form is 'k')
        return ASCII_LOWER[c] == lower[i];
      }
      char u = Character.toUpperCase(c);
      return u == upper[i] || Character.toLowerCase(u) == lower[i];
    }
  }

  /** Numeric comparison by value, never by text. */
  static final class NumberTest implements Locator.ValueTest {
    private final ComparisonOperator op;
    private final BigDecimal lit;
    private final @Nullable Long litLong;
    private final boolean tolerant;

    NumberTest(ComparisonOperator op, BigDecimal lit, boolean tolerant) {
      this.op = op;
      this.lit = lit;
      this.tolerant = tolerant;
      Long l = null;
      if (lit.signum() == 0 || (lit.scale() <= 0 && lit.precision() - lit.scale() <= 18)) {
        l = lit.longValue();
      } else {
        BigDecimal stripped = lit.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
          l = stripped.longValue();
        }
      }
      this.litLong = l;
    }

    @Override
    public boolean test(JsonNode v) {
      if (v instanceof NumericNode) {
        return holds(op, compare(v, lit, litLong));
      }
      if (tolerant && v instanceof StringNode) {
        BigDecimal d = TypedComparison.parseNumber(v.stringValue());
        return d != null && holds(op, d.compareTo(lit));
      }
      return false;
    }

    static int compare(JsonNode v, BigDecimal lit, @Nullable Long litLong) {
      if (litLong != null && v.isIntegralNumber() && v.canConvertToLong()) {
        return Long.compare(v.longValue(), litLong);
      }
      return v.decimalValue().compareTo(lit);
    }
  }

  /** Boolean equality; tolerant mode also reads "True"/"False" text. */
  static final class BooleanTest implements Locator.ValueTest {
    private final boolean lit;
    private final boolean tolerant;

    BooleanTest(boolean lit, boolean tolerant) {
      this.lit = lit;
      this.tolerant = tolerant;
    }

    @Override
    public boolean test(JsonNode v) {
      if (v instanceof BooleanNode b) {
        return b.booleanValue() == lit;
      }
      if (tolerant && v instanceof StringNode) {
        Boolean b = TypedComparison.parseBoolean(v.stringValue());
        return b != null && b == lit;
      }
      return false;
    }
  }

  /** dateTime comparison by instant. */
  static final class InstantTest implements Locator.ValueTest {
    private final ComparisonOperator op;
    private final Instant lit;

    InstantTest(ComparisonOperator op, Instant lit) {
      this.op = op;
      this.lit = lit;
    }

    @Override
    public boolean test(JsonNode v) {
      if (!(v instanceof StringNode s)) {
        return false;
      }
      Instant t = DateTimes.parse(s.stringValue());
      return t != null && holds(op, t.compareTo(lit));
    }
  }
}
