package dev.scimsync.store.jdbc;

import org.jspecify.annotations.Nullable;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.internal.JsonNodes;
import dev.scimsync.filter.sql.SqlMapping;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Users in {@code scim_users}: {@code userName} unique per tenant case-insensitively and {@code
 * externalId} unique case-exactly (database constraints), {@code userName}, {@code externalId},
 * {@code displayName}, {@code active} and the timestamps in indexed columns, {@code emails} also
 * in {@code scim_user_emails} for filters, everything else in the JSON document.
 *
 * <p>{@code password} is never stored: a salted PBKDF2 hash goes to {@code password_hash} (a PUT
 * without password keeps the previous hash); {@link #verifyPassword} checks one. Obtain it from
 * {@link JdbcStores#users()}.
 */
public final class JdbcUserStore extends JdbcStore implements UserStore {

  private static final Set<String> UNIQUE = Collections.unmodifiableSet(new LinkedHashSet<>(
      List.of("userName", "externalId")));

  JdbcUserStore(JdbcStores.Config config, ResourceSchema schema, SqlMapping mapping) {
    super(config, schema, "scim_users", "u", null, mapping, StandardMappings.userSortColumns(),
        List.of("user_name", "user_name_key", "external_id", "external_id_key", "display_name", "display_name_key",
            "active", "password_hash"),
        Map.of("scim_users_user_name_uq", "userName", "scim_users_external_id_uq", "externalId"));
  }

  /** {@code userName} and {@code externalId}: the unique constraints of {@code scim_users}. */
  @Override
  public Set<String> uniqueAttributes() {
    return UNIQUE;
  }

  /**
   * Every filter, except one naming the read-only {@code groups} in a way SQL cannot answer
   * exactly (such as {@code groups.$ref}): the documents do not hold the groups, so the server
   * evaluates those itself with the memberships filled in. {@code groups}, {@code groups.value},
   * {@code groups.display} and {@code groups.type} are answered by the membership table, within
   * the user's tenant (see {@link StandardMappings#users}).
   */
  @Override
  public boolean supportsFilter(Filter filter) {
    return !mentions(filter, "groups") || translatesExactly(filter);
  }

  @Override
  @Nullable Object prepare(ObjectNode doc) {
    JsonNode password = remove(doc, "password");
    return password != null && password.isString() ? config.passwords().hash(password.stringValue()) : null;
  }

  @Override
  List<Object> columnValues(ObjectNode doc, @Nullable Object passwordHash) {
    String userName = text(doc, "userName");
    if (userName == null) {
      throw dev.scimsync.core.error.ScimException.invalidValue("userName is required");
    }
    String externalId = text(doc, "externalId");
    String displayName = text(doc, "displayName");
    JsonNode active = JsonNodes.get(doc, "active");
    return Arrays.asList(userName, SortKeys.text(userName, false), externalId, SortKeys.text(externalId, true),
        displayName, SortKeys.text(displayName, false), active != null && active.isBoolean() ? active.booleanValue() : null,
        passwordHash);
  }

  @Override
  String updateExpression(String column) {
    return column.equals("password_hash") ? "password_hash = COALESCE(?, password_hash)" : column + " = ?";
  }

  @Override
  void afterWrite(Connection c, StoreContext ctx, String id, long seq, ObjectNode doc, @Nullable Object extra, boolean created)
      throws SQLException {
    if (!created) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM scim_user_emails WHERE user_seq = ?")) {
        ps.setLong(1, seq);
        ps.executeUpdate();
      }
    }
    JsonNode emails = JsonNodes.get(doc, "emails");
    if (emails == null || !emails.isArray() || emails.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO scim_user_emails (user_seq, pos, email, type, primary_email) VALUES (?, ?, ?, ?, ?)")) {
      int pos = 0;
      for (JsonNode e : emails) {
        JsonNode value = e.isObject() ? JsonNodes.get(e, "value") : e;
        JsonNode type = e.isObject() ? JsonNodes.get(e, "type") : null;
        JsonNode primary = e.isObject() ? JsonNodes.get(e, "primary") : null;
        ps.setLong(1, seq);
        ps.setInt(2, pos++);
        ps.setString(3, value != null && value.isString() ? value.stringValue() : null);
        ps.setString(4, type != null && type.isString() ? type.stringValue() : null);
        ps.setObject(5, primary != null && primary.isBoolean() ? primary.booleanValue() : null);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Whether {@code password} is the password of user {@code id} of the tenant; false when the user
   * does not exist or has none. The stored hash never leaves the store.
   */
  public boolean verifyPassword(StoreContext ctx, String id, String password) {
    Optional<String> hash = tx.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM scim_users WHERE tenant = ? AND id = ?")) {
        ps.setString(1, ctx.tenantId());
        ps.setString(2, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
    return hash.isPresent() && PasswordHasher.verify(password, hash.get());
  }

}
