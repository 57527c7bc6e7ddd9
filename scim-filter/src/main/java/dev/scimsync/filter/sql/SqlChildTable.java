package dev.scimsync.filter.sql;

import java.util.Objects;

/**
 * A table that holds the values of one multi-valued attribute, one row per value, such as {@code
 * user_emails(user_id, value, type, primary_email)}. Filters on the attribute become {@code EXISTS}
 * sub-queries on it.
 *
 * @param table the table name (trusted SQL)
 * @param foreignKey the column of {@code table} that refers to the owning resource
 * @param ownerKey the expression in the outer query it must equal, e.g. {@code u.id}
 * @param columns the mapping of sub-attributes ({@code value}, {@code type}, ...) to columns of
 *     {@code table}, written without table qualifier
 */
public record SqlChildTable(String table, String foreignKey, String ownerKey, SqlMapping columns) {

  /** Requires every part. */
  public SqlChildTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(foreignKey, "foreignKey");
    Objects.requireNonNull(ownerKey, "ownerKey");
    Objects.requireNonNull(columns, "columns");
  }
}
