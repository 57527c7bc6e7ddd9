package dev.scimsync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.schema.Uniqueness;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the contract kit does not cover: passwords, the in-memory fallback cap, custom resource
 * types, tenant isolation of the child tables, which writes keep the version, unique attributes,
 * filters left to the server, migrations run twice (sync state and leases: {@link JdbcSyncBehaviour}).
 */
abstract class JdbcStoreBehaviour {

  private static final StoreContext T = StoreContext.of("behaviour");
  private JdbcStores stores;

  abstract DataSource db();

  @BeforeEach
  void newStores() {
    stores = JdbcStores.builder(db()).passwordIterations(1_000).maxInMemoryMatches(5).build();
    TestDatabases.empty(db());
  }

  private static ScimResource user(String userName, String extra) {
    return ScimResource.parse("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName + "\"" + extra + "}");
  }

  @Test
  void passwordsAreStoredOnlyAsSaltedHashes() throws SQLException {
    ScimResource u = stores.users().create(T, user("pat", ",\"password\":\"s3cret-Pa55\""));

    assertThat(u.json().has("password")).isFalse();
    assertThat(stores.users().get(T, u.id(), Set.of()).orElseThrow().json().toString()).doesNotContain("s3cret");
    String everything = dump("SELECT * FROM scim_users");
    assertThat(everything).doesNotContain("s3cret-Pa55").contains("pbkdf2-sha256$1000$");
    assertThat(stores.users().verifyPassword(T, u.id(), "s3cret-Pa55")).isTrue();
    assertThat(stores.users().verifyPassword(T, u.id(), "s3cret-pa55")).isFalse();
    assertThat(stores.users().verifyPassword(StoreContext.of("other"), u.id(), "s3cret-Pa55")).isFalse();

    // a PUT without password keeps the hash; one with a password replaces it
    stores.users().replace(T, u.id(), user("pat", ",\"title\":\"x\""), null);
    assertThat(stores.users().verifyPassword(T, u.id(), "s3cret-Pa55")).isTrue();
    stores.users().replace(T, u.id(), user("pat", ",\"password\":\"n3w\""), null);
    assertThat(stores.users().verifyPassword(T, u.id(), "n3w")).isTrue();
    assertThat(PasswordHasher.verify("s3cret-Pa55", firstHash())).isFalse();
  }

