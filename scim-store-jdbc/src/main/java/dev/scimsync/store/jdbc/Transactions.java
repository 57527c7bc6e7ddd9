package dev.scimsync.store.jdbc;

import dev.scimsync.core.error.ScimException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one unit of work in one database transaction and turns database errors into SCIM errors: a
 * unique violation becomes 409 {@code uniqueness} (naming the attribute when the constraint is
 * known), a serialization failure, deadlock or lock timeout is retried a few times and then
 * becomes 409 (the client may retry), an unreachable database 503. Nothing becomes a 500 but
 * errors this class does not know.
 */
public final class Transactions {

  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
  private static final int ATTEMPTS = 6;
  /** The transaction a unit of work ({@link #unitOfWork}) holds open on this thread, per data source. */
  private static final ThreadLocal<Map<DataSource, Connection>> OPEN = ThreadLocal.withInitial(HashMap::new);

  /** A transient failure inside a joined transaction, for the outer transaction to retry. */
  private static final class Joined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Joined(SQLException cause) {
      super(cause);
    }
  }

  private final DataSource dataSource;
  private final Map<String, String> uniqueConstraints;
  /** Whether the pool hands out connections at READ COMMITTED; null until the first connection. */
  private volatile @Nullable Boolean poolReadCommitted;

  /**
   * @param dataSource where connections come from
   * @param uniqueConstraints lower-case constraint name to the attribute it keeps unique, for
   *     the 409 message (e.g. {@code scim_users_user_name_uq -> userName})
   */
  public Transactions(DataSource dataSource, Map<String, String> uniqueConstraints) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.uniqueConstraints = Map.copyOf(uniqueConstraints);
  }

  /** Work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work on {@code connection}; the caller commits or rolls back. */
    T run(Connection connection) throws SQLException;
  }

  /** Work inside a transaction that yields no value. */
  @FunctionalInterface
  public interface VoidWork {
    /** Does the work on {@code connection}; the caller commits or rolls back. */
    void run(Connection connection) throws SQLException;
  }

  /** As {@link #inTransaction(Work)}, for work that yields no value. */
  public void execute(VoidWork work) {
    Objects.requireNonNull(work, "work");
    inTransaction(c -> {
      work.run(c);
      return Boolean.TRUE;
    });
  }

  /**
   * Runs {@code work} in a READ COMMITTED transaction and commits; rolls back on any exception.
   * Retries the whole work on transient conflicts, so it must not have effects outside the
   * database.
   *
   * @throws ScimException 409 on unique violations and persistent conflicts, 503 when the
   *     database cannot be reached, or what {@code work} threw
   */
  public <T> T inTransaction(Work<T> work) {
    return run(work, false);
  }

  /**
   * Runs read-only {@code work} with each statement in its own READ COMMITTED transaction
   * (auto-commit). At READ COMMITTED every statement sees its own snapshot even inside one
   * transaction, so reads lose no consistency this way and save the database round trips of
   * {@code BEGIN} and {@code COMMIT}. Not for work that must stream a large result: the PostgreSQL
   * driver fetches in batches only inside a transaction.
   *
   * @throws ScimException as {@link #inTransaction}
   */
  public <T> T read(Work<T> work) {
    return run(work, true);
  }

  private <T> T run(Work<T> work, boolean autoCommit) {
    Connection open = OPEN.get().get(dataSource);
    if (open != null) {
      return joined(open, work);
    }
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        readCommitted(c);
        boolean auto = c.getAutoCommit();
        if (auto != autoCommit) {
          c.setAutoCommit(autoCommit);
        }
        try {
          T out = work.run(c);
          if (!autoCommit) {
            c.commit();
          }
          return out;
        } catch (Joined e) {
          rollbackQuietly(c);
          throw (SQLException) e.getCause();
        } catch (SQLException | RuntimeException e) {
          if (!autoCommit) {
            rollbackQuietly(c);
          }
          throw e;
        } finally {
          if (auto != autoCommit) {
            c.setAutoCommit(auto);
          }
        }
      } catch (SQLException e) {
        if (isTransient(e) && attempt < ATTEMPTS) {
          backOff(attempt);
          continue;
        }
        throw toScim(e);
      }
    }
  }

  /**
   * Puts {@code c} at READ COMMITTED unless the pool's connections come at that level: the
   * PostgreSQL driver sends every {@code setTransactionIsolation} (and {@code
   * getTransactionIsolation}) to the server, a round trip per transaction for nothing when the
   * level is already right, as it is by default on PostgreSQL and H2. The first connection tells
   * the pool's level; pools (HikariCP among them) reset a connection's level when it is returned.
   */
  private void readCommitted(Connection c) throws SQLException {
    Boolean pooled = poolReadCommitted;
    if (pooled == null) {
      pooled = c.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED;
      poolReadCommitted = pooled;
    }
    if (!pooled) {
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  /**
   * Runs {@code work} in one transaction that every {@link #inTransaction} on the same data source
   * and thread joins (the stores' writes of one request operation and the recording of its events
   * commit together or not at all), retried as a whole on transient conflicts.
   */
  public <T> T unitOfWork(Work<T> work) {
    if (OPEN.get().containsKey(dataSource)) {
      return inTransaction(work);
    }
    return inTransaction(c -> {
      OPEN.get().put(dataSource, c);
      try {
        return work.run(c);
      } finally {
        OPEN.get().remove(dataSource);
      }
    });
  }

  /**
   * Work inside the unit of work's transaction: no commit here; a transient failure goes up to
   * the unit of work to retry, any other error becomes its SCIM error now (this instance knows
   * the constraint names of its table).
   */
  private <T> T joined(Connection c, Work<T> work) {
    try {
      return work.run(c);
    } catch (SQLException e) {
      if (isTransient(e)) {
        throw new Joined(e);
      }
      throw toScim(e);
    }
  }

  /** The SCIM error for a database error, as {@link #inTransaction} maps it. */
  public ScimException toScim(SQLException e) {
    String state = state(e);
    if (state.equals("23505")) {
      return ScimException.uniqueness(uniqueMessage(e));
    }
    if (isTransient(e)) {
      return new ScimException(409, null, "a concurrent request changed the same data; retry the request");
    }
    if (state.startsWith("08")) {
      LOG.warn("database unreachable: {}", e.getMessage());
      return new ScimException(503, null, "the database is unavailable");
    }
    LOG.error("database error {}", state, e);
    return new ScimException(500, null, "database error " + state, e);
  }

  /** Whether retrying the transaction may succeed: serialization failure, deadlock, lock timeout. */
  public static boolean isTransient(SQLException e) {
    String state = state(e);
    return state.equals("40001") || state.equals("40P01") || state.equals("HYT00") || state.equals("55P03");
  }

  private String uniqueMessage(SQLException e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> c : uniqueConstraints.entrySet()) {
      if (text.contains(c.getKey())) {
        return c.getValue() + " is already taken";
      }
    }
    return "a unique value is already taken";
  }

  private static String state(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null) {
        return x.getSQLState();
      }
    }
    return "";
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the original error is what matters
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new ScimException(503, null, "interrupted");
    }
  }
}
