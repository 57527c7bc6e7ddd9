package dev.scimsync.filter.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table that holds the values of one multi-valued attribute, one row per value, such as {@code
 * user_emails(user_id, value, type, primary_email)}. Filters on the attribute become {@code EXISTS}
 * sub-queries on it.
 *
 * @param table the table name, or a parenthesized sub-query, e.g. a join (trusted SQL)
 * @param foreignKey the column of {@code table} that refers to the owning resource
 * @param ownerKey the expression in the outer query it must equal, e.g. {@code u.id}
 * @param columns the mapping of sub-attributes ({@code value}, {@code type}, ...) to columns of
 *     {@code table}, written without table qualifier
 * @param moreKeys further columns of {@code table} that must equal an expression of the outer
 *     query, in order, e.g. {@code tenant -> u.tenant} when the owner's key has several columns;
 *     empty when {@code foreignKey} alone identifies the owner
 */
public record SqlChildTable(String table, String foreignKey, String ownerKey, SqlMapping columns,
    Map<String, String> moreKeys) {

  /** Requires every part; keeps the order of {@code moreKeys}. */
  public SqlChildTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(foreignKey, "foreignKey");
    Objects.requireNonNull(ownerKey, "ownerKey");
    Objects.requireNonNull(columns, "columns");
    moreKeys = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(moreKeys, "moreKeys")));
  }

  /** A child table whose {@code foreignKey} alone refers to the owner. */
  public SqlChildTable(String table, String foreignKey, String ownerKey, SqlMapping columns) {
    this(table, foreignKey, ownerKey, columns, Map.of());
  }
}
