package dev.scimsync.store.jdbc;

import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.outbox.Committed;
import dev.scimsync.server.event.outbox.Delivery;
import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.event.outbox.OutboxEntries;
import dev.scimsync.server.event.outbox.OutboxEntry;
import dev.scimsync.server.store.StoreContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The transactional outbox of the JDBC stores (tables {@code scim_outbox} and {@code
 * scim_outbox_delivery}, schema version 3): a write's events are inserted in the write's own
 * transaction, so a committed write always has its events and a rolled-back one has none.
 * Replicas of an application share the tables; claims are leases in the rows, taken with a
 * conditional {@code UPDATE}, so two replicas never hold the same row at the same time.
 *
 * <p>Obtain it from {@link JdbcStores#outbox()} and give it to {@code ScimServer.Builder.outbox}
 * and to the delivery engine.
 */
public final class JdbcOutbox implements EventOutbox, DeliveryLedger {

  private static final String ENTRY_COLUMNS =
      "o.seq, o.event_id, o.tenant, o.event_type, o.resource_type, o.resource_id, o.ordering_key, o.occurred_at, o.payload";
  private static final int MAX_ERROR = 1000;
  /** An entry (aliased {@code o}) none of whose deliveries is pending or dead. */
  private static final String ALL_DELIVERED =
      "NOT EXISTS (SELECT 1 FROM scim_outbox_delivery d WHERE d.seq = o.seq AND d.state <> 'DELIVERED')";

  private final Transactions tx;

  JdbcOutbox(DataSource dataSource) {
    this.tx = new Transactions(dataSource, Map.of());
  }

  // ---- write side ----

  @Override
  public <T> Committed<T> atomically(StoreContext ctx, Supplier<Committed<T>> work) {
    return tx.unitOfWork(c -> {
      Committed<T> done = work.get();
      insert(c, done.events(), done.operation());
      return done;
    });
  }

  private static void insert(Connection c, List<ProvisioningEvent> events, EventContext.Operation operation) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO scim_outbox (event_id, tenant, event_type, "
        + "resource_type, resource_id, ordering_key, occurred_at, payload, fanned_out) VALUES (?,?,?,?,?,?,?,?,FALSE)")) {
      for (ProvisioningEvent e : events) {
        OutboxEntry o = OutboxEntries.of(e, operation);
        ps.setString(1, o.eventId());
        ps.setString(2, o.tenantId());
        ps.setString(3, o.type());
        ps.setString(4, o.resourceType());
        ps.setString(5, o.resourceId());
        ps.setString(6, o.orderingKey());
        ps.setObject(7, utc(o.occurredAt()));
        ps.setString(8, o.payload());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // ---- delivery side ----

  @Override
  public List<OutboxEntry> claimNew(String owner, Instant now, Instant leaseUntil, int max) {
    return tx.inTransaction(c -> {
      List<OutboxEntry> candidates = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM scim_outbox o "
          + "WHERE o.fanned_out = FALSE AND (o.lease_until IS NULL OR o.lease_until <= ?) ORDER BY o.seq FETCH FIRST ? ROWS ONLY")) {
        ps.setObject(1, utc(now));
        ps.setInt(2, max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            candidates.add(entry(rs));
          }
        }
      }
      List<OutboxEntry> claimed = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("UPDATE scim_outbox SET lease_owner = ?, lease_until = ? "
          + "WHERE seq = ? AND fanned_out = FALSE AND (lease_until IS NULL OR lease_until <= ?)")) {
        for (OutboxEntry e : candidates) {
          ps.setString(1, owner);
          ps.setObject(2, utc(leaseUntil));
          ps.setLong(3, e.sequence());
          ps.setObject(4, utc(now));
          if (ps.executeUpdate() == 1) {
            claimed.add(e);
          }
        }
      }
      return claimed;
    });
  }

  @Override
  public boolean fanOut(String owner, long sequence, Collection<String> endpointIds, Instant now) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE scim_outbox SET fanned_out = TRUE, lease_owner = NULL, "
          + "lease_until = NULL WHERE seq = ? AND fanned_out = FALSE AND lease_owner = ?")) {
        ps.setLong(1, sequence);
        ps.setString(2, owner);
        if (ps.executeUpdate() != 1) {
          return false;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO scim_outbox_delivery (seq, endpoint, state, attempts, "
          + "scheduled_at, next_attempt_at) SELECT ?, ?, 'PENDING', 0, ?, ? FROM scim_outbox WHERE seq = ? AND NOT EXISTS "
          + "(SELECT 1 FROM scim_outbox_delivery d WHERE d.seq = ? AND d.endpoint = ?)")) {
        for (String endpoint : endpointIds) {
          ps.setLong(1, sequence);
          ps.setString(2, endpoint);
          ps.setObject(3, utc(now));
          ps.setObject(4, utc(now));
          ps.setLong(5, sequence);
          ps.setLong(6, sequence);
          ps.setString(7, endpoint);
          ps.executeUpdate();
        }
      }
      return true;
    });
  }

  @Override
  public List<Delivery> claimDue(String owner, Instant now, Instant leaseUntil, int max) {
    return tx.inTransaction(c -> {
      List<Delivery> candidates = deliveriesWhere(c, "d.state = 'PENDING' AND d.next_attempt_at <= ? "
          + "AND (d.lease_until IS NULL OR d.lease_until <= ?) ORDER BY d.seq, d.endpoint FETCH FIRST ? ROWS ONLY",
          ps -> {
            ps.setObject(1, utc(now));
            ps.setObject(2, utc(now));
            ps.setInt(3, max);
          });
      List<Delivery> claimed = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("UPDATE scim_outbox_delivery SET lease_owner = ?, lease_until = ? "
          + "WHERE seq = ? AND endpoint = ? AND state = 'PENDING' AND (lease_until IS NULL OR lease_until <= ?)")) {
        for (Delivery d : candidates) {
          ps.setString(1, owner);
          ps.setObject(2, utc(leaseUntil));
          ps.setLong(3, d.entry().sequence());
          ps.setString(4, d.endpointId());
          ps.setObject(5, utc(now));
          if (ps.executeUpdate() == 1) {
            claimed.add(d);
          }
        }
      }
      return claimed;
    });
  }

  @Override
  public boolean record(String owner, Delivery delivery, Delivery.State state, Instant nextAttemptAt,
      @Nullable String error, Instant now) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE scim_outbox_delivery SET state = ?, attempts = attempts + 1, "
          + "next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL "
          + "WHERE seq = ? AND endpoint = ? AND lease_owner = ?")) {
        ps.setString(1, state.name());
        ps.setObject(2, utc(nextAttemptAt));
        ps.setString(3, error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
        ps.setLong(4, delivery.entry().sequence());
        ps.setString(5, delivery.endpointId());
        ps.setString(6, owner);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void schedule(long sequence, String endpointId, Instant now) {
    tx.execute(c -> {
      int n;
      try (PreparedStatement ps = c.prepareStatement("UPDATE scim_outbox_delivery SET state = 'PENDING', attempts = 0, "
          + "scheduled_at = ?, next_attempt_at = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL "
          + "WHERE seq = ? AND endpoint = ?")) {
        ps.setObject(1, utc(now));
        ps.setObject(2, utc(now));
        ps.setLong(3, sequence);
        ps.setString(4, endpointId);
        n = ps.executeUpdate();
      }
      if (n == 0) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scim_outbox_delivery (seq, endpoint, state, attempts, "
            + "scheduled_at, next_attempt_at) SELECT seq, ?, 'PENDING', 0, ?, ? FROM scim_outbox WHERE seq = ?")) {
          ps.setString(1, endpointId);
          ps.setObject(2, utc(now));
          ps.setObject(3, utc(now));
          ps.setLong(4, sequence);
          ps.executeUpdate();
        }
      }
    });
  }

  @Override
  public List<Delivery> deadLetters(int max) {
    return tx.inTransaction(c -> deliveriesWhere(c, "d.state = 'DEAD' ORDER BY d.seq, d.endpoint FETCH FIRST ? ROWS ONLY",
        ps -> ps.setInt(1, max)));
  }

  @Override
  public List<Delivery> deliveries(String eventId) {
    return tx.inTransaction(c -> deliveriesWhere(c, "o.event_id = ? ORDER BY d.endpoint", ps -> ps.setString(1, eventId)));
  }

  @Override
  public Optional<OutboxEntry> entry(String eventId) {
    return tx.inTransaction(c -> {
      List<OutboxEntry> found = entriesWhere(c, "o.event_id = ?", ps -> ps.setString(1, eventId));
      return found.stream().findFirst();
    });
  }

  @Override
  public List<OutboxEntry> entries(Instant from, Instant to, int max) {
    return tx.inTransaction(c -> entriesWhere(c, "o.occurred_at >= ? AND o.occurred_at < ? ORDER BY o.seq "
        + "FETCH FIRST ? ROWS ONLY", ps -> {
          ps.setObject(1, utc(from));
          ps.setObject(2, utc(to));
          ps.setInt(3, max);
        }));
  }

  @Override
  public int prune(Instant before, int max) {
    // one bounded batch per transaction: the delivery rows go with their entry (ON DELETE CASCADE)
    return tx.inTransaction(c -> {
      List<Long> candidates = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT o.seq FROM scim_outbox o WHERE o.fanned_out = TRUE "
          + "AND o.occurred_at < ? AND " + ALL_DELIVERED + " ORDER BY o.seq FETCH FIRST ? ROWS ONLY")) {
        ps.setObject(1, utc(before));
        ps.setInt(2, max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            candidates.add(rs.getLong(1));
          }
        }
      }
      int deleted = 0;
      // checked again: a replay may have scheduled one of them since
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM scim_outbox o WHERE o.seq = ? AND " + ALL_DELIVERED)) {
        for (long seq : candidates) {
          ps.setLong(1, seq);
          deleted += ps.executeUpdate();
        }
      }
      return deleted;
    });
  }

  // ---- rows ----

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static List<OutboxEntry> entriesWhere(Connection c, String where, Binder binder) throws SQLException {
    List<OutboxEntry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM scim_outbox o WHERE " + where)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(entry(rs));
        }
      }
    }
    return out;
  }

  private static List<Delivery> deliveriesWhere(Connection c, String where, Binder binder) throws SQLException {
    List<Delivery> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + ", d.endpoint, d.state, d.attempts, "
        + "d.scheduled_at, d.next_attempt_at, d.last_error FROM scim_outbox_delivery d JOIN scim_outbox o ON o.seq = d.seq "
        + "WHERE " + where)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Delivery(entry(rs), rs.getString(10), Delivery.State.valueOf(rs.getString(11)), rs.getInt(12),
              instant(rs, 13), instant(rs, 14), rs.getString(15)));
        }
      }
    }
    return out;
  }

  private static OutboxEntry entry(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), instant(rs, 8), rs.getString(9));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /**
   * At the columns' precision, rounded down: a database that rounds nanoseconds up would store a
   * delivery due "now" a microsecond in the future, and the round that scheduled it would not
   * find it due.
   */
  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }
}
