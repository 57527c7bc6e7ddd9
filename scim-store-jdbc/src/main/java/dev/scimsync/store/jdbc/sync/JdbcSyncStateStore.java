package dev.scimsync.store.jdbc.sync;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.store.jdbc.Transactions;
import dev.scimsync.sync.state.SyncState;
import dev.scimsync.sync.state.SyncStateStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The sync engine's {@link SyncStateStore} on the table {@code scim_sync_state} (schema version 2,
 * applied by {@code JdbcStores.builder(...).build()} or {@code SchemaMigrator}): one row per
 * directory holding {@link SyncState#toJson()}, replaced in one committed transaction, so a save is
 * durable and atomic and every application instance sees the progress of the others. Thread-safe.
 */
public final class JdbcSyncStateStore implements SyncStateStore {

  /** The scope of {@link #JdbcSyncStateStore(DataSource, Clock)}. */
  public static final String DEFAULT_SCOPE = "sync";

  private final Transactions tx;
  private final String scope;
  private final Clock clock;

  /** A store on {@code dataSource}, whose schema is migrated, in {@link #DEFAULT_SCOPE}. */
  public JdbcSyncStateStore(DataSource dataSource, Clock clock) {
    this(dataSource, DEFAULT_SCOPE, clock);
  }

  /**
   * A store on {@code dataSource} keeping its rows under {@code scope} (the table's {@code tenant}
   * column), so that several applications may share one database; {@code updated_at} from
   * {@code clock}.
   */
  public JdbcSyncStateStore(DataSource dataSource, String scope, Clock clock) {
    this.tx = new Transactions(dataSource, Map.of());
    this.scope = Objects.requireNonNull(scope, "scope");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<SyncState> load(String directoryId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT checkpoint FROM scim_sync_state WHERE tenant = ? AND directory = ?")) {
        ps.setString(1, scope);
        ps.setString(2, directoryId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(SyncState.fromJson(new String(rs.getBytes(1), StandardCharsets.UTF_8)))
              : Optional.<SyncState>empty();
        }
      }
    });
  }

  @Override
  public void save(String directoryId, SyncState state) {
    byte[] data = state.toJson().getBytes(StandardCharsets.UTF_8);
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (int attempt = 1; ; attempt++) {
      try {
        tx.execute(c -> {
          if (update(c, directoryId, data, now) == 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO scim_sync_state (tenant, directory, version,"
                + " checkpoint, updated_at) VALUES (?, ?, 1, ?, ?)")) {
              ps.setString(1, scope);
              ps.setString(2, directoryId);
              ps.setBytes(3, data);
              ps.setObject(4, now);
              ps.executeUpdate();
            }
          }
        });
        return;
      } catch (ScimException e) {
        if (e.status() != 409 || attempt >= 3) {
          throw e;
        }
        // another instance inserted the first row in between: the UPDATE finds it now
      }
    }
  }

  private int update(Connection c, String directoryId, byte[] data, OffsetDateTime now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE scim_sync_state SET version = version + 1,"
        + " checkpoint = ?, updated_at = ? WHERE tenant = ? AND directory = ?")) {
      ps.setBytes(1, data);
      ps.setObject(2, now);
      ps.setString(3, scope);
      ps.setString(4, directoryId);
      return ps.executeUpdate();
    }
  }
}
