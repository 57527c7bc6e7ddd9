package dev.scimsync.filter.sql;

import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.schema.FilterSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where attributes live in a database: columns for single-valued attributes and sub-attributes,
 * child tables for multi-valued ones. Immutable; built with {@link #builder()}. Names match in any
 * case, and a path qualified with a core schema URN finds the unqualified mapping.
 *
 * <pre>{@code
 * SqlMapping users = SqlMapping.builder()
 *     .column("id", new SqlColumn("u.id", AttributeType.STRING, true))
 *     .column("userName", SqlColumn.string("u.user_name"))
 *     .column("name.familyName", SqlColumn.string("u.family_name"))
 *     .column("active", new SqlColumn("u.active", AttributeType.BOOLEAN, false))
 *     .column("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
 *         SqlColumn.string("u.employee_number"))
 *     .childTable("emails", "user_emails", "user_id", "u.id", e -> e
 *         .column("value", SqlColumn.string("value"))
 *         .column("type", SqlColumn.string("type")))
 *     .build();
 * }</pre>
 */
public final class SqlMapping {

  private final Map<String, SqlColumn> columns;
  private final Map<String, SqlChildTable> tables;

  private SqlMapping(Builder b) {
    this.columns = Map.copyOf(b.columns);
    this.tables = Map.copyOf(b.tables);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The column holding {@code path}, or null when unmapped. */
  public @Nullable SqlColumn column(AttributePath path) {
    return lookup(columns, path);
  }

  /** The child table holding the multi-valued attribute {@code path} names, or null. */
  public @Nullable SqlChildTable childTable(AttributePath path) {
    return lookup(tables, path.subAttribute() == null ? path : new AttributePath(path.schema(), path.name(), null));
  }

  /**
   * The columns of the sub-attributes of the complex {@code attribute} ({@code name.givenName},
   * {@code name.familyName} for {@code name}), ordered by path so that generated SQL is stable.
   */
  List<SqlColumn> subAttributeColumns(AttributePath attribute) {
    String dotted = attribute.name().toLowerCase(Locale.ROOT) + ".";
    List<String> prefixes = new ArrayList<>(2);
    if (attribute.schema() == null) {
      prefixes.add(dotted);
    } else {
      prefixes.add(attribute.schema().toLowerCase(Locale.ROOT) + ":" + dotted);
      String core = FilterSchema.CORE_PREFIX;
      if (attribute.schema().regionMatches(true, 0, core, 0, core.length())) {
        prefixes.add(dotted);
      }
    }
    return columns.entrySet().stream()
        .filter(e -> prefixes.stream().anyMatch(e.getKey()::startsWith))
        .sorted(Map.Entry.comparingByKey())
        .map(Map.Entry::getValue)
        .toList();
  }

  private static <T> @Nullable T lookup(Map<String, T> map, AttributePath path) {
    String dotted = path.dotted().toLowerCase(Locale.ROOT);
    if (path.schema() == null) {
      return map.get(dotted);
    }
    T qualified = map.get(path.schema().toLowerCase(Locale.ROOT) + ":" + dotted);
    if (qualified != null) {
      return qualified;
    }
    String core = FilterSchema.CORE_PREFIX;
    return path.schema().regionMatches(true, 0, core, 0, core.length()) ? map.get(dotted) : null;
  }

  /** Builds a {@link SqlMapping}. */
  public static final class Builder {
    private final Map<String, SqlColumn> columns = new HashMap<>();
    private final Map<String, SqlChildTable> tables = new HashMap<>();

    private Builder() {}

    /** Maps an attribute path such as {@code name.givenName} or {@code urn:...:User:department}. */
    public Builder column(String path, SqlColumn column) {
      columns.put(AttributePath.parse(path).key(), Objects.requireNonNull(column, "column"));
      return this;
    }

    /** Maps a case-insensitive string attribute to a column expression. */
    public Builder column(String path, String expression) {
      return column(path, SqlColumn.string(expression));
    }

    /** Maps an attribute of any type. */
    public Builder column(String path, String expression, AttributeType type, boolean caseExact) {
      return column(path, new SqlColumn(expression, type, caseExact));
    }

    /**
     * Maps a multi-valued attribute to a child table whose sub-attribute columns {@code
     * subAttributes} configures.
     */
    public Builder childTable(String attribute, String table, String foreignKey, String ownerKey,
        Consumer<Builder> subAttributes) {
      return childTable(attribute, table, foreignKey, ownerKey, Map.of(), subAttributes);
    }

    /**
     * Maps a multi-valued attribute to a child table (or parenthesized sub-query) that refers to
     * its owner by several columns: {@code foreignKey = ownerKey} and each of {@code moreKeys}
     * (child column to outer expression, e.g. {@code tenant -> u.tenant}).
     */
    public Builder childTable(String attribute, String table, String foreignKey, String ownerKey,
        Map<String, String> moreKeys, Consumer<Builder> subAttributes) {
      Builder sub = new Builder();
      subAttributes.accept(sub);
      AttributePath p = AttributePath.parse(attribute);
      if (p.subAttribute() != null) {
        throw new IllegalArgumentException("a child table holds an attribute, not a sub-attribute: " + attribute);
      }
      tables.put(p.key(), new SqlChildTable(table, foreignKey, ownerKey, sub.build(), moreKeys));
      return this;
    }

    /** The mapping. */
    public SqlMapping build() {
      return new SqlMapping(this);
    }
  }
}
