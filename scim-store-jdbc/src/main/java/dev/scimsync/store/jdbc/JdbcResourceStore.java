package dev.scimsync.store.jdbc;

import org.jspecify.annotations.Nullable;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Uniqueness;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.sql.SqlMapping;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.StoreContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resources of a custom type in the shared table {@code scim_resources} (keyed by tenant, type and
 * id). Unique per tenant, by the primary key of {@code scim_resource_keys}: the core schema's
 * top-level string and reference attributes whose {@code uniqueness} is {@code server} or {@code
 * global}, compared as their {@code caseExact} says — as the in-memory store does. {@code
 * displayName} and {@code externalId} have columns; the rest is in the JSON document. Nothing is
 * delegated. Obtain it from {@link JdbcStores#resources}.
 */
public final class JdbcResourceStore extends JdbcStore implements ResourceStore {

  private final List<AttributeDefinition> unique;

  JdbcResourceStore(JdbcStores.Config config, ResourceSchema schema, SqlMapping mapping) {
    super(config, schema, "scim_resources", "r", schema.resourceType().name(), mapping,
        StandardMappings.resourceSortColumns(),
        List.of("display_name", "display_name_key", "external_id", "external_id_key"),
        Map.of("scim_resource_keys_pk", "a value of a unique attribute of " + schema.resourceType().name()));
    List<AttributeDefinition> u = new ArrayList<>();
    for (AttributeDefinition a : schema.core().attributes()) {
      boolean text = a.type() == AttributeType.STRING || a.type() == AttributeType.REFERENCE;
      boolean isUnique = a.uniqueness() == Uniqueness.SERVER || a.uniqueness() == Uniqueness.GLOBAL;
      if (text && isUnique && !a.multiValued() && !a.name().equalsIgnoreCase("id")) {
        u.add(a);
      }
    }
    this.unique = List.copyOf(u);
  }

  /**
   * The core schema's top-level string and reference attributes whose {@code uniqueness} is
   * {@code server} or {@code global} (kept unique by {@code scim_resource_keys}).
   */
  @Override
  public Set<String> uniqueAttributes() {
    Set<String> out = new LinkedHashSet<>();
    unique.forEach(a -> out.add(a.name()));
    return Collections.unmodifiableSet(out);
  }

  @Override
  List<Object> columnValues(ObjectNode doc, @Nullable Object extra) {
    return nameAndExternalId(doc);
  }

  @Override
  void afterWrite(Connection c, StoreContext ctx, String id, long seq, ObjectNode doc, @Nullable Object extra, boolean created)
      throws SQLException {
    if (unique.isEmpty()) {
      return;
    }
    if (!created) {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM scim_resource_keys WHERE tenant = ? AND resource_type = ? AND id = ?")) {
        ps.setString(1, ctx.tenantId());
        ps.setString(2, typeColumnValue);
        ps.setString(3, id);
        ps.executeUpdate();
      }
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (AttributeDefinition a : unique) {
      String v = text(doc, a.name());
      if (v != null) {
        keys.put(a.name(), a.caseExact() ? v : SortKeys.fold(v));
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO scim_resource_keys (tenant, resource_type, attribute, key_value, id) VALUES (?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, String> k : keys.entrySet()) {
        ps.setString(1, ctx.tenantId());
        ps.setString(2, typeColumnValue);
        ps.setString(3, k.getKey());
        ps.setString(4, k.getValue());
        ps.setString(5, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
