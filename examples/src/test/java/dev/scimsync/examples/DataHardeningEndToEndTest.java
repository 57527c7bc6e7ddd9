package dev.scimsync.examples;

import static dev.scimsync.examples.AbstractEndToEndTest.PATCH_URN;
import static dev.scimsync.examples.AbstractEndToEndTest.USER_URN;
import static dev.scimsync.examples.AbstractEndToEndTest.assertError;
import static dev.scimsync.examples.ScimHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.examples.ScimHttp.Res;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import dev.scimsync.server.store.memory.StoreLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Data hardening of the SCIM endpoint over real HTTP (issue 9): quotas, the password oracle,
 * server-computed member fields, no-op writes, message URNs, filters on {@code groups}, what
 * {@code /Schemas} publishes and the profiles' strictness.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataHardeningEndToEndTest {

  static final String ENTERPRISE = CoreSchemas.ENTERPRISE_USER_URN;
  static final String GROUP_URN = CoreSchemas.GROUP_URN;

  HttpServer http;
  HttpServer quotaHttp;
  InMemoryUserStore users;
  ScimHttp scim;
  ScimHttp strict;
  ScimHttp lenient;
  ScimHttp small;
  ScimHttp other;
  ScimHttp neighbour;

  @BeforeAll
  void start() throws Exception {
    SchemaRegistry schemas = SchemaRegistry.standard();
    users = new InMemoryUserStore(schemas.resourceSchema("User"), Clock.systemUTC(),
        StoreLimits.builder().maxValues(50).build());
    BearerTokenAuthenticator auth = new BearerTokenAuthenticator()
        .addToken("default", "t", "default-token-0123456789")
        .addToken("strict", "t", "strict-token-0123456789")
        .addToken("lenient", "t", "lenient-token-0123456789")
        .addToken("other", "t", "other-token-0123456789");
    ScimServer server = ScimServer.builder()
        .schemas(schemas)
        .users(users)
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(auth)
        .options(ServerOptions.builder().rateLimit(0, 0).maxBodyBytes(16 * 1024).build())
        .basePath("/scim/v2")
        .tenantPathPattern("/tenants/{tenant}/scim/v2")
        .tenant("strict", Tolerance.strict())
        .tenant("lenient", Tolerance.lenient())
        .build();
    // a second server whose stores have small quotas, for two tenants
    StoreLimits limits = StoreLimits.builder().maxResources(5).maxBytes(20_000).build();
    ScimServer quota = ScimServer.builder()
        .schemas(schemas)
        .users(new InMemoryUserStore(schemas.resourceSchema("User"), Clock.systemUTC(), limits))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group"), Clock.systemUTC(), limits))
        .authenticator(new BearerTokenAuthenticator()
            .addToken("small", "t", "small-token-0123456789")
            .addToken("neighbour", "t", "neighbour-token-0123456789"))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .basePath("/scim/v2")
        .tenantPathPattern("/tenants/{tenant}/scim/v2")
        .build();
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    http = JdkHttpServerAdapter.start(server, loopback, "/");
    quotaHttp = JdkHttpServerAdapter.start(quota, loopback, "/");
    String root = "http://127.0.0.1:" + http.getAddress().getPort();
    String quotaRoot = "http://127.0.0.1:" + quotaHttp.getAddress().getPort();
    scim = new ScimHttp(root + "/scim/v2", "default-token-0123456789");
    strict = new ScimHttp(root + "/tenants/strict/scim/v2", "strict-token-0123456789");
    lenient = new ScimHttp(root + "/tenants/lenient/scim/v2", "lenient-token-0123456789");
    other = new ScimHttp(root + "/tenants/other/scim/v2", "other-token-0123456789");
    small = new ScimHttp(quotaRoot + "/tenants/small/scim/v2", "small-token-0123456789");
    neighbour = new ScimHttp(quotaRoot + "/tenants/neighbour/scim/v2", "neighbour-token-0123456789");
  }

  @AfterAll
  void stop() {
    JdkHttpServerAdapter.stop(http, 0);
    JdkHttpServerAdapter.stop(quotaHttp, 0);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  // ---- 4. quotas ---------------------------------------------------------------------------

  @Test
  void aTenantFillingItsQuotaGets413AndOtherTenantsAreUnaffected() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(small.createUser(unique("q")));
    }
    Res full = small.post("/Users", ScimHttp.user(unique("q")));
    assertError(full, 413, null);
    assertThat(full.json().get("detail").stringValue()).contains("maxResources");
    // another tenant of the same stores still writes
    neighbour.createUser(unique("other"));
    // so does a group of the full tenant until the bytes run out: then 413 naming maxBytes
    String members = String.join(",", ids.stream().map(id -> "{\"value\":\"" + id + "\"}").toList());
    Res bytes = null;
    for (int i = 0; i < 5 && (bytes == null || bytes.status() == 201); i++) {
      bytes = small.post("/Groups", "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"" + "g".repeat(4000)
          + i + "\",\"members\":[" + members + "]}");
    }
    assertError(bytes, 413, null);
    assertThat(bytes.json().get("detail").stringValue()).contains("maxBytes");
    neighbour.createGroup(unique("fine"));
    // freeing one makes room again
    assertThat(small.delete("/Users/" + ids.get(0)).status()).isEqualTo(204);
    small.createUser(unique("q"));
  }

  @Test
  void aPatchGrowingAResourcePastTheBodyLimitGets413() {
    String id = scim.createUser(unique("grow"));
    String big = "x".repeat(10_000);
    String op = "{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"" + big + "\"}";
    assertThat(scim.patch("/Users/" + id, patch(op)).status()).isEqualTo(200);
    Res r = scim.patch("/Users/" + id, patch("{\"op\":\"add\",\"path\":\"title\",\"value\":\"" + big + "\"}"));
    assertError(r, 413, null);
    assertThat(r.json().get("detail").stringValue()).contains("maxBodyBytes");
  }

  @Test
  void tooManyValuesOfAMultiValuedAttributeGet400() {
    StringBuilder emails = new StringBuilder();
    for (int i = 0; i < 51; i++) {
      emails.append(i == 0 ? "" : ",").append("{\"value\":\"e").append(i).append("@example.com\"}");
    }
    String body = "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"" + unique("many") + "\",\"emails\":[" + emails + "]}";
    Res r = scim.post("/Users", body);
    assertError(r, 400, "invalidValue");
    assertThat(r.json().get("detail").stringValue()).contains("emails").contains("50");
  }

  // ---- 6. password oracle ------------------------------------------------------------------

  @Test
  void passwordIsNeitherFilterableNorSortableAndStoredHashed() {
    String name = unique("pw");
    Res created = scim.post("/Users", "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"" + name
        + "\",\"password\":\"Tr0ub4dor&3\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").stringValue();
    assertThat(created.text()).doesNotContain("Tr0ub");
    assertError(scim.get("/Users?filter=" + q("password sw \"Tr0ub\"")), 400, "invalidFilter");
    assertError(scim.get("/Users?filter=" + q("userName eq \"" + name + "\" and not (password pr)")), 400, "invalidFilter");
    assertError(scim.get("/Users?filter=" + q("urn:ietf:params:scim:schemas:core:2.0:User:password sw \"T\"")), 400,
        "invalidFilter");
    assertError(scim.get("/Users?sortBy=password"), 400, "invalidValue");
    assertError(scim.post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
        + "\"filter\":\"password sw \\\"T\\\"\"}"), 400, "invalidFilter");
    assertError(scim.post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
        + "\"sortBy\":\"password\"}"), 400, "invalidValue");
    // the store keeps a hash that checks, never the clear text
    var ctx = dev.scimsync.server.store.StoreContext.of("default");
    assertThat(users.get(ctx, id, java.util.Set.of()).orElseThrow().json().has("password")).isFalse();
    assertThat(users.passwordMatches(ctx, id, "Tr0ub4dor&3")).isTrue();
    assertThat(users.passwordMatches(ctx, id, "Tr0ub4dor&4")).isFalse();
    // a PUT without a password keeps it
    assertThat(scim.put("/Users/" + id, ScimHttp.user(name)).status()).isEqualTo(200);
    assertThat(users.passwordMatches(ctx, id, "Tr0ub4dor&3")).isTrue();
  }

  // ---- 7, 15. member fields computed by the server ------------------------------------------

  @Test
  void memberRefTypeAndDisplayAreComputedAndFollowRenames() {
    String uname = unique("m");
    String uid = scim.createUser(uname);
    String body = "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"" + unique("g") + "\",\"members\":[{\"value\":\""
        + uid + "\",\"display\":\"Spoofed\",\"type\":\"Group\",\"$ref\":\"https://evil.example.com/Users/x\"}]}";
    Res g = scim.post("/Groups", body);
    assertThat(g.status()).as("%s", g).isEqualTo(201);
    JsonNode member = g.json().get("members").get(0);
    assertThat(member.get("display").stringValue()).isEqualTo(uname); // no displayName: its userName
    assertThat(member.get("type").stringValue()).isEqualTo("User");
    assertThat(member.get("$ref").stringValue()).isEqualTo(scim.base + "/Users/" + uid);
    String gid = g.json().get("id").stringValue();
    // a rename shows on the next read
    assertThat(scim.patch("/Users/" + uid, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Renamed\"}"))
        .status()).isEqualTo(200);
    JsonNode read = scim.get("/Groups/" + gid).json().get("members").get(0);
    assertThat(read.get("display").stringValue()).isEqualTo("Renamed");
  }

  @Test
  void managerMustBeAUserOfTheSameTenant() {
    String foreign = other.createUser(unique("foreign"));
    String body = "{\"schemas\":[\"" + USER_URN + "\",\"" + ENTERPRISE + "\"],\"userName\":\"" + unique("e")
        + "\",\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"%s\"}}}";
    assertError(scim.post("/Users", body.formatted(foreign)), 400, "invalidValue");
    String boss = scim.createUser(unique("boss"));
    assertThat(scim.post("/Users", body.formatted(boss)).status()).isEqualTo(201);
  }

  // ---- 8. no-op writes keep the version ------------------------------------------------------

  @Test
  void aGroupPatchThatChangesNothingKeepsTheVersion() {
    String uid = scim.createUser(unique("noop"));
    String gid = scim.createGroup(unique("noop"), uid);
    String before = scim.get("/Groups/" + gid).header("ETag");
    Res r = scim.patch("/Groups/" + gid, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + uid + "\"}]}"),
        "If-Match", before);
    assertThat(r.status()).isIn(200, 204);
    assertThat(r.header("ETag")).isEqualTo(before);
    assertThat(scim.get("/Groups/" + gid).header("ETag")).isEqualTo(before);
    // and a PUT of the same user keeps it too
    String name = unique("same");
    String id = scim.createUser(name);
    String v = scim.get("/Users/" + id).header("ETag");
    assertThat(scim.put("/Users/" + id, ScimHttp.user(name)).header("ETag")).isEqualTo(v);
  }

  // ---- 11. known URNs of the wrong message ---------------------------------------------------

  @Test
  void aKnownUrnOfTheWrongMessageIsRejectedUnderEveryProfile() {
    for (ScimHttp s : List.of(scim, strict, lenient)) {
      String id = s.createUser(unique("urn"));
      Res patch = s.patch("/Users/" + id, "{\"schemas\":[\"" + USER_URN + "\"],\"Operations\":[{\"op\":\"replace\","
          + "\"path\":\"title\",\"value\":\"x\"}]}");
      assertThat(patch.status()).as("%s %s", s.base, patch).isEqualTo(400);
      Res bulk = s.post("/Bulk", "{\"schemas\":[\"" + PATCH_URN + "\"],\"Operations\":[]}");
      assertThat(bulk.status()).as("%s %s", s.base, bulk).isEqualTo(400);
      Res post = s.post("/Users", "{\"schemas\":[\"" + GROUP_URN + "\"],\"userName\":\"" + unique("x") + "\"}");
      assertThat(post.status()).as("%s %s", s.base, post).isEqualTo(400);
    }
    // an unknown, misspelt URN stays tolerated where the profile tolerates it
    Res misspelt = lenient.post("/Users", "{\"schemas\":[\"" + USER_URN + "\",\"urn:ietf:params:scim:schemas:extension:"
        + "enterprise:2.0:Usr\"],\"userName\":\"" + unique("ok") + "\"}");
    assertThat(misspelt.status()).as("%s", misspelt).isEqualTo(201);
  }

  // ---- 12. filters on groups -------------------------------------------------------------------

  @Test
  void filtersOnGroupsMatch() {
    String in = scim.createUser(unique("in"));
    String out = scim.createUser(unique("out"));
    String gname = unique("team");
    String gid = scim.createGroup(gname, in);
    assertThat(ids(scim.get("/Users?filter=" + q("groups.value eq \"" + gid + "\"")))).containsExactly(in);
    assertThat(ids(scim.get("/Users?filter=" + q("groups[value eq \"" + gid + "\"]")))).containsExactly(in);
    assertThat(ids(scim.get("/Users?filter=" + q("groups.display eq \"" + gname + "\"")))).containsExactly(in);
    assertThat(ids(scim.get("/Users?filter=" + q("groups pr and id eq \"" + in + "\"")))).containsExactly(in);
    assertThat(ids(scim.get("/Users?filter=" + q("groups pr and id eq \"" + out + "\"")))).isEmpty();
  }

  private static List<String> ids(Res r) {
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    List<String> out = new ArrayList<>();
    JsonNode rs = r.json().get("Resources");
    if (rs != null) {
      rs.forEach(x -> out.add(x.get("id").stringValue()));
    }
    return out;
  }

  // ---- 13. /Schemas ------------------------------------------------------------------------------

  @Test
  void schemasPublishEnforcedUniquenessAndTheMetaSchemas() {
    JsonNode list = scim.get("/Schemas").json();
    List<String> ids = new ArrayList<>();
    list.get("Resources").forEach(s -> ids.add(s.get("id").stringValue()));
    assertThat(ids).contains("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
        "urn:ietf:params:scim:schemas:core:2.0:ResourceType", "urn:ietf:params:scim:schemas:core:2.0:Schema");
    assertThat(uniqueness(scim.get("/Schemas/" + GROUP_URN).json(), "displayName")).isEqualTo("server");
    assertThat(uniqueness(scim.get("/Schemas/" + USER_URN).json(), "externalId")).isEqualTo("server");
    assertThat(uniqueness(scim.get("/Schemas/" + USER_URN).json(), "userName")).isEqualTo("server");
  }

  private static String uniqueness(JsonNode schema, String attribute) {
    for (JsonNode a : schema.get("attributes")) {
      if (a.get("name").stringValue().equals(attribute)) {
        return a.get("uniqueness").stringValue();
      }
    }
    return null;
  }

  // ---- 14. strict enterprise URN, lenient list of one ---------------------------------------------

  @Test
  void strictRejectsAnExtensionObjectWhoseUrnIsNotInSchemas() {
    String body = "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"" + unique("s") + "\",\"" + ENTERPRISE
        + "\":{\"department\":\"R&D\"}}";
    assertError(strict.post("/Users", body), 400, "invalidValue");
  }

  @Test
  void lenientAcceptsAListOfOneForAFilteredReplace() {
    String id = lenient.createUser(unique("l"));
    assertThat(lenient.patch("/Users/" + id, patch("{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":"
        + "\"h@example.com\",\"type\":\"home\"}]}")).status()).isEqualTo(200);
    Res r = lenient.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"]\","
        + "\"value\":[{\"value\":\"h2@example.com\",\"type\":\"home\"}]}"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.text()).contains("h2@example.com");
  }

  static String patch(String... ops) {
    return "{\"schemas\":[\"" + PATCH_URN + "\"],\"Operations\":[" + String.join(",", ops) + "]}";
  }
}
