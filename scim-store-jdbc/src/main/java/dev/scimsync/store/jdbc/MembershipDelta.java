package dev.scimsync.store.jdbc;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.ValueDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a {@link ValueDelta} of a multi-valued attribute (group {@code members}) to a table with
 * one row per value, keyed by (tenant, owner, value), in O(size of the delta): adding one member
 * to a 50,000-member group is one lookup and one insert, removing one is one delete. The caller
 * holds the owner's row lock (it updates the owner's version in the same transaction), so deltas
 * on one owner apply one after the other.
 *
 * <p>Semantics, as the in-memory store: {@code cleared} first, then {@code removed}, then {@code
 * added}; an added value that is present merges its attributes into the present one; the returned
 * delta is the net change (values new afterwards, values gone afterwards), never {@code cleared}.
 *
 * <p>Table shape: {@code (tenant, <owner>, <value>, pos, doc)} with {@code pos} an identity column
 * giving the order values were added and {@code doc} the value's JSON object as text.
 */
public final class MembershipDelta {

  private final String table;
  private final String ownerColumn;
  private final String valueColumn;

  /**
   * @param table the table (trusted SQL name), e.g. {@code scim_group_members}
   * @param ownerColumn the owner's id column, e.g. {@code group_id}
   * @param valueColumn the value's column, e.g. {@code member_id}
   */
  public MembershipDelta(String table, String ownerColumn, String valueColumn) {
    this.table = Objects.requireNonNull(table, "table");
    this.ownerColumn = Objects.requireNonNull(ownerColumn, "ownerColumn");
    this.valueColumn = Objects.requireNonNull(valueColumn, "valueColumn");
  }

  /** Applies {@code delta} to {@code owner}'s values and returns the net change. */
  public ValueDelta apply(Connection c, String tenant, String owner, ValueDelta delta) throws SQLException {
    return applyTracked(c, tenant, owner, delta).net();
  }

  /**
   * The net change of a delta, and whether the stored values changed at all: besides values
   * added or removed, a re-added value whose attributes changed, or values cleared and re-added
   * in another order or with other attributes.
   */
  record Outcome(ValueDelta net, boolean changed) {}

  /** As {@link #apply}, also telling whether anything stored changed (so the owner's version must). */
  Outcome applyTracked(Connection c, String tenant, String owner, ValueDelta delta) throws SQLException {
    Set<String> gone = new LinkedHashSet<>();
    boolean merged = false;
    List<Map.Entry<String, String>> before = null;
    if (delta.cleared()) {
      before = rows(c, tenant, owner);
      before.forEach(r -> gone.add(r.getKey()));
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM " + table + " WHERE tenant = ? AND " + ownerColumn + " = ?")) {
        ps.setString(1, tenant);
        ps.setString(2, owner);
        ps.executeUpdate();
      }
    }
    if (!delta.removed().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM " + table + " WHERE tenant = ? AND " + ownerColumn + " = ? AND " + valueColumn + " = ?")) {
        for (String r : delta.removed()) {
          ps.setString(1, tenant);
          ps.setString(2, owner);
          ps.setString(3, r);
          if (ps.executeUpdate() > 0) {
            gone.add(r);
          }
        }
      }
    }
    Map<String, ObjectNode> added = new LinkedHashMap<>();
    for (Map.Entry<String, ObjectNode> a : delta.added().entrySet()) {
      ObjectNode present = read(c, tenant, owner, a.getKey());
      if (present != null) {
        ObjectNode was = present.deepCopy();
        a.getValue().properties().forEach(p -> present.set(p.getKey(), p.getValue().deepCopy()));
        if (present.equals(was)) {
          continue;
        }
        merged = true;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET doc = ? WHERE tenant = ? AND "
            + ownerColumn + " = ? AND " + valueColumn + " = ?")) {
          ps.setString(1, present.toString());
          ps.setString(2, tenant);
          ps.setString(3, owner);
          ps.setString(4, a.getKey());
          ps.executeUpdate();
        }
        continue;
      }
      insert(c, tenant, owner, Map.of(a.getKey(), a.getValue()));
      if (!gone.remove(a.getKey())) {
        added.put(a.getKey(), a.getValue());
      }
    }
    ValueDelta net = new ValueDelta(false, gone, added);
    boolean changed = merged || !gone.isEmpty() || !added.isEmpty()
        || before != null && !before.equals(rows(c, tenant, owner));
    return new Outcome(net, changed);
  }

  /** Inserts {@code values} (none present yet) in their order, in batches. */
  public void insert(Connection c, String tenant, String owner, Map<String, ObjectNode> values) throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (tenant, " + ownerColumn + ", "
        + valueColumn + ", doc) VALUES (?, ?, ?, ?)")) {
      int n = 0;
      for (Map.Entry<String, ObjectNode> v : values.entrySet()) {
        ps.setString(1, tenant);
        ps.setString(2, owner);
        ps.setString(3, v.getKey());
        ps.setString(4, v.getValue().toString());
        ps.addBatch();
        if (++n % 1000 == 0) {
          ps.executeBatch();
        }
      }
      if (n % 1000 != 0) {
        ps.executeBatch();
      }
    }
  }

  /** Deletes every value of {@code owner}. */
  public void clear(Connection c, String tenant, String owner) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM " + table + " WHERE tenant = ? AND " + ownerColumn + " = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, owner);
      ps.executeUpdate();
    }
  }

  /** The values of {@code owner} in the order they were added. */
  public List<String> values(Connection c, String tenant, String owner) throws SQLException {
    return rows(c, tenant, owner).stream().map(Map.Entry::getKey).toList();
  }

  /** The (value, document text) rows of {@code owner} in the order they were added. */
  private List<Map.Entry<String, String>> rows(Connection c, String tenant, String owner) throws SQLException {
    List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + valueColumn + ", doc FROM " + table
        + " WHERE tenant = ? AND " + ownerColumn + " = ? ORDER BY pos")) {
      ps.setString(1, tenant);
      ps.setString(2, owner);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Map.entry(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  private @Nullable ObjectNode read(Connection c, String tenant, String owner, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM " + table + " WHERE tenant = ? AND "
        + ownerColumn + " = ? AND " + valueColumn + " = ?")) {
      ps.setString(1, tenant);
      ps.setString(2, owner);
      ps.setString(3, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? ScimJson.parseObject(rs.getString(1)) : null;
      }
    }
  }
}
