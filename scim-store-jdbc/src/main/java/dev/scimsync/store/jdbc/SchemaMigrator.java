package dev.scimsync.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the store's versioned SQL scripts ({@code V1__resources.sql}, {@code V2__sync.sql}, ...)
 * that the database has not seen yet, and records each in {@code scim_schema_version}.
 *
 * <p>Why plain scripts and not Flyway: the schema is a handful of tables in two dialects, the
 * store must work from any {@link DataSource} on the module path without a second migration tool
 * in the application, and every statement is idempotent ({@code IF NOT EXISTS}), so replicas that
 * start together converge; on PostgreSQL an advisory lock makes them take turns. Applications that
 * manage their schema with Flyway or Liquibase can copy the scripts from the jar and skip this
 * ({@link JdbcStores.Builder#migrate(boolean)}).
 */
public final class SchemaMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
  /**
   * The scripts in version order; a new version is added here. Versions come from the names
   * ({@code V5__...}) and may have gaps: a version added later below one already applied (two
   * branches numbering theirs apart) is applied when first seen.
   */
  static final List<String> SCRIPTS = List.of("V1__resources.sql", "V2__sync.sql", "V3__outbox.sql",
      "V4__member_order.sql", "V5__pending_sets.sql");
  private static final long LOCK_ID = 0x5c1d_5c1dL;

  private SchemaMigrator() {}

  /** Brings the schema of {@code dataSource} up to the latest version; returns the versions applied. */
  public static List<Integer> migrate(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(c);
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<Integer> applied = migrate(c, dialect);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  private static List<Integer> migrate(Connection c, Dialect dialect) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
      }
      s.execute("CREATE TABLE IF NOT EXISTS scim_schema_version (version INT PRIMARY KEY, "
          + "script VARCHAR(255) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    List<Integer> done = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM scim_schema_version")) {
      while (rs.next()) {
        done.add(rs.getInt(1));
      }
    }
    List<Integer> applied = new ArrayList<>();
    for (String name : SCRIPTS) {
      int version = version(name);
      if (done.contains(version)) {
        continue;
      }
      for (String sql : statements(read(dialect.migrationFolder() + name))) {
        try (Statement s = c.createStatement()) {
          s.execute(sql);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO scim_schema_version (version, script, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
        ps.setInt(1, version);
        ps.setString(2, name);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
        // H2 without a lock: another replica applied the same idempotent script at the same time
      }
      LOG.info("applied schema version {} ({})", version, name);
      applied.add(version);
    }
    return applied;
  }

  /** The version in a script's name: 5 for {@code V5__pending_sets.sql}. */
  static int version(String script) {
    int end = script.indexOf("__");
    if (!script.startsWith("V") || end < 2) {
      throw new IllegalArgumentException("not a versioned script name: " + script);
    }
    return Integer.parseInt(script.substring(1, end));
  }

  /** The statements of a script: split at semicolons ending a line, comments dropped. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String sql = cur.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = SchemaMigrator.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing migration script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
