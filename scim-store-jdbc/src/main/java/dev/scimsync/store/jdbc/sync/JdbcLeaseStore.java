package dev.scimsync.store.jdbc.sync;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.store.jdbc.Transactions;
import dev.scimsync.sync.state.Lease;
import dev.scimsync.sync.state.LeaseStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The sync engine's {@link LeaseStore} on lease rows with expiry in {@code scim_leases}, so that of
 * several application instances on one database each directory syncs on one at a time: taking a
 * lease is one conditional UPDATE (free when expired or already the owner's) or, for a key never
 * leased, one INSERT that the primary key lets only one instance win. An instance that crashed
 * holding a lease blocks the others until it expires. Expiry compares against {@code clock}, so
 * instances need roughly synchronised clocks; keep the time-to-live well above the skew.
 * Thread-safe.
 */
public final class JdbcLeaseStore implements LeaseStore {

  private final Transactions tx;
  private final Clock clock;

  /** Leases on {@code dataSource}, whose schema is migrated; expiry by {@code clock}. */
  public JdbcLeaseStore(DataSource dataSource, Clock clock) {
    this.tx = new Transactions(dataSource, Map.of());
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Lease> tryAcquire(String key, String owner, Duration ttl) {
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    try {
      return tx.inTransaction(c -> {
        // the fencing column grows with every acquisition: a trace of take-overs for operators
        try (PreparedStatement ps = c.prepareStatement("UPDATE scim_leases SET owner = ?, expires_at = ?,"
            + " fencing = fencing + 1 WHERE name = ? AND (expires_at <= ? OR owner = ?)")) {
          ps.setString(1, owner);
          ps.setObject(2, utc(until));
          ps.setString(3, key);
          ps.setObject(4, utc(now));
          ps.setString(5, owner);
          if (ps.executeUpdate() == 1) {
            return Optional.of(new Lease(key, owner, until));
          }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM scim_leases WHERE name = ?")) {
          q.setString(1, key);
          try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
              return Optional.<Lease>empty(); // held by another owner
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO scim_leases (name, owner, expires_at, fencing) VALUES (?, ?, ?, 1)")) {
          ps.setString(1, key);
          ps.setString(2, owner);
          ps.setObject(3, utc(until));
          ps.executeUpdate();
          return Optional.of(new Lease(key, owner, until));
        }
      });
    } catch (ScimException e) {
      if (e.status() == 409) {
        return Optional.empty(); // another instance inserted the same new lease first
      }
      throw e;
    }
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) {
    Instant until = clock.instant().plus(ttl);
    // still ours unless another owner took it over; an expired lease nobody took is extended
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE scim_leases SET expires_at = ? WHERE name = ? AND owner = ?")) {
        ps.setObject(1, utc(until));
        ps.setString(2, lease.key());
        ps.setString(3, lease.owner());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void release(Lease lease) {
    tx.execute(c -> {
      // expire rather than delete, so the row and its take-over count stay
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE scim_leases SET expires_at = ? WHERE name = ? AND owner = ?")) {
        ps.setObject(1, utc(Instant.EPOCH));
        ps.setString(2, lease.key());
        ps.setString(3, lease.owner());
        ps.executeUpdate();
      }
    });
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }
}
