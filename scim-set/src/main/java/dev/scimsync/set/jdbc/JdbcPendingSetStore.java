package dev.scimsync.set.jdbc;

import dev.scimsync.set.PendingSetStore;
import dev.scimsync.set.SetError;
import dev.scimsync.store.jdbc.SchemaMigrator;
import dev.scimsync.store.jdbc.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PendingSetStore} in a database (PostgreSQL or H2, the tables of {@code scim-store-jdbc}'s
 * schema version 5): pending SETs survive a restart and are shared by the replicas of an
 * application, so a receiver may poll any of them. As {@link dev.scimsync.set.InMemoryPendingSetStore},
 * at most {@code maxPerStream} SETs wait per stream (past that the oldest are dropped and logged)
 * and the last 1,000 rejections per stream are kept for {@link #rejected}.
 *
 * <p>{@link #await} wakes at once for a SET added through this instance and re-reads the table
 * every {@link #RECHECK} for SETs added by another replica. Thread-safe.
 */
public final class JdbcPendingSetStore implements PendingSetStore {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcPendingSetStore.class);
  private static final int KEPT_REJECTIONS = 1_000;
  private static final int MAX_DESCRIPTION = 1000;
  /** How often a waiting poll looks for SETs another replica added. */
  public static final Duration RECHECK = Duration.ofSeconds(1);
  /** SQLSTATE of a unique-constraint violation, on both databases. */
  private static final String DUPLICATE = "23505";

  private final Transactions tx;
  private final int maxPerStream;
  private final Object added = new Object();
  private int waiting;

  private JdbcPendingSetStore(DataSource dataSource, int maxPerStream) {
    this.tx = new Transactions(dataSource, Map.of());
    this.maxPerStream = maxPerStream;
  }

  /**
   * A store on {@code dataSource}, bringing its schema up to date first (as {@code JdbcStores}
   * does; idempotent).
   *
   * @throws IllegalArgumentException when {@code maxPerStream} is below 1
   * @throws IllegalStateException when the schema cannot be migrated
   */
  public static JdbcPendingSetStore create(DataSource dataSource, int maxPerStream) {
    if (maxPerStream < 1) {
      throw new IllegalArgumentException("maxPerStream must be at least 1");
    }
    try {
      SchemaMigrator.migrate(dataSource);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot migrate the schema of the pending SETs", e);
    }
    return new JdbcPendingSetStore(dataSource, maxPerStream);
  }

  @Override
  public void add(String stream, String jti, String signedSet) {
    // autocommit: a concurrent add of the same jti fails alone, without a transaction to abort
    tx.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO scim_pending_set (stream, jti, signed_set, added_at) "
          + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM scim_pending_set WHERE stream = ? AND jti = ?)")) {
        ps.setString(1, stream);
        ps.setString(2, jti);
        ps.setString(3, signedSet);
        ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
        ps.setString(5, stream);
        ps.setString(6, jti);
        return ps.executeUpdate();
      } catch (SQLException e) {
        if (!DUPLICATE.equals(e.getSQLState())) {
          throw e;
        }
        return 0;
      }
    });
    int over = count(stream) - maxPerStream;
    if (over > 0) {
      List<String> dropped = dropOldest(stream, over);
      LOG.warn("stream {} holds more than {} pending SETs; dropped the oldest, {}", stream, maxPerStream, dropped);
    }
    synchronized (added) {
      added.notifyAll();
    }
  }

  private List<String> dropOldest(String stream, int n) {
    return tx.inTransaction(c -> {
      Map<Long, String> oldest = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT seq, jti FROM scim_pending_set WHERE stream = ? ORDER BY seq FETCH FIRST ? ROWS ONLY")) {
        ps.setString(1, stream);
        ps.setInt(2, n);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            oldest.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM scim_pending_set WHERE seq = ?")) {
        for (long seq : oldest.keySet()) {
          ps.setLong(1, seq);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return new ArrayList<>(oldest.values());
    });
  }

  @Override
  public Map<String, String> pending(String stream, int max) {
    if (max <= 0) {
      return Map.of();
    }
    return tx.read(c -> {
      Map<String, String> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT jti, signed_set FROM scim_pending_set WHERE stream = ? "
          + "ORDER BY seq FETCH FIRST ? ROWS ONLY")) {
        ps.setString(1, stream);
        ps.setInt(2, max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      return out;
    });
  }

  @Override
  public int count(String stream) {
    return tx.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM scim_pending_set WHERE stream = ?")) {
        ps.setString(1, stream);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  @Override
  public void acknowledge(String stream, Collection<String> jtis) {
    if (jtis.isEmpty()) {
      return;
    }
    tx.execute(c -> delete(c, stream, jtis));
  }

  private static void delete(java.sql.Connection c, String stream, Collection<String> jtis) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM scim_pending_set WHERE stream = ? AND jti = ?")) {
      for (String jti : jtis) {
        ps.setString(1, stream);
        ps.setString(2, jti);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public void reject(String stream, Map<String, SetError> errors) {
    if (errors.isEmpty()) {
      return;
    }
    tx.execute(c -> {
      delete(c, stream, errors.keySet());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO scim_pending_set_error (stream, jti, err, description, "
          + "rejected_at) VALUES (?, ?, ?, ?, ?)")) {
        for (Map.Entry<String, SetError> e : errors.entrySet()) {
          String d = e.getValue().description();
          ps.setString(1, stream);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue().err());
          ps.setString(4, d == null || d.length() <= MAX_DESCRIPTION ? d : d.substring(0, MAX_DESCRIPTION));
          ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      // keep the latest rejections only: an absent receiver's errors must not grow the table without bound
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM scim_pending_set_error WHERE stream = ? AND seq <= "
          + "(SELECT seq FROM scim_pending_set_error WHERE stream = ? ORDER BY seq DESC OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY)")) {
        ps.setString(1, stream);
        ps.setString(2, stream);
        ps.setInt(3, KEPT_REJECTIONS);
        ps.executeUpdate();
      }
    });
  }

  /** The latest rejections of {@code stream}, oldest first: {@code jti} and the receiver's error. */
  public List<Map.Entry<String, SetError>> rejected(String stream) {
    return tx.read(c -> {
      List<Map.Entry<String, SetError>> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT jti, err, description FROM scim_pending_set_error "
          + "WHERE stream = ? ORDER BY seq")) {
        ps.setString(1, stream);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(Map.entry(rs.getString(1), new SetError(rs.getString(2), rs.getString(3))));
          }
        }
      }
      return out;
    });
  }

  @Override
  public boolean await(String stream, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (added) {
      waiting++;
      try {
        while (count(stream) == 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          long millis = Math.max(1, Math.min(RECHECK.toMillis(), Duration.ofNanos(left).toMillis()));
          added.wait(millis);
        }
        return true;
      } finally {
        waiting--;
      }
    }
  }

  /** How many polls are waiting for a SET (for monitoring). */
  public int waiting() {
    synchronized (added) {
      return waiting;
    }
  }

  /** Wakes every waiting poll, e.g. before shutting down. */
  public void wakeAll() {
    synchronized (added) {
      added.notifyAll();
    }
  }
}
