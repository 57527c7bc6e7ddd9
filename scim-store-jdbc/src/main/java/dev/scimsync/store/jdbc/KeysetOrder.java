package dev.scimsync.store.jdbc;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The ORDER BY of a search and the keyset predicate that continues it after a position, with
 * scim-core {@code Sorting}'s semantics: values ascending or descending, resources without a value
 * last ascending and first descending, ties broken by a unique, ever-growing sequence column
 * (ascending in both directions). Positions are what RFC 9865 cursors carry: the sequence number
 * and sort key of the last resource of a page, so a deep page costs as much as the first.
 *
 * <p>Immutable. The SQL it returns names only the trusted expressions given to it; keys are bind
 * parameters.
 */
public final class KeysetOrder {

  /** How a sort column is stored, and so compared and encoded. */
  public enum Kind {
    /** A {@link SortKeys} text key, compared bytewise. */
    BYTES,
    /** A {@code TIMESTAMP WITH TIME ZONE}. */
    TIMESTAMP,
    /** A {@code BOOLEAN} (false before true). */
    BOOLEAN
  }

  /**
   * A column a search can sort by.
   *
   * @param expression the trusted SQL expression, e.g. {@code u.user_name_key}
   * @param kind how it is stored
   * @param nullable whether resources may lack a value
   */
  public record SortColumn(String expression, Kind kind, boolean nullable) {
    /** Requires an expression and a kind. */
    public SortColumn {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * A position in the order: just after the resource with sequence number {@code seq} and sort
   * key {@code key} (null when it had no value, or in the default order).
   *
   * @param seq the sequence number
   * @param key a byte[], {@link OffsetDateTime} or Boolean as {@link Kind} says, or null
   */
  public record Position(long seq, @Nullable Object key) {}

  private final @Nullable SortColumn column;
  private final String seq;
  private final boolean descending;

  /**
   * @param column the sort column, or null for the default order (by {@code seqExpression})
   * @param seqExpression the sequence column, e.g. {@code u.seq}
   * @param descending whether values go largest first
   */
  public KeysetOrder(@Nullable SortColumn column, String seqExpression, boolean descending) {
    this.column = column;
    this.seq = Objects.requireNonNull(seqExpression, "seqExpression");
    this.descending = descending;
  }

  /** The {@code ORDER BY ...} clause. */
  public String orderBy() {
    if (column == null) {
      return "ORDER BY " + seq;
    }
    String k = column.expression();
    StringBuilder b = new StringBuilder("ORDER BY ");
    if (column.nullable()) {
      b.append("CASE WHEN ").append(k).append(descending ? " IS NULL THEN 0 ELSE 1 END, " : " IS NULL THEN 1 ELSE 0 END, ");
    }
    return b.append(k).append(descending ? " DESC, " : ", ").append(seq).toString();
  }

  /** The expression to select as the sort key of each row (for {@link #position}), or null. */
  public @Nullable String keyExpression() {
    return column == null ? null : column.expression();
  }

  /**
   * The condition that keeps only rows after {@code p}, appending its bind values to {@code
   * params}.
   */
  public String after(Position p, List<Object> params) {
    if (column == null) {
      params.add(p.seq());
      return seq + " > ?";
    }
    String k = column.expression();
    if (p.key() == null) {
      params.add(p.seq());
      return descending ? "((" + k + " IS NULL AND " + seq + " > ?) OR " + k + " IS NOT NULL)"
          : "(" + k + " IS NULL AND " + seq + " > ?)";
    }
    params.add(p.key());
    params.add(p.key());
    params.add(p.seq());
    String op = descending ? " < " : " > ";
    String valued = "(" + k + " IS NOT NULL AND (" + k + op + "? OR (" + k + " = ? AND " + seq + " > ?)))";
    return descending ? valued : "(" + valued + " OR " + k + " IS NULL)";
  }

  /** The position of the current row, whose sort key was selected as {@code keyLabel}. */
  public Position position(ResultSet rs, long rowSeq, String keyLabel) throws SQLException {
    if (column == null) {
      return new Position(rowSeq, null);
    }
    Object key = switch (column.kind()) {
      case BYTES -> rs.getBytes(keyLabel);
      case TIMESTAMP -> rs.getObject(keyLabel, OffsetDateTime.class);
      case BOOLEAN -> {
        boolean v = rs.getBoolean(keyLabel);
        yield rs.wasNull() ? null : v;
      }
    };
    return new Position(rowSeq, key);
  }

  /** The position as text: {@code <seq>.<kind><key>}, which {@link #decode} reads back. */
  public String encode(Position p) {
    String key;
    if (p.key() == null) {
      key = "-";
    } else if (p.key() instanceof byte[] b) {
      key = "b" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    } else if (p.key() instanceof OffsetDateTime t) {
      key = "t" + t.toInstant();
    } else {
      key = "z" + p.key();
    }
    return p.seq() + "." + key;
  }

  /** The position {@link #encode} wrote for this order; 400 invalidCursor for anything else. */
  public Position decode(String text) {
    try {
      int dot = text.indexOf('.');
      long s = Long.parseLong(text.substring(0, dot));
      String key = text.substring(dot + 1);
      if (key.equals("-")) {
        if (column != null && !column.nullable()) {
          throw new IllegalArgumentException("missing key for a column that always has one");
        }
        return new Position(s, null);
      }
      if (column == null) {
        throw new IllegalArgumentException("a key in the default order");
      }
      char kind = key.charAt(0);
      String v = key.substring(1);
      Object k = switch (column.kind()) {
        case BYTES -> kind == 'b' ? Base64.getUrlDecoder().decode(v) : bad();
        case TIMESTAMP -> kind == 't' ? OffsetDateTime.ofInstant(Instant.parse(v), ZoneOffset.UTC) : bad();
        case BOOLEAN -> kind == 'z' && (v.equals("true") || v.equals("false")) ? Boolean.valueOf(v) : bad();
      };
      return new Position(s, k);
    } catch (RuntimeException e) {
      throw new ScimException(400, ScimType.INVALID_CURSOR, "invalid cursor");
    }
  }

  private static Object bad() {
    throw new IllegalArgumentException("wrong key kind");
  }

  @Override
  public String toString() {
    return orderBy();
  }

  static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String unbase64(String text) {
    try {
      return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ScimException(400, ScimType.INVALID_CURSOR, "invalid cursor");
    }
  }
}
