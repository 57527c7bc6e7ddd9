package dev.scimsync.store.jdbc;

import org.jspecify.annotations.Nullable;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.internal.JsonNodes;
import dev.scimsync.filter.sql.SqlMapping;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Groups in {@code scim_groups}, members in {@code scim_group_members} with one row per (tenant,
 * group, member): a PATCH adding one member to a 50,000-member group is one insert, removing one
 * is one delete (see {@link MembershipDelta}); deltas on one group take turns on the group's row
 * lock, so concurrent PATCHes lose no member. {@code displayName} is unique per tenant
 * case-insensitively and {@code externalId} case-exactly, by database constraints. Members are
 * returned in the order they were added. Obtain it from {@link JdbcStores#groups()}.
 */
public final class JdbcGroupStore extends JdbcStore implements GroupStore {

  private static final String MEMBERS = "members";
  private static final Set<String> UNIQUE = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(
      List.of("displayName", "externalId")));
  private final MembershipDelta membership = new MembershipDelta("scim_group_members", "group_id", "member_id");

  JdbcGroupStore(JdbcStores.Config config, ResourceSchema schema, SqlMapping mapping) {
    super(config, schema, "scim_groups", "g", null, mapping, StandardMappings.groupSortColumns(),
        List.of("display_name", "display_name_key", "external_id", "external_id_key"),
        Map.of("scim_groups_display_name_uq", "displayName", "scim_groups_external_id_uq", "externalId"));
  }

  /** {@code displayName} and {@code externalId}: the unique constraints of {@code scim_groups}. */
  @Override
  public Set<String> uniqueAttributes() {
    return UNIQUE;
  }

  @Override
  Object prepare(ObjectNode doc) {
    LinkedHashMap<String, ObjectNode> members = new LinkedHashMap<>();
    JsonNode arr = remove(doc, MEMBERS);
    if (arr == null || arr.isNull()) {
      return members;
    }
    if (!arr.isArray()) {
      throw ScimException.invalidValue("'members' must be an array");
    }
    for (JsonNode m : arr) {
      JsonNode v = m.isObject() ? JsonNodes.get(m, "value") : null;
      if (v == null || !v.isString()) {
        throw ScimException.invalidValue("every value of 'members' needs a \"value\"");
      }
      ObjectNode cur = members.get(v.stringValue());
      if (cur == null) {
        members.put(v.stringValue(), (ObjectNode) m);
      } else {
        m.properties().forEach(p -> cur.set(p.getKey(), p.getValue()));
      }
    }
    return members;
  }

  @Override
  List<Object> columnValues(ObjectNode doc, @Nullable Object extra) {
    return nameAndExternalId(doc);
  }

  @Override
  @SuppressWarnings("unchecked")
  void afterWrite(Connection c, StoreContext ctx, String id, long seq, ObjectNode doc, @Nullable Object extra, boolean created)
      throws SQLException {
    if (extra == null) {
      return;
    }
    if (!created) {
      membership.clear(c, ctx.tenantId(), id);
    }
    membership.insert(c, ctx.tenantId(), id, (Map<String, ObjectNode>) extra);
  }

  /** The stored members when {@code extra} holds the same members (in any order). */
  @Override
  Object storedExtraIfSame(Connection c, StoreContext ctx, String id, @Nullable Object extra) throws SQLException {
    Object stored = loadExtras(c, ctx, List.of(id)).getOrDefault(id, Map.of());
    return extra == null || stored.equals(extra) ? stored : CHANGED;
  }

  @Override
  @SuppressWarnings("unchecked")
  void renderExtra(ObjectNode out, @Nullable Object extra) {
    if (extra instanceof Map<?, ?> m && !m.isEmpty()) {
      ArrayNode arr = out.putArray(MEMBERS);
      ((Map<String, ObjectNode>) m).values().forEach(arr::add);
    }
  }

  @Override
  boolean needsExtras(Set<String> omit) {
    return omit.stream().noneMatch(MEMBERS::equalsIgnoreCase);
  }

  @Override
  Map<String, Object> loadExtras(Connection c, StoreContext ctx, List<String> ids) throws SQLException {
    Map<String, Object> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
      try (PreparedStatement ps = c.prepareStatement("SELECT group_id, member_id, doc FROM scim_group_members"
          + " WHERE tenant = ? AND group_id IN (" + placeholders(chunk.size()) + ") ORDER BY pos")) {
        ps.setString(1, ctx.tenantId());
        bindAll(ps, 2, new ArrayList<>(chunk));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            @SuppressWarnings("unchecked")
            Map<String, ObjectNode> members = (Map<String, ObjectNode>) out.computeIfAbsent(rs.getString(1),
                k -> new LinkedHashMap<String, ObjectNode>());
            members.put(rs.getString(2), ScimJson.parseObject(rs.getString(3)));
          }
        }
      }
    }
    return out;
  }

  /**
   * With delegated {@code members}, writes the other attributes and applies the members' {@link
   * ValueDelta} in O(size of the delta); the result leaves members out and reports the real change.
   * A PATCH that changes nothing (re-adding a member, removing an absent one) keeps the version.
   */
  @Override
  public UpdateResult update(StoreContext ctx, String id, PatchResult patch, @Nullable String delegated, @Nullable String expectedVersion) {
    if (delegated == null) {
      return super.update(ctx, id, patch, null, expectedVersion);
    }
    if (!MEMBERS.equalsIgnoreCase(delegated)) {
      throw new IllegalArgumentException("Group store does not delegate '" + delegated + "'");
    }
    ObjectNode doc = strip(patch.resource().json());
    remove(doc, MEMBERS);
    List<Object> values = columnValues(doc, null);
    ValueDelta delta = patch.changes().delta(MEMBERS);
    Instant now = now();
    return tx.inTransaction(c -> {
      Locked row = checkedRow(c, ctx, id, expectedVersion);
      MembershipDelta.Outcome applied = membership.applyTracked(c, ctx.tenantId(), id, delta);
      if (!applied.changed() && doc.equals(row.doc())) {
        return new UpdateResult(row.render(this, id, null), Map.of(MEMBERS, applied.net()));
      }
      updateRow(c, ctx, id, now, values, doc);
      return new UpdateResult(render(id, row.version() + 1, row.created(), now, doc, null),
          Map.of(MEMBERS, applied.net()));
    });
  }

  /** The groups {@code memberId} is a direct member of, in creation order of the groups. */
  @Override
  public List<Membership> groupsOf(StoreContext ctx, String memberId) {
    return groupsOf(ctx, List.of(memberId)).getOrDefault(memberId, List.of());
  }

  /** The direct groups of each member, answered with one query per 500 members. */
  @Override
  public Map<String, List<Membership>> groupsOf(StoreContext ctx, Collection<String> memberIds) {
    List<String> ids = List.copyOf(memberIds);
    return tx.read(c -> {
      Map<String, List<Membership>> out = new LinkedHashMap<>();
      for (int from = 0; from < ids.size(); from += BATCH) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
        try (PreparedStatement ps = c.prepareStatement("SELECT m.member_id, g.id, g.display_name FROM scim_group_members m"
            + " JOIN scim_groups g ON g.tenant = m.tenant AND g.id = m.group_id"
            + " WHERE m.tenant = ? AND m.member_id IN (" + placeholders(chunk.size()) + ") ORDER BY g.seq")) {
          ps.setString(1, ctx.tenantId());
          bindAll(ps, 2, new ArrayList<>(chunk));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new Membership(rs.getString(2), rs.getString(3)));
            }
          }
        }
      }
      return out;
    });
  }

  /** Removes the member from every group of the tenant, giving each a new version; in creation order. */
  @Override
  public List<String> removeFromAllGroups(StoreContext ctx, String memberId) {
    Instant now = now();
    return tx.inTransaction(c -> {
      List<String> groups = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT g.id FROM scim_groups g JOIN scim_group_members m"
          + " ON g.tenant = m.tenant AND g.id = m.group_id WHERE m.tenant = ? AND m.member_id = ? ORDER BY g.seq")) {
        ps.setString(1, ctx.tenantId());
        ps.setString(2, memberId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            groups.add(rs.getString(1));
          }
        }
      }
      if (groups.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM scim_group_members WHERE tenant = ? AND member_id = ?")) {
        ps.setString(1, ctx.tenantId());
        ps.setString(2, memberId);
        ps.executeUpdate();
      }
      touch(c, ctx, groups, now);
      return groups;
    });
  }
}
