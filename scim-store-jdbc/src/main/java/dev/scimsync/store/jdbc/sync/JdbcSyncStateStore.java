package dev.scimsync.store.jdbc.sync;

import dev.scimsync.store.jdbc.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link SyncStateStore} on the table {@code scim_sync_state} (schema version 2, applied by {@code
 * JdbcStores.builder(...).build()} or {@code SchemaMigrator}). Thread-safe.
 */
public final class JdbcSyncStateStore implements SyncStateStore {

  private final Transactions tx;
  private final Clock clock;

  /** A store on {@code dataSource}, whose schema is migrated; timestamps from {@code clock}. */
  public JdbcSyncStateStore(DataSource dataSource, Clock clock) {
    this.tx = new Transactions(dataSource, Map.of());
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Checkpoint> load(String tenant, String directory) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT checkpoint, version, updated_at FROM scim_sync_state WHERE tenant = ? AND directory = ?")) {
        ps.setString(1, tenant);
        ps.setString(2, directory);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new Checkpoint(rs.getBytes(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<Long> save(String tenant, String directory, byte[] data, long expectedVersion) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    try {
      return tx.inTransaction(c -> {
        if (expectedVersion == 0) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO scim_sync_state (tenant, directory, version,"
              + " checkpoint, updated_at) VALUES (?, ?, 1, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, directory);
            ps.setBytes(3, data);
            ps.setObject(4, now);
            ps.executeUpdate();
            return Optional.of(1L);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE scim_sync_state SET version = version + 1,"
            + " checkpoint = ?, updated_at = ? WHERE tenant = ? AND directory = ? AND version = ?")) {
          ps.setBytes(1, data);
          ps.setObject(2, now);
          ps.setString(3, tenant);
          ps.setString(4, directory);
          ps.setLong(5, expectedVersion);
          return ps.executeUpdate() == 1 ? Optional.of(expectedVersion + 1) : Optional.<Long>empty();
        }
      });
    } catch (dev.scimsync.core.error.ScimException e) {
      if (e.status() == 409) {
        return Optional.empty(); // another instance saved the first checkpoint
      }
      throw e;
    }
  }

}
