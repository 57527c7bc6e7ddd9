package dev.scimsync.store.jdbc;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.sql.SqlColumn;
import dev.scimsync.filter.sql.SqlMapping;
import dev.scimsync.store.jdbc.KeysetOrder.Kind;
import dev.scimsync.store.jdbc.KeysetOrder.SortColumn;
import java.util.Map;
import java.util.Set;

/**
 * The column mappings of the store's tables for scim-filter's {@code SqlTranslator} and for
 * sorting: which attribute lives in which column. Users who keep SCIM data in their own schema can
 * start from these and change the expressions; users who add columns or extension attributes to
 * the store's tables add them to the returned builder ({@link JdbcStores.Builder#users}).
 *
 * <p>Aliases: {@code u} for {@code scim_users}, {@code g} for {@code scim_groups}, {@code r} for
 * {@code scim_resources}.
 */
public final class StandardMappings {

  private StandardMappings() {}

  /**
   * The User mapping: {@code id}, {@code userName}, {@code externalId}, {@code displayName},
   * {@code active}, {@code meta.*} in columns, {@code emails} in the child table {@code
   * scim_user_emails}, the read-only {@code groups} ({@code value}, {@code display}, {@code type})
   * in the membership table {@code scim_group_members} joined to {@code scim_groups}, within the
   * user's tenant, and on PostgreSQL every other single-valued string attribute of {@code schema}
   * in the {@code jsonb} document.
   */
  public static SqlMapping.Builder users(Dialect dialect, ResourceSchema schema) {
    SqlMapping.Builder b = common(schema, "u", "'User'")
        .column("userName", SqlColumn.string("u.user_name"))
        .column("active", new SqlColumn("u.active", AttributeType.BOOLEAN, false))
        .childTable("emails", "scim_user_emails", "user_seq", "u.seq", e -> e
            .column("value", SqlColumn.string("email"))
            .column("type", SqlColumn.string("type"))
            .column("primary", new SqlColumn("primary_email", AttributeType.BOOLEAN, false)))
        // a user's groups as the server renders them: direct memberships, the group's displayName
        .childTable("groups", "(SELECT gm.tenant, gm.member_id, gm.group_id, gg.display_name, 'direct' AS"
            + " membership_type FROM scim_group_members gm JOIN scim_groups gg ON gg.tenant = gm.tenant"
            + " AND gg.id = gm.group_id)", "member_id", "u.id", Map.of("tenant", "u.tenant"), g -> g
            .column("value", new SqlColumn("group_id", AttributeType.STRING, subCaseExact(schema, "groups", "value")))
            .column("display", new SqlColumn("display_name", AttributeType.STRING,
                subCaseExact(schema, "groups", "display")))
            .column("type", new SqlColumn("membership_type", AttributeType.STRING,
                subCaseExact(schema, "groups", "type"))));
    JsonColumns.mapDocumentAttributes(b, dialect, "u.doc", schema,
        Set.of("id", "username", "externalid", "displayname", "active", "password"));
    return b;
  }

  /** The sort columns of {@code scim_users}, by lower-case attribute path. */
  public static Map<String, SortColumn> userSortColumns() {
    return Map.of(
        "username", new SortColumn("u.user_name_key", Kind.BYTES, false),
        "externalid", new SortColumn("u.external_id_key", Kind.BYTES, true),
        "displayname", new SortColumn("u.display_name_key", Kind.BYTES, true),
        "active", new SortColumn("u.active", Kind.BOOLEAN, true),
        "meta.created", new SortColumn("u.created", Kind.TIMESTAMP, false),
        "meta.lastmodified", new SortColumn("u.last_modified", Kind.TIMESTAMP, false));
  }

  /**
   * The Group mapping: {@code id}, {@code displayName}, {@code externalId}, {@code meta.*} in
   * columns and {@code members.value} in {@code scim_group_members}.
   */
  public static SqlMapping.Builder groups(Dialect dialect, ResourceSchema schema) {
    SqlMapping.Builder b = common(schema, "g", "'Group'")
        .childTable("members", "scim_group_members", "group_id", "g.id", Map.of("tenant", "g.tenant"), m -> m
            .column("value", new SqlColumn("member_id", AttributeType.STRING, subCaseExact(schema, "members", "value"))));
    JsonColumns.mapDocumentAttributes(b, dialect, "g.doc", schema, Set.of("id", "externalid", "displayname"));
    return b;
  }

  /** The sort columns of {@code scim_groups}. */
  public static Map<String, SortColumn> groupSortColumns() {
    return namedSortColumns("g");
  }

  /** The mapping of a custom type in {@code scim_resources}. */
  public static SqlMapping.Builder resources(Dialect dialect, ResourceSchema schema) {
    SqlMapping.Builder b = common(schema, "r", "r.resource_type");
    JsonColumns.mapDocumentAttributes(b, dialect, "r.doc", schema, Set.of("id", "externalid", "displayname"));
    return b;
  }

  /** The sort columns of {@code scim_resources}. */
  public static Map<String, SortColumn> resourceSortColumns() {
    return namedSortColumns("r");
  }

  private static Map<String, SortColumn> namedSortColumns(String a) {
    return Map.of(
        "externalid", new SortColumn(a + ".external_id_key", Kind.BYTES, true),
        "displayname", new SortColumn(a + ".display_name_key", Kind.BYTES, true),
        "meta.created", new SortColumn(a + ".created", Kind.TIMESTAMP, false),
        "meta.lastmodified", new SortColumn(a + ".last_modified", Kind.TIMESTAMP, false));
  }

  private static SqlMapping.Builder common(ResourceSchema schema, String a, String resourceType) {
    return SqlMapping.builder()
        .column("id", new SqlColumn(a + ".id", AttributeType.STRING, true))
        .column("externalId", new SqlColumn(a + ".external_id", AttributeType.STRING, caseExact(schema, "externalId")))
        .column("displayName", new SqlColumn(a + ".display_name", AttributeType.STRING,
            caseExact(schema, "displayName")))
        .column("meta.created", new SqlColumn(a + ".created", AttributeType.DATE_TIME, false))
        .column("meta.lastModified", new SqlColumn(a + ".last_modified", AttributeType.DATE_TIME, false))
        .column("meta.resourceType", new SqlColumn(resourceType, AttributeType.STRING, false));
  }

  /** Whether the schema says the sub-attribute compares with case (yes when the schema does not say). */
  static boolean subCaseExact(ResourceSchema schema, String attribute, String sub) {
    AttributeInfo info = schema.attribute(null, attribute, sub);
    return info == null || info.caseExact();
  }

  /** Whether the schema says the top-level attribute compares with case (externalId: yes by RFC 7643). */
  static boolean caseExact(ResourceSchema schema, String name) {
    AttributeInfo info = schema.attribute(null, name, null);
    return info != null ? info.caseExact() : name.equals("externalId");
  }
}
