package dev.scimsync.store.jdbc;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.sql.SqlColumn;
import dev.scimsync.filter.sql.SqlMapping;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Helpers for a JSON document column: writing and reading it, and mapping the attributes kept
 * only in the document to SQL expressions so that filters on them run in the database (PostgreSQL
 * {@code jsonb} operators; H2 has none, so there they stay unmapped and are tested in memory).
 */
public final class JsonColumns {

  private JsonColumns() {}

  /** Binds {@code doc} as JSON text at {@code index}; the SQL must use {@link Dialect#jsonParameter()}. */
  public static void bind(PreparedStatement ps, int index, ObjectNode doc) throws SQLException {
    ps.setString(index, doc.toString());
  }

  /** The document in column {@code column} of the current row. */
  public static ObjectNode read(ResultSet rs, String column) throws SQLException {
    return ScimJson.parseObject(rs.getString(column));
  }

  /**
   * The SQL expression for the text at {@code keys} inside the document column {@code docColumn}
   * (e.g. {@code u.doc->'name'->>'familyName'}), or null when {@code dialect} cannot address JSON.
   * Keys must be trusted names from a schema, never request input.
   */
  public static @Nullable String textPath(Dialect dialect, String docColumn, String... keys) {
    return dialect == Dialect.POSTGRESQL ? postgresTextPath(docColumn, keys) : null;
  }

  private static String postgresTextPath(String docColumn, String... keys) {
    StringBuilder b = new StringBuilder("(").append(docColumn);
    for (int i = 0; i < keys.length; i++) {
      b.append(i == keys.length - 1 ? "->>" : "->").append('\'').append(keys[i].replace("'", "''")).append('\'');
    }
    return b.append(')').toString();
  }

  /**
   * Maps every single-valued string attribute of {@code schema} (core and extensions, and the
   * string sub-attributes of single-valued complex attributes) that is not in {@code alreadyMapped}
   * to its place in the document column, so that filters on, say, {@code title} or the enterprise
   * {@code employeeNumber} are evaluated by PostgreSQL. Does nothing on H2.
   *
   * @param alreadyMapped lower-case attribute paths mapped to real columns, left alone
   */
  public static void mapDocumentAttributes(SqlMapping.Builder mapping, Dialect dialect, String docColumn,
      ResourceSchema schema, Set<String> alreadyMapped) {
    if (dialect != Dialect.POSTGRESQL) {
      return;
    }
    mapSchema(mapping, docColumn, schema.core(), null, alreadyMapped);
    for (Schema ext : schema.extensions()) {
      mapSchema(mapping, docColumn, ext, ext.id(), alreadyMapped);
    }
  }

  private static void mapSchema(SqlMapping.Builder mapping, String docColumn, Schema schema, @Nullable String urn,
      Set<String> alreadyMapped) {
    for (AttributeDefinition a : schema.attributes()) {
      if (a.multiValued()) {
        continue;
      }
      if (isText(a)) {
        add(mapping, urn, a.name(), null, a.caseExact(), docColumn, alreadyMapped);
      } else if (a.isComplex()) {
        for (AttributeDefinition s : a.subAttributes()) {
          if (!s.multiValued() && isText(s)) {
            add(mapping, urn, a.name(), s.name(), s.caseExact(), docColumn, alreadyMapped);
          }
        }
      }
    }
  }

  private static void add(SqlMapping.Builder mapping, @Nullable String urn, String name, @Nullable String sub,
      boolean caseExact,
      String docColumn, Set<String> alreadyMapped) {
    String dotted = sub == null ? name : name + "." + sub;
    // only core attributes have columns; an extension attribute of the same name is its own
    if (urn == null && alreadyMapped.contains(dotted.toLowerCase(java.util.Locale.ROOT))) {
      return;
    }
    String expr = urn == null
        ? (sub == null ? postgresTextPath(docColumn, name) : postgresTextPath(docColumn, name, sub))
        : (sub == null ? postgresTextPath(docColumn, urn, name) : postgresTextPath(docColumn, urn, name, sub));
    String path = urn == null ? dotted : urn + ":" + dotted;
    mapping.column(path, new SqlColumn(expr, AttributeType.STRING, caseExact));
  }

  private static boolean isText(AttributeDefinition a) {
    return a.type() == AttributeType.STRING || a.type() == AttributeType.REFERENCE;
  }
}
