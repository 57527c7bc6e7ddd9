package dev.scimsync.store.jdbc;

import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases tests run on: a new in-memory H2 database, and the PostgreSQL that {@code .ci/run}
 * starts (SCIM_TEST_PG_URL, SCIM_TEST_PG_USER, SCIM_TEST_PG_PASSWORD). Without PostgreSQL the
 * PostgreSQL tests are skipped with a loud warning, except in CI ({@code CI=true}) where they fail.
 */
final class TestDatabases {

  private static final List<String> TABLES = List.of("scim_outbox_delivery", "scim_outbox", "scim_user_emails",
      "scim_group_members", "scim_resource_keys", "scim_users", "scim_groups", "scim_resources", "scim_sync_state", "scim_leases");
  private static HikariDataSource postgres;
  private static boolean warned;

  private TestDatabases() {}

  private static HikariDataSource sharedH2;

  /** The in-memory H2 database the H2 test classes share (one at a time: each test empties it). */
  static synchronized DataSource sharedH2() {
    if (sharedH2 == null) {
      sharedH2 = h2();
    }
    return sharedH2;
  }

  /** A new, empty in-memory H2 database. */
  static HikariDataSource h2() {
    return pool("jdbc:h2:mem:scim-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
  }

  /** The shared PostgreSQL test database, or the test is skipped (failed in CI) when there is none. */
  static synchronized DataSource postgres() {
    if (postgres != null) {
      return postgres;
    }
    String url = System.getenv("SCIM_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      String msg = "WARNING: SCIM_TEST_PG_URL is not set: the PostgreSQL tests of scim-store-jdbc do NOT run, "
          + "only H2 does. .ci/run starts a PostgreSQL for them.";
      if (!warned) {
        warned = true;
        System.err.println("\n*** " + msg + " ***\n");
      }
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true but no PostgreSQL: " + msg);
      }
      Assumptions.abort(msg);
    }
    postgres = pool(url, System.getenv().getOrDefault("SCIM_TEST_PG_USER", "postgres"),
        System.getenv().getOrDefault("SCIM_TEST_PG_PASSWORD", ""));
    return postgres;
  }

  static HikariDataSource pool(String url, String user, String password) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(12);
    c.setPoolName("scim-test");
    return new HikariDataSource(c);
  }

  /** Deletes every row of the store's tables. */
  static void empty(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String t : TABLES) {
        s.executeUpdate("DELETE FROM " + t);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Migrated stores on {@code ds}, emptied first. */
  static JdbcStores stores(DataSource ds) {
    JdbcStores stores = JdbcStores.builder(ds).passwordIterations(1_000).build();
    empty(ds);
    return stores;
  }
}