  @Test
  void aFilterTheDatabaseCannotEvaluateIsCappedNotLoadedWhole() {
    for (int i = 0; i < 8; i++) {
      stores.users().create(T, user("u" + i, ",\"x509Certificates\":[{\"value\":\"Y2VydA==\"}]"));
    }
    stores.users().create(T, user("other", ""));
    Filter f = Filter.parse("x509Certificates pr");

    assertThatThrownBy(() -> stores.users().search(T, ResourceQuery.of(f, 10)))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(400));
    // narrowed by a pushed-down part, the rest is tested in memory
    ResourcePage page = stores.users().search(T, ResourceQuery.of(Filter.parse("x509Certificates pr and userName sw \"u1\""), 10));
    assertThat(page.resources()).extracting(r -> r.text("userName")).containsExactly("u1");
  }

  @Test
  void emailsOfOneTenantDoNotMatchInAnother() {
    stores.users().create(T, user("a", ",\"emails\":[{\"value\":\"a@x.test\"}]"));
    StoreContext other = StoreContext.of("behaviour-2");
    stores.users().create(other, user("b", ",\"emails\":[{\"value\":\"b@x.test\"}]"));

    assertThat(stores.users().search(other, ResourceQuery.of(Filter.parse("emails.value eq \"a@x.test\""), 10))
        .totalResults()).isZero();
    assertThat(stores.users().search(T, ResourceQuery.of(Filter.parse("emails.value eq \"A@X.TEST\""), 10))
        .totalResults()).isOne();
  }

  @Test
  void customTypesAreUniqueAsTheirSchemaSaysAndStayApart() {
    Schema core = new Schema("urn:example:scim:Device", "Device", "A device", List.of(
        AttributeDefinition.builder("serial", AttributeType.STRING).uniqueness(Uniqueness.SERVER).build(),
        AttributeDefinition.builder("displayName", AttributeType.STRING).build()));
    ResourceSchema schema = new ResourceSchema(new ResourceType("Device", "Device", "/Devices", "Devices", core.id(), List.of()),
        core, List.of());
    JdbcResourceStore devices = stores.resources(schema);
    ObjectNode d = ScimJson.object();
    d.putArray("schemas").add(core.id());
    d.put("serial", "SN-1").put("displayName", "Laptop");
    ScimResource created = devices.create(T, ScimResource.of(d));

    assertThatThrownBy(() -> devices.create(T, ScimResource.of(d.deepCopy().put("serial", "sn-1"))))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(409));
    devices.create(StoreContext.of("elsewhere"), ScimResource.of(d));
    assertThat(devices.search(T, ResourceQuery.of(Filter.parse("displayName eq \"laptop\""), 10)).resources())
        .extracting(ScimResource::id).containsExactly(created.id());
    assertThat(stores.users().search(T, ResourceQuery.of(null, 10)).totalResults()).isZero();
    devices.delete(T, created.id(), null);
    devices.create(T, ScimResource.of(d.deepCopy().put("serial", "sn-1")));
  }

  private static ScimResource group(String name, String... members) {
    return ScimResource.parse("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
        + name + "\",\"members\":[" + String.join(",", members) + "]}");
  }

  private static String member(String id, String extra) {
    return "{\"value\":\"" + id + "\"" + extra + "}";
  }

  private String patchMembers(String id, PatchOperation op) {
    JdbcGroupStore groups = stores.groups();
    ScimResource without = groups.get(T, id, Set.of("members")).orElseThrow().with("members", null);
    PatchResult r = new PatchEngine(groups.schema(), Tolerance.lenient()).applyAsDelta(without, List.of(op), "members");
    String version = groups.update(T, id, r, "members", null).resource().version();
    assertThat(groups.get(T, id, Set.of()).orElseThrow().version()).isEqualTo(version);
    return version;
  }

  private static JsonNode values(String... members) {
    return ScimJson.parse("[" + String.join(",", members) + "]");
  }

  @Test
  void aMembersDeltaChangesTheVersionOnlyWhenTheMembersChange() {
    ScimResource g = stores.groups().create(T, group("g", member("m1", ""), member("m2", "")));
    String v = g.version();

    assertThat(patchMembers(g.id(), PatchOperation.add("members", values(member("m1", ""))))).isEqualTo(v);
    assertThat(patchMembers(g.id(), PatchOperation.remove("members[value eq \"m9\"]"))).isEqualTo(v);
    assertThat(patchMembers(g.id(), PatchOperation.replace("members", values(member("m1", ""), member("m2", "")))))
        .isEqualTo(v);

    String merged = patchMembers(g.id(), PatchOperation.add("members", values(member("m1", ",\"display\":\"One\""))));
    assertThat(merged).isNotEqualTo(v);
    String reordered = patchMembers(g.id(), PatchOperation.replace("members",
        values(member("m2", ""), member("m1", ",\"display\":\"One\""))));
    assertThat(reordered).isNotEqualTo(merged);
    assertThat(patchMembers(g.id(), PatchOperation.remove("members[value eq \"m2\"]"))).isNotEqualTo(reordered);
  }

  @Test
  void aPutChangesTheVersionWhenItSetsAPasswordOrOtherMembers() {
    ScimResource u = stores.users().create(T, user("pat", ",\"title\":\"x\""));
    assertThat(stores.users().replace(T, u.id(), user("pat", ",\"title\":\"x\""), u.version()).version())
        .isEqualTo(u.version());
    assertThat(stores.users().replace(T, u.id(), user("pat", ",\"title\":\"x\",\"password\":\"n3w-Pa55\""),
        u.version()).version()).isNotEqualTo(u.version());
    assertThat(stores.users().verifyPassword(T, u.id(), "n3w-Pa55")).isTrue();

    ScimResource g = stores.groups().create(T, group("g", member("m1", ""), member("m2", "")));
    ScimResource sameMembers = stores.groups().replace(T, g.id(), group("g", member("m2", ""), member("m1", "")), null);
    assertThat(sameMembers.version()).isEqualTo(g.version());
    assertThat(sameMembers.json()).isEqualTo(stores.groups().get(T, g.id(), Set.of()).orElseThrow().json());
    assertThat(stores.groups().replace(T, g.id(), group("g", member("m1", "")), null).version())
        .isNotEqualTo(g.version());
  }

  @Test
  void uniqueAttributesAreThoseTheConstraintsEnforce() {
    assertThat(stores.users().uniqueAttributes()).containsExactly("userName", "externalId");
    assertThat(stores.groups().uniqueAttributes()).containsExactly("displayName", "externalId");
    Schema core = new Schema("urn:example:scim:Device", "Device", "A device", List.of(
        AttributeDefinition.builder("serial", AttributeType.STRING).uniqueness(Uniqueness.SERVER).build(),
        AttributeDefinition.builder("displayName", AttributeType.STRING).build()));
    ResourceSchema schema = new ResourceSchema(new ResourceType("Device", "Device", "/Devices", "Devices", core.id(), List.of()),
        core, List.of());
    assertThat(stores.resources(schema).uniqueAttributes()).containsExactly("serial");
  }

  @Test
  void filtersOnAUsersGroupsArePushedDownExceptTheComputedRef() {
    assertThat(stores.users().supportsFilter(Filter.parse("groups.value eq \"g1\""))).isTrue();
    assertThat(stores.users().supportsFilter(Filter.parse("userName eq \"a\" and groups pr"))).isTrue();
    assertThat(stores.users().supportsFilter(Filter.parse("groups[display sw \"E\" and type eq \"direct\"]")))
        .isTrue();
    assertThat(stores.users().supportsFilter(Filter.parse("groups.$ref pr"))).isFalse();
    assertThat(stores.users().supportsFilter(Filter.parse("userName eq \"a\""))).isTrue();
  }

  private ScimResource group(StoreContext ctx, String name, ScimResource... members) {
    ObjectNode g = ScimJson.object();
    g.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    g.put("displayName", name);
    var arr = g.putArray("members");
    for (ScimResource m : members) {
      arr.addObject().put("value", m.id());
    }
    return stores.groups().create(ctx, ScimResource.of(g));
  }

  private List<String> userNames(StoreContext ctx, String filter) {
    return stores.users().search(ctx, ResourceQuery.of(Filter.parse(filter), 100)).resources().stream()
        .map(r -> r.text("userName")).sorted().toList();
  }

  @Test
  void aUsersGroupsFilterMatchesItsDirectMemberships() {
    ScimResource ann = stores.users().create(T, user("ann", ""));
    ScimResource bob = stores.users().create(T, user("bob", ""));
    stores.users().create(T, user("cy", ""));
    ScimResource eng = group(T, "Engineering", ann, bob);
    group(T, "Sales", bob);

    assertThat(userNames(T, "groups.value eq \"" + eng.id() + "\"")).containsExactly("ann", "bob");
    assertThat(userNames(T, "groups eq \"" + eng.id() + "\"")).containsExactly("ann", "bob");
    assertThat(userNames(T, "groups.display eq \"sales\"")).containsExactly("bob");
    assertThat(userNames(T, "groups[display sw \"ENG\" and type eq \"direct\"]")).containsExactly("ann", "bob");
    assertThat(userNames(T, "groups pr")).containsExactly("ann", "bob");
    assertThat(userNames(T, "not (groups pr)")).containsExactly("cy");
    assertThat(userNames(T, "groups.display ne \"Sales\"")).containsExactly("ann", "cy");
    assertThat(userNames(T, "userName sw \"b\" and groups.display eq \"Engineering\"")).containsExactly("bob");
    // sorted by an attribute without a column: still answered by SQL, not by the documents (which lack groups)
    ResourceQuery byTitle = new ResourceQuery(Filter.parse("groups.display eq \"Sales\""),
        dev.scimsync.filter.AttributePath.of("title"), dev.scimsync.core.message.SortOrder.ASCENDING, 1, 10, null,
        Set.of());
    assertThat(stores.users().search(T, byTitle).resources()).extracting(r -> r.text("userName")).containsExactly("bob");
    // the count and the cursor pages agree
    ResourcePage first = stores.users().search(T, ResourceQuery.of(Filter.parse("groups pr"), 1).withCursor(""));
    assertThat(first.totalResults()).isEqualTo(2);
    ResourcePage second = stores.users().search(T, ResourceQuery.of(Filter.parse("groups pr"), 1)
        .withCursor(first.nextCursor()));
    assertThat(List.of(first.resources().get(0).text("userName"), second.resources().get(0).text("userName")))
        .containsExactlyInAnyOrder("ann", "bob");
  }

  @Test
  void aUsersGroupsFilterNeverSeesAnotherTenantsMemberships() {
    ScimResource ann = stores.users().create(T, user("ann", ""));
    ScimResource bob = stores.users().create(T, user("bob", ""));
    ScimResource mine = group(T, "Mine", ann);
    // the store does not check member references (the server does): another tenant's group may name
    // T's user ids, and must still not count as their group
    StoreContext other = StoreContext.of("behaviour-2");
    ScimResource theirs = group(other, "Theirs", ann, bob);

    assertThat(userNames(T, "groups.value eq \"" + theirs.id() + "\"")).isEmpty();
    assertThat(userNames(T, "groups.display eq \"Theirs\"")).isEmpty();
    assertThat(userNames(T, "groups pr")).containsExactly("ann");
    assertThat(userNames(T, "groups.value eq \"" + mine.id() + "\"")).containsExactly("ann");
    assertThat(userNames(other, "groups pr")).isEmpty();
    // and a group's members filter stays in the group's tenant too
    assertThat(stores.groups().search(other, ResourceQuery.of(Filter.parse("members.value eq \"" + ann.id() + "\""),
        10)).resources()).extracting(ScimResource::id).containsExactly(theirs.id());
    assertThat(stores.groups().search(T, ResourceQuery.of(Filter.parse("members.value eq \"" + bob.id() + "\""),
        10)).totalResults()).isZero();
  }

  @Test
  void getAllReadsManyIdsOfTheTenantOnly() {
    ScimResource ann = stores.users().create(T, user("ann", ""));
    ScimResource bob = stores.users().create(T, user("bob", ""));
    ScimResource eng = group(T, "Engineering", ann, bob);
    StoreContext other = StoreContext.of("behaviour-2");
    ScimResource stranger = stores.users().create(other, user("cy", ""));

    var found = stores.users().getAll(T, List.of(bob.id(), "no-such-id", ann.id(), stranger.id(), ann.id()), Set.of());
    assertThat(found.keySet()).containsExactlyInAnyOrder(ann.id(), bob.id());
    assertThat(found.get(bob.id()).text("userName")).isEqualTo("bob");
    var groups = stores.groups().getAll(T, List.of(eng.id()), Set.of());
    assertThat(groups.get(eng.id()).get("members")).hasSize(2);
    assertThat(stores.groups().getAll(T, List.of(eng.id()), Set.of("members")).get(eng.id()).has("members")).isFalse();
    assertThat(stores.groups().getAll(other, List.of(eng.id()), Set.of())).isEmpty();
  }

  @Test
  void migratingAgainChangesNothing() throws SQLException {
    assertThat(SchemaMigrator.migrate(db())).isEmpty();
    assertThat(dump("SELECT version FROM scim_schema_version ORDER BY version")).isEqualTo("1\n2\n3\n4\n5\n");
  }

  /** Versions may have gaps (branches number apart): one missing below an applied one is applied when seen. */
  @Test
  void aVersionMissingBelowAnAppliedOneIsApplied() throws SQLException {
    try (var c = db().getConnection(); var st = c.createStatement()) {
      st.executeUpdate("DELETE FROM scim_schema_version WHERE version = 3");
    }
    assertThat(SchemaMigrator.migrate(db())).containsExactly(3);
    assertThat(SchemaMigrator.version("V5__pending_sets.sql")).isEqualTo(5);
    assertThat(SchemaMigrator.version("V12__x.sql")).isEqualTo(12);
  }

  private String firstHash() throws SQLException {
    return dump("SELECT password_hash FROM scim_users").strip();
  }

  private String dump(String sql) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Connection c = db().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          b.append(v instanceof byte[] bs ? new String(bs, StandardCharsets.UTF_8) : String.valueOf(v))
              .append(i < n ? "|" : "\n");
        }
      }
    }
    return b.toString();
  }
}
