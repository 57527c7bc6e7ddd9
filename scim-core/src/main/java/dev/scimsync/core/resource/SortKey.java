package dev.scimsync.core.resource;

import dev.scimsync.filter.internal.DateTimes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The value one resource is sorted by under {@code sortBy} (RFC 7644 §3.4.2.3), as {@link Sorting}
 * extracts it: the one definition of the sort order, used by the server for stores that cannot sort
 * and by the in-memory store (a database store mirrors it in its ORDER BY).
 *
 * <p>Keys compare first by {@link Kind}, in the order the constants are declared (booleans, then
 * numbers, then dateTimes, then strings, then missing); keys of one kind compare by value: {@code
 * false} before {@code true}, numbers by value, dateTimes as instants, strings by {@link
 * String#compareTo} when {@code caseExact} and by {@link String#CASE_INSENSITIVE_ORDER} otherwise.
 * Kinds mix only when a value does not have the schema's type (or the schema does not know the
 * attribute). A missing value is greater than every value, so it sorts last ascending and first
 * descending (the ascending order reversed).
 *
 * @param kind the kind of value
 * @param value a {@link Boolean}, a {@link BigDecimal} without trailing zeros, an {@link Instant} or
 *     a {@link String}; null exactly when {@code kind} is {@link Kind#MISSING}
 * @param caseExact for strings, whether case matters
 */
public record SortKey(Kind kind, @Nullable Comparable<?> value, boolean caseExact) implements Comparable<SortKey> {

  /** The kinds of sort keys, in their order. */
  public enum Kind {
    /** A boolean. */
    BOOLEAN('b'),
    /** A number. */
    NUMBER('n'),
    /** A dateTime. */
    DATE_TIME('t'),
    /** A string. */
    STRING('s'),
    /** No value. */
    MISSING('z');

    private final char code;

    Kind(char code) {
      this.code = code;
    }
  }

  /** The key of a resource without a value. */
  public static final SortKey MISSING = new SortKey(Kind.MISSING, null, false);

  /** Checks that value and kind agree. */
  public SortKey {
    Objects.requireNonNull(kind, "kind");
    Class<?> expected = switch (kind) {
      case BOOLEAN -> Boolean.class;
      case NUMBER -> BigDecimal.class;
      case DATE_TIME -> Instant.class;
      case STRING -> String.class;
      case MISSING -> null;
    };
    if (expected == null ? value != null : !expected.isInstance(value)) {
      throw new IllegalArgumentException("a " + kind + " key needs a " + (expected == null ? "null" : expected.getSimpleName()));
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public int compareTo(SortKey o) {
    if (kind != o.kind) {
      return kind.compareTo(o.kind);
    }
    if (value == null) {
      return 0;
    }
    if (kind == Kind.STRING && !caseExact) {
      return String.CASE_INSENSITIVE_ORDER.compare((String) value, (String) o.value);
    }
    return ((Comparable) value).compareTo(o.value);
  }

  /** The key as text (for pagination cursors); {@link #decode} reads it back. */
  public String encode() {
    char code = kind == Kind.STRING && caseExact ? 'S' : kind.code;
    return code + (value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
  }

  /**
   * The key {@link #encode()} wrote.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static SortKey decode(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
    String v = text.substring(1);
    switch (text.charAt(0)) {
      case 'z':
        if (!v.isEmpty()) {
          throw new IllegalArgumentException("missing key with a value");
        }
        return MISSING;
      case 'b':
        if (!v.equals("true") && !v.equals("false")) {
          throw new IllegalArgumentException("not a boolean");
        }
        return new SortKey(Kind.BOOLEAN, Boolean.valueOf(v), false);
      case 'n':
        return new SortKey(Kind.NUMBER, new BigDecimal(v), false);
      case 't':
        Instant t = DateTimes.parse(v);
        if (t == null) {
          throw new IllegalArgumentException("not an instant");
        }
        return new SortKey(Kind.DATE_TIME, t, false);
      case 's':
        return new SortKey(Kind.STRING, v, false);
      case 'S':
        return new SortKey(Kind.STRING, v, true);
      default:
        throw new IllegalArgumentException("unknown key kind");
    }
  }
}
