package dev.scimsync.set;

import dev.scimsync.set.jdbc.JdbcPendingSetStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The poll endpoint on the {@link JdbcPendingSetStore}: on H2, and on PostgreSQL when
 * SCIM_TEST_PG_URL is set ({@code .ci/postgres.sh}).
 */
abstract class JdbcSetPollEndpointTest extends SetPollEndpointBehaviour {

  private JdbcPendingSetStore first;

  abstract DataSource dataSource();

  @Override
  PendingSetStore newStore(int maxPerStream) throws SQLException {
    DataSource ds = dataSource();
    JdbcPendingSetStore s = JdbcPendingSetStore.create(ds, maxPerStream);
    if (first == null) {
      // a database shared between test runs starts empty
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM scim_pending_set");
        st.executeUpdate("DELETE FROM scim_pending_set_error");
      }
      first = s;
    }
    return s;
  }

  @Override
  List<Map.Entry<String, SetError>> rejected(String stream) {
    return first.rejected(stream);
  }

  @Override
  int waiting() {
    return first.waiting();
  }

  @Override
  void wakeAll() {
    first.wakeAll();
  }

  static class H2 extends JdbcSetPollEndpointTest {
    private final JdbcDataSource ds = new JdbcDataSource();

    H2() {
      ds.setURL("jdbc:h2:mem:sets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      ds.setUser("sa");
    }

    @Override
    DataSource dataSource() {
      return ds;
    }
  }

  @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = "SCIM_TEST_PG_URL", matches = ".+")
  static class Postgres extends JdbcSetPollEndpointTest {
    @Override
    DataSource dataSource() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(System.getenv("SCIM_TEST_PG_URL"));
      ds.setUser(System.getenv("SCIM_TEST_PG_USER"));
      ds.setPassword(System.getenv("SCIM_TEST_PG_PASSWORD"));
      return ds;
    }
  }
}
