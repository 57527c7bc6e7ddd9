package dev.scimsync.filter.sql;

import dev.scimsync.filter.schema.AttributeType;
import java.util.Objects;

/**
 * A column (or any SQL expression) that holds one single-valued attribute.
 *
 * <p>The expression is trusted SQL written by the application, e.g. {@code u.user_name}; it never
 * comes from a request. Values from filters only ever reach the database as bind parameters.
 *
 * @param expression the SQL expression naming the column
 * @param type the SCIM type, which decides how parameters are bound (see {@link SqlTranslator})
 * @param caseExact whether text compares with case; otherwise both sides are lower-cased
 */
public record SqlColumn(String expression, AttributeType type, boolean caseExact) {

  /** Requires an expression and a simple (non-complex) type. */
  public SqlColumn {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(type, "type");
    if (expression.isBlank()) {
      throw new IllegalArgumentException("empty column expression");
    }
    if (type == AttributeType.COMPLEX) {
      throw new IllegalArgumentException("a column holds a simple type, not complex");
    }
  }

  /** A case-insensitive string column. */
  public static SqlColumn string(String expression) {
    return new SqlColumn(expression, AttributeType.STRING, false);
  }
}
