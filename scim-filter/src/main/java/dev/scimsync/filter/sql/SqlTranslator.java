package dev.scimsync.filter.sql;

import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterVisitor;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.internal.TypedComparison;
import dev.scimsync.filter.schema.AttributeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Translates a filter into a parameterized SQL {@code WHERE} expression, so that a store on a
 * relational database evaluates filters in the database. Immutable and thread-safe.
 *
 * <p>Safe by construction: filter values become bind parameters only, and attribute names never
 * reach the SQL text; only the trusted expressions of the {@link SqlMapping} do.
 *
 * <p>The SQL means what {@link dev.scimsync.filter.eval.FilterEvaluator} means: text compares
 * through {@code LOWER(...)} unless the column is case-exact, {@code co/sw/ew} use {@code LIKE}
 * with an escape character, {@code ne} and {@code not} treat a NULL column as "no value" (never as
 * SQL's unknown), a multi-valued attribute in a child table matches when any row matches ({@code
 * EXISTS}). dateTime values are bound as {@link OffsetDateTime} in UTC, numbers as {@link
 * BigDecimal}, booleans as {@link Boolean}. Standard SQL; tested on H2, written for PostgreSQL.
 *
 * <p>An attribute without mapping is either rejected ({@link Unmapped#REJECT}, {@code
 * invalidFilter}) or widened to "any row" ({@link Unmapped#SUPERSET}); then {@link SqlWhere#exact()}
 * is false and the caller tests the returned rows in memory.
 */
public final class SqlTranslator {

  /** What to do with attributes that the mapping lacks. */
  public enum Unmapped {
    /** Throw {@link FilterException} with {@code invalidFilter}. */
    REJECT,
    /** Select a superset of the matches and report {@link SqlWhere#exact()} false. */
    SUPERSET
  }

  private static final String ANY_ROW = "1=1";
  private static final char LIKE_ESCAPE = '!';

  private final SqlMapping mapping;
  private final Unmapped unmapped;
  private final boolean tolerant;

  private SqlTranslator(Builder b) {
    this.mapping = Objects.requireNonNull(b.mapping, "mapping");
    this.unmapped = b.unmapped;
    this.tolerant = b.tolerant;
  }

  /** A builder; a mapping is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Translates {@code filter}.
   *
   * @throws FilterException ({@code invalidFilter}) when a comparison does not fit the column type,
   *     or an attribute is unmapped under {@link Unmapped#REJECT}
   */
  public SqlWhere translate(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    Part p = filter.accept(new Visitor(new RootScope(mapping), new int[1]));
    return new SqlWhere(p.sql, p.params, p.exact);
  }

  /** A piece of SQL with its parameters in placeholder order. */
  private record Part(String sql, List<Object> params, boolean exact) {
    static Part anyRow() {
      return new Part(ANY_ROW, List.of(), false);
    }
  }

  /** Where the attribute paths of the current expression resolve. */
  private interface Scope {
    @Nullable SqlColumn column(AttributePath path);

    @Nullable SqlChildTable table(AttributePath path);
  }

  private record RootScope(SqlMapping mapping) implements Scope {
    @Override
    public @Nullable SqlColumn column(AttributePath path) {
      SqlColumn c = mapping.column(path);
      if (c == null && path.subAttribute() == null) {
        // a complex attribute compared without sub-attribute means its "value"
        c = mapping.column(path.withSubAttribute("value"));
      }
      return c;
    }

    @Override
    public @Nullable SqlChildTable table(AttributePath path) {
      return mapping.childTable(path);
    }
  }

  /** Inside {@code attr[...]} on a child table aliased {@code alias}. */
  private record ChildScope(SqlChildTable table, String alias) implements Scope {
    @Override
    public @Nullable SqlColumn column(AttributePath path) {
      SqlColumn c = table.columns().column(path.withoutSchema());
      return c == null ? null : new SqlColumn(alias + "." + c.expression(), c.type(), c.caseExact());
    }

    @Override
    public @Nullable SqlChildTable table(AttributePath path) {
      return null;
    }
  }

  /** Inside {@code attr[...]} on a single-valued complex attribute mapped to columns. */
  private record ComplexScope(Scope outer, AttributePath attribute) implements Scope {
    @Override
    public @Nullable SqlColumn column(AttributePath path) {
      if (path.subAttribute() != null) {
        return null;
      }
      return outer.column(new AttributePath(attribute.schema(), attribute.name(), path.name()));
    }

    @Override
    public @Nullable SqlChildTable table(AttributePath path) {
      return null;
    }
  }

  private final class Visitor implements FilterVisitor<Part> {
    private final Scope scope;
    private final int[] aliasCounter;

    Visitor(Scope scope, int[] aliasCounter) {
      this.scope = scope;
      this.aliasCounter = aliasCounter;
    }

    private Part junction(List<Filter> operands, String word) {
      StringBuilder sql = new StringBuilder();
      List<Object> params = new ArrayList<>();
      boolean exact = true;
      int kept = 0;
      for (Filter f : operands) {
        Part p = f.accept(this);
        exact &= p.exact;
        if (p.sql.equals(ANY_ROW)) {
          if (word.equals("OR")) {
            return Part.anyRow();
          }
          continue; // x AND 1=1 is x
        }
        if (kept++ > 0) {
          sql.append(' ').append(word).append(' ');
        }
        sql.append('(').append(p.sql).append(')');
        params.addAll(p.params);
      }
      if (kept == 0) {
        return Part.anyRow();
      }
      return new Part(sql.toString(), params, exact);
    }

    @Override
    public Part visitAnd(AndFilter f) {
      return junction(f.operands(), "AND");
    }

    @Override
    public Part visitOr(OrFilter f) {
      return junction(f.operands(), "OR");
    }

    @Override
    public Part visitNot(NotFilter f) {
      Part p = f.operand().accept(this);
      if (!p.exact) {
        // the complement of a superset is no superset of the complement
        return Part.anyRow();
      }
      return new Part("NOT (" + p.sql + ")", p.params, true);
    }

    @Override
    public Part visitPresent(PresentFilter f) {
      AttributePath path = f.path();
      SqlChildTable table = scope.table(path);
      if (table != null) {
        String alias = nextAlias();
        String where = path.subAttribute() == null ? null : presentOn(childColumn(table, alias, path.subAttribute()));
        if (path.subAttribute() != null && where == null) {
          return unmapped(path);
        }
        return new Part(exists(table, alias, where), List.of(), true);
      }
      SqlColumn c = scope.column(path);
      if (c == null) {
        return unmapped(path);
      }
      return new Part(presentOnColumn(c), List.of(), true);
    }

    private @Nullable String presentOn(@Nullable SqlColumn c) {
      return c == null ? null : presentOnColumn(c);
    }

    private String presentOnColumn(SqlColumn c) {
      if (c.type() == AttributeType.STRING || c.type() == AttributeType.REFERENCE || c.type() == AttributeType.BINARY) {
        return c.expression() + " IS NOT NULL AND " + c.expression() + " <> ''";
      }
      return c.expression() + " IS NOT NULL";
    }

    @Override
    public Part visitComparison(ComparisonFilter f) {
      AttributePath path = f.path();
      SqlChildTable table = scope.table(path);
      if (table != null) {
        String alias = nextAlias();
        SqlColumn c = childColumn(table, alias, path.subAttribute() == null ? "value" : path.subAttribute());
        if (c == null) {
          return unmapped(path);
        }
        if (f.value() instanceof Literal.NullLiteral) {
          String any = exists(table, alias, c.expression() + " IS NOT NULL");
          return new Part(f.operator() == ComparisonOperator.EQ ? "NOT " + any : any, List.of(), true);
        }
        boolean negate = f.operator() == ComparisonOperator.NE;
        Part atom = atom(path, negate ? ComparisonOperator.EQ : f.operator(), f.value(), c);
        String any = exists(table, alias, atom.sql);
        return new Part(negate ? "NOT " + any : any, atom.params, true);
      }
      SqlColumn c = scope.column(path);
      if (c == null) {
        return unmapped(path);
      }
      if (f.value() instanceof Literal.NullLiteral) {
        return new Part(c.expression() + (f.operator() == ComparisonOperator.EQ ? " IS NULL" : " IS NOT NULL"),
            List.of(), true);
      }
      if (f.operator() == ComparisonOperator.NE) {
        Part eq = atom(path, ComparisonOperator.EQ, f.value(), c);
        return new Part("NOT (" + eq.sql + ")", eq.params, true);
      }
      return atom(path, f.operator(), f.value(), c);
    }

    @Override
    public Part visitValuePath(ValuePathFilter f) {
      AttributePath attr = f.attribute();
      SqlChildTable table = scope.table(attr);
      if (table != null) {
        String alias = nextAlias();
        Part inner = f.filter().accept(new Visitor(new ChildScope(table, alias), aliasCounter));
        String where = inner.sql.equals(ANY_ROW) ? null : inner.sql;
        return new Part(exists(table, alias, where), inner.params, inner.exact);
      }
      Part inner = f.filter().accept(new Visitor(new ComplexScope(scope, attr), aliasCounter));
      // Like the evaluator, a value filter on an absent complex attribute matches nothing, even
      // when the inner filter is negated: require some sub-attribute column to hold a value.
      List<SqlColumn> subColumns = mapping.subAttributeColumns(attr);
      if (subColumns.isEmpty()) {
        return inner;
      }
      StringBuilder any = new StringBuilder();
      for (SqlColumn c : subColumns) {
        if (any.length() > 0) {
          any.append(" OR ");
        }
        any.append(c.expression()).append(" IS NOT NULL");
      }
      String sql = inner.sql.equals(ANY_ROW) ? any.toString() : "(" + any + ") AND (" + inner.sql + ")";
      return new Part(sql, inner.params, inner.exact);
    }

    private @Nullable SqlColumn childColumn(SqlChildTable table, String alias, String sub) {
      return new ChildScope(table, alias).column(AttributePath.of(sub));
    }

    private String exists(SqlChildTable t, String alias, @Nullable String where) {
      StringBuilder sb = new StringBuilder(96)
          .append("EXISTS (SELECT 1 FROM ").append(t.table()).append(' ').append(alias)
          .append(" WHERE ").append(alias).append('.').append(t.foreignKey()).append(" = ").append(t.ownerKey());
      t.moreKeys().forEach((column, owner) ->
          sb.append(" AND ").append(alias).append('.').append(column).append(" = ").append(owner));
      if (where != null) {
        sb.append(" AND (").append(where).append(')');
      }
      return sb.append(')').toString();
    }

    private String nextAlias() {
      return "scim_v" + (++aliasCounter[0]);
    }

    private Part unmapped(AttributePath path) {
      if (unmapped == Unmapped.REJECT) {
        throw new FilterException(FilterException.INVALID_FILTER,
            "attribute '" + path + "' cannot be used in a filter here", -1);
      }
      return Part.anyRow();
    }

    /** {@code column op ?}, true only for a non-NULL column so that NOT stays two-valued. */
    private Part atom(AttributePath path, ComparisonOperator op, Literal lit, SqlColumn c) {
      TypedComparison tc = TypedComparison.resolve(path.toString(), op, lit, c.type(), c.caseExact(), tolerant);
      String col = c.expression();
      String guard = col + " IS NOT NULL AND ";
      switch (tc.kind()) {
        case TEXT -> {
          String v = (String) tc.value();
          String lhs = tc.caseExact() ? col : "LOWER(" + col + ")";
          String param = tc.caseExact() ? v : v.toLowerCase(Locale.ROOT);
          return switch (op) {
            case CO -> like(guard, lhs, "%" + escapeLike(param) + "%");
            case SW -> like(guard, lhs, escapeLike(param) + "%");
            case EW -> like(guard, lhs, "%" + escapeLike(param));
            default -> new Part(guard + lhs + " " + sqlOperator(op) + " ?", List.of(param), true);
          };
        }
        case NUMBER -> {
          return new Part(guard + col + " " + sqlOperator(op) + " ?", List.of(tc.value()), true);
        }
        case BOOLEAN -> {
          return new Part(guard + col + " = ?", List.of(tc.value()), true);
        }
        case INSTANT -> {
          OffsetDateTime t = OffsetDateTime.ofInstant((Instant) tc.value(), ZoneOffset.UTC);
          return new Part(guard + col + " " + sqlOperator(op) + " ?", List.of(t), true);
        }
        default -> throw new IllegalStateException(tc.kind().toString());
      }
    }

    private Part like(String guard, String lhs, String pattern) {
      return new Part(guard + lhs + " LIKE ? ESCAPE '" + LIKE_ESCAPE + "'", List.of(pattern), true);
    }
  }

  private static String sqlOperator(ComparisonOperator op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "<>";
      case GT -> ">";
      case GE -> ">=";
      case LT -> "<";
      case LE -> "<=";
      default -> throw new IllegalArgumentException(op.token());
    };
  }

  /** Escapes LIKE's wildcards so the value matches literally. */
  static String escapeLike(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
        sb.append(LIKE_ESCAPE);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Builds a {@link SqlTranslator}. */
  public static final class Builder {
    private @Nullable SqlMapping mapping;
    private Unmapped unmapped = Unmapped.REJECT;
    private boolean tolerant;

    private Builder() {}

    /** Where attributes live; required. */
    public Builder mapping(SqlMapping mapping) {
      this.mapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /** What to do with unmapped attributes; {@link Unmapped#REJECT} by default. */
    public Builder unmapped(Unmapped unmapped) {
      this.unmapped = Objects.requireNonNull(unmapped, "unmapped");
      return this;
    }

    /** Whether string booleans and numbers are coerced to the column's type. */
    public Builder tolerant(boolean tolerant) {
      this.tolerant = tolerant;
      return this;
    }

    /** The translator. */
    public SqlTranslator build() {
      if (mapping == null) {
        throw new IllegalStateException("a mapping is required");
      }
      return new SqlTranslator(this);
    }
  }
}
