package dev.scimsync.filter.sql;

import java.util.List;
import java.util.Objects;

/**
 * A translated filter: a SQL boolean expression with {@code ?} placeholders and the values to
 * bind to them, in order.
 *
 * @param sql the expression, to be put after {@code WHERE} (or {@code AND})
 * @param parameters the bind values: String, BigDecimal, Boolean or {@link java.time.OffsetDateTime}
 * @param exact true when the expression selects exactly the matching rows; false when it selects a
 *     superset because some attribute was unmapped, and the caller must still test each row with
 *     the filter in memory
 */
public record SqlWhere(String sql, List<Object> parameters, boolean exact) {

  /** Copies the parameters. */
  public SqlWhere {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
  }
}
