package dev.scimsync.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases the JDBC stores run on, and the little SQL that differs between them: how a JSON
 * document is bound and which migration scripts apply.
 */
public enum Dialect {
  /** PostgreSQL 12 or later: documents in {@code jsonb}, keys in {@code bytea}. */
  POSTGRESQL("postgresql", "CAST(? AS jsonb)"),
  /** H2 2.x (embedded, file or server mode): documents in {@code CLOB}, keys in {@code VARBINARY}. */
  H2("h2", "?");

  private final String folder;
  private final String jsonParameter;

  Dialect(String folder, String jsonParameter) {
    this.folder = folder;
    this.jsonParameter = jsonParameter;
  }

  /** The dialect of the database {@code connection} talks to; IllegalArgumentException for others. */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("unsupported database: " + product + " (PostgreSQL or H2)");
  }

  /** The placeholder that binds a JSON text parameter to the document column type. */
  public String jsonParameter() {
    return jsonParameter;
  }

  /** The classpath folder of this dialect's migration scripts. */
  String migrationFolder() {
    return "dev/scimsync/store/jdbc/schema/" + folder + "/";
  }
}
