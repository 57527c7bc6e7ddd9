package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.examples.ScimHttp.Res;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end tests over real HTTP with {@link java.net.http.HttpClient}: every endpoint, the
 * status codes of RFC 7644, the request sequences Entra ID and Okta send, tenants, tokens,
 * concurrency and hostile input. Each subclass mounts the same {@link ScimServer} in one HTTP
 * adapter; the server is shared by the tests of a class, so each test uses its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class AbstractEndToEndTest {

  /** A running HTTP server; {@code root} + {@code /scim/v2} is the SCIM root of the default tenant. */
  interface Mounted extends AutoCloseable {
    String root();

    @Override
    void close();
  }

  /** Serves {@code server} (built with base path {@code /scim/v2}) on an ephemeral loopback port. */
  abstract Mounted mount(ScimServer server) throws Exception;

  /** Whether the HTTP server accepts a 100 KB request line (Jetty's default limit is 8 KB). */
  abstract boolean acceptsHugeRequestLines();

  static final String TOKEN = "default-token-0123456789";
  static final String ACME_TOKEN = "acme-token-0123456789abcdef";
  static final String GLOBEX_TOKEN = "globex-token-0123456789abcdef";
  static final int MAX_BODY = 64 * 1024;

  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

  BearerTokenAuthenticator auth;
  Mounted mounted;
  Mounted limited;
  ScimHttp scim;
  ScimHttp acme;
  ScimHttp globex;

  @BeforeAll
  void start() throws Exception {
    auth = new BearerTokenAuthenticator()
        .addToken("default", "initial", TOKEN)
        .addToken("acme", "initial", ACME_TOKEN)
        .addToken("globex", "initial", GLOBEX_TOKEN);
    // no rate limit and no concurrency cap here: the concurrency tests below send more than the default
    // cap of 8 at once; the cap itself is tested in ServerHardeningTest and AdapterHardeningTest
    mounted = mount(server(auth, ServerOptions.builder().maxBodyBytes(MAX_BODY).rateLimit(0, 0)
        .maxConcurrentRequestsPerTenant(0).build()));
    BearerTokenAuthenticator limitedAuth = new BearerTokenAuthenticator().addToken("default", "initial", TOKEN);
    limited = mount(server(limitedAuth, ServerOptions.builder().rateLimit(1, 3).build()));
    scim = new ScimHttp(mounted.root() + "/scim/v2", TOKEN);
    acme = new ScimHttp(mounted.root() + "/tenants/acme/scim/v2", ACME_TOKEN);
    globex = new ScimHttp(mounted.root() + "/tenants/globex/scim/v2", GLOBEX_TOKEN);
  }

  static ScimServer server(BearerTokenAuthenticator auth, ServerOptions options) {
    SchemaRegistry schemas = SchemaRegistry.standard();
    return ScimServer.builder()
        .schemas(schemas)
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(auth)
        .options(options)
        .basePath("/scim/v2")
        .tenantPathPattern("/tenants/{tenant}/scim/v2")
        .build();
  }

  @AfterAll
  void stop() {
    if (mounted != null) {
      mounted.close();
    }
    if (limited != null) {
      limited.close();
    }
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  static void assertScimJson(Res r) {
    assertThat(r.header("Content-Type")).as("Content-Type of %s", r).startsWith("application/scim+json");
  }

  static void assertError(Res r, int status, String scimType) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertScimJson(r);
    JsonNode e = r.json();
    assertThat(e.get("schemas").get(0).stringValue()).isEqualTo(ERROR_URN);
    assertThat(e.get("status").asString()).isEqualTo(Integer.toString(status));
    if (scimType != null) {
      assertThat(e.get("scimType")).as("scimType of %s", r).isNotNull();
      assertThat(e.get("scimType").stringValue()).isEqualTo(scimType);
    }
  }

  static JsonNode list(Res r, int totalResults) {
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertScimJson(r);
    JsonNode body = r.json();
    assertThat(body.get("schemas").get(0).stringValue()).isEqualTo(LIST_URN);
    assertThat(body.get("totalResults").isInt()).as("totalResults is an integer").isTrue();
    assertThat(body.get("totalResults").intValue()).as("%s", r).isEqualTo(totalResults);
    assertThat(body.get("itemsPerPage").isInt()).isTrue();
    assertThat(body.get("Resources")).as("Resources is present, also when empty").isNotNull();
    assertThat(body.get("Resources").isArray()).isTrue();
    return body;
  }

  static Set<String> memberIds(JsonNode group) {
    Set<String> ids = new HashSet<>();
    JsonNode members = group.get("members");
    if (members != null) {
      members.forEach(m -> ids.add(m.get("value").stringValue()));
    }
    return ids;
  }

  static String patch(String... ops) {
    return "{\"schemas\":[\"" + PATCH_URN + "\"],\"Operations\":[" + String.join(",", ops) + "]}";
  }

  // ---------------------------------------------------------------- discovery

  @Nested
  class Discovery {
    @Test
    void serviceProviderConfigResourceTypesAndSchemas() {
      Res spc = scim.get("/ServiceProviderConfig");
      assertThat(spc.status()).isEqualTo(200);
      assertScimJson(spc);
      assertThat(spc.json().get("patch").get("supported").booleanValue()).isTrue();
      assertThat(spc.json().get("bulk").get("supported").booleanValue()).isTrue();

      JsonNode types = list(scim.get("/ResourceTypes"), 2);
      List<String> names = new ArrayList<>();
      types.get("Resources").forEach(t -> names.add(t.get("name").stringValue()));
      assertThat(names).containsExactlyInAnyOrder("User", "Group");
      assertThat(scim.get("/ResourceTypes/User").json().get("endpoint").stringValue()).isEqualTo("/Users");

      JsonNode schemas = scim.get("/Schemas").json();
      assertThat(schemas.get("totalResults").intValue()).isGreaterThanOrEqualTo(3);
      assertThat(scim.get("/Schemas/" + USER_URN).status()).isEqualTo(200);
    }

    @Test
    void meIsNotImplemented() {
      assertError(scim.get("/Me"), 501, null);
    }
  }

  // ---------------------------------------------------------------- CRUD and status codes

  @Nested
  class Users {
    @Test
    void createReadReplacePatchDelete() {
      String name = unique("crud");
      Res created = scim.post("/Users", ScimHttp.user(name));
      assertThat(created.status()).isEqualTo(201);
      assertScimJson(created);
      JsonNode user = created.json();
      String id = user.get("id").stringValue();
      assertThat(created.header("Location")).isEqualTo(scim.base + "/Users/" + id)
          .isEqualTo(user.get("meta").get("location").stringValue());
      assertThat(created.header("ETag")).isNotBlank();

      Res got = scim.get("/Users/" + id);
      assertThat(got.status()).isEqualTo(200);
      assertThat(got.json().get("userName").stringValue()).isEqualTo(name);
      String etag = got.header("ETag");

      Res notModified = scim.get("/Users/" + id, "If-None-Match", etag);
      assertThat(notModified.status()).isEqualTo(304);
      assertThat(notModified.text()).isEmpty();

      Res replaced = scim.put("/Users/" + id, ScimHttp.user(name).replace("\"Given\"", "\"Replaced\""));
      assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
      assertThat(replaced.json().get("name").get("givenName").stringValue()).isEqualTo("Replaced");
      assertThat(replaced.header("ETag")).isNotEqualTo(etag);

      Res patched = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Pat\"}"));
      assertThat(patched.status()).as("%s", patched).isEqualTo(200);
      assertThat(patched.json().get("displayName").stringValue()).isEqualTo("Pat");

      Res deleted = scim.delete("/Users/" + id);
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.text()).isEmpty();
      assertError(scim.get("/Users/" + id), 404, null);
      assertError(scim.delete("/Users/" + id), 404, null);
    }

    @Test
    void emptyListHasIntegerPagingAndEmptyResources() {
      JsonNode body = list(scim.get("/Users?filter=" + ScimHttp.q("userName eq \"" + unique("nobody") + "\"")), 0);
      assertThat(body.get("Resources").size()).isZero();
      assertThat(body.get("startIndex").intValue()).isEqualTo(1);
      assertThat(body.get("itemsPerPage").intValue()).isZero();
    }

    @Test
    void acceptsApplicationJsonWithCharset() {
      Res r = scim.post("/Users", ScimHttp.user(unique("json")), "Content-Type", "application/json; charset=utf-8");
      assertThat(r.status()).as("%s", r).isEqualTo(201);
      assertScimJson(r);
    }

    @Test
    void refusesOtherMediaTypes() {
      assertError(scim.post("/Users", ScimHttp.user(unique("text")), "Content-Type", "text/plain"), 415, null);
      assertError(scim.post("/Users", "userName=x", "Content-Type", "application/x-www-form-urlencoded"), 415, null);
    }

    @Test
    void badFilterAndBadJsonAre400WithScimType() {
      assertError(scim.get("/Users?filter=" + ScimHttp.q("userName eq")), 400, "invalidFilter");
      assertError(scim.get("/Users?filter=" + ScimHttp.q("userName xx \"a\"")), 400, "invalidFilter");
      assertError(scim.post("/Users", "{\"userName\":"), 400, "invalidSyntax");
    }

    @Test
    void unauthenticatedRequestsGet401() {
      Res none = scim.withToken(null).get("/Users");
      assertError(none, 401, null);
      assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
      assertError(scim.withToken("wrong-token-0123456789").get("/Users"), 401, null);
      assertError(scim.withToken(null).post("/Users", ScimHttp.user(unique("anon"))), 401, null);
      assertError(scim.send("GET", "/Users", null, "Authorization", "Basic dXNlcjpwYXNz"), 401, null);
    }

    @Test
    void unknownIdAndUnknownEndpointAre404() {
      assertError(scim.get("/Users/" + UUID.randomUUID()), 404, null);
      assertError(scim.get("/Groups/" + UUID.randomUUID()), 404, null);
      assertError(scim.get("/Widgets"), 404, null);
      assertError(scim.get("/Users/a/b"), 404, null);
      assertError(new ScimHttp(mounted.root(), TOKEN).get("/elsewhere"), 404, null);
    }

    @Test
    void wrongMethodIs405WithAllow() {
      Res r = scim.delete("/Users");
      assertError(r, 405, null);
      assertThat(r.header("Allow")).contains("GET").contains("POST");
      Res bulk = scim.get("/Bulk");
      assertError(bulk, 405, null);
      assertThat(bulk.header("Allow")).isEqualTo("POST");
      assertThat(scim.post("/ServiceProviderConfig", "{}").status()).isEqualTo(405);
    }

    @Test
    void duplicateUserNameIs409() {
      String name = unique("dup");
      scim.createUser(name);
      assertError(scim.post("/Users", ScimHttp.user(name)), 409, "uniqueness");
      assertError(scim.post("/Users", ScimHttp.user(name.toUpperCase())), 409, "uniqueness");
    }

    @Test
    void ifMatchMismatchIs412() {
      String id = scim.createUser(unique("etag"));
      String stale = "W/\"stale\"";
      String body = patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"X\"}");
      assertError(scim.patch("/Users/" + id, body, "If-Match", stale), 412, null);
      assertError(scim.put("/Users/" + id, ScimHttp.user(unique("etag2")), "If-Match", stale), 412, null);
      assertError(scim.delete("/Users/" + id, "If-Match", stale), 412, null);
      String current = scim.get("/Users/" + id).header("ETag");
      assertThat(scim.patch("/Users/" + id, body, "If-Match", current).status()).isEqualTo(200);
    }

    @Test
    void oversizedBodyIs413AndTheServerKeepsServing() {
      String big = "{\"userName\":\"" + "x".repeat(MAX_BODY + 40_000) + "\"}";
      assertError(scim.post("/Users", big), 413, null);
      assertError(scim.post("/Users/.search", big), 413, null);
      assertThat(scim.post("/Users", ScimHttp.user(unique("after413"))).status()).isEqualTo(201);
    }

    @Test
    void malformedBodiesAre400AndTheServerKeepsServing() {
      for (String body : List.of("{", "[1,2]", "", "null", "\"text\"", "{\"userName\": }", "{\"a\":1}{\"b\":2}",
          "\u0000\u0001\u0002binary")) {
        Res r = scim.post("/Users", body);
        assertThat(r.status()).as("POST %s -> %s", body, r).isEqualTo(400);
        assertScimJson(r);
      }
      assertThat(scim.sendBytes("POST", "/Users", new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b}).status()).isEqualTo(400);
      assertThat(scim.patch("/Users/" + scim.createUser(unique("mal")), "{\"Operations\":\"nope\"}").status())
          .isEqualTo(400);
      assertThat(scim.get("/ServiceProviderConfig").status()).isEqualTo(200);
    }

    /**
     * Hostile filters are refused by the parser's limits (nesting depth, length), which name the
     * limit; that they are refused by a limit, not after evaluating, is what keeps them cheap.
     */
    @Test
    void hostileFiltersAreRefusedByALimit() {
      String deep = "(".repeat(2_000) + "userName eq \"x\"" + ")".repeat(2_000);
      assertRefusedByALimit(scim.post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
          + "\"filter\":\"" + deep.replace("\"", "\\\"") + "\"}"));
      String nots = "not (".repeat(500) + "active eq true" + ")".repeat(500);
      assertRefusedByALimit(scim.get("/Users?filter=" + ScimHttp.q(nots)));
      String long50k = "userName eq \"" + "a".repeat(50_000) + "\"";
      assertRefusedByALimit(scim.post("/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
          + "\"filter\":\"" + long50k.replace("\"", "\\\"") + "\"}"));
      String huge = "userName eq \"" + "a".repeat(100_000) + "\"";
      Res hugeQuery = scim.get("/Users?filter=" + ScimHttp.q(huge));
      if (acceptsHugeRequestLines()) {
        assertRefusedByALimit(hugeQuery);
      } else {
        assertThat(hugeQuery.status()).as("the container's own request-line limit").isIn(414, 431);
      }
      assertThat(scim.get("/Users?count=1").status()).isEqualTo(200);
    }

    private void assertRefusedByALimit(Res r) {
      assertError(r, 400, "invalidFilter");
      assertThat(r.json().get("detail").stringValue()).as("detail of %s", r).contains("limit");
    }

    @Test
    void rateLimitGives429WithRetryAfter() {
      ScimHttp client = new ScimHttp(limited.root() + "/scim/v2", TOKEN);
      Res limitedResponse = null;
      for (int i = 0; i < 20 && limitedResponse == null; i++) {
        Res r = client.get("/Users");
        if (r.status() == 429) {
          limitedResponse = r;
        } else {
          assertThat(r.status()).isEqualTo(200);
        }
      }
      assertThat(limitedResponse).as("a 429 within 20 requests at 1/s, burst 3").isNotNull();
      assertError(limitedResponse, 429, null);
      assertThat(Long.parseLong(limitedResponse.header("Retry-After"))).isPositive();
    }
  }

  // ---------------------------------------------------------------- search and bulk

  @Nested
  class SearchAndBulk {
    @Test
    void searchAtRootAndPerType() {
      String tag = UUID.randomUUID().toString().substring(0, 8);
      String u = scim.createUser("search-" + tag + "@example.com");
      String g = scim.createGroup("search-" + tag, u);
      String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
          + "\"filter\":\"userName eq \\\"search-" + tag + "@example.com\\\" or displayName eq \\\"search-" + tag + "\\\"\"}";
      JsonNode root = list(scim.post("/.search", body), 2);
      Set<String> ids = new HashSet<>();
      root.get("Resources").forEach(r -> ids.add(r.get("id").stringValue()));
      assertThat(ids).containsExactlyInAnyOrder(u, g);

      JsonNode users = list(scim.post("/Users/.search", body), 1);
      assertThat(users.get("Resources").get(0).get("id").stringValue()).isEqualTo(u);
      JsonNode groups = list(scim.post("/Groups/.search", "{\"filter\":\"displayName eq \\\"search-" + tag
          + "\\\"\",\"excludedAttributes\":[\"members\"]}"), 1);
      assertThat(groups.get("Resources").get(0).get("members")).isNull();
      assertThat(scim.get("/Users/.search").status()).isEqualTo(405);
    }

    @Test
    void pagingWithStartIndexAndCount() {
      String tag = UUID.randomUUID().toString().substring(0, 8);
      for (int i = 0; i < 5; i++) {
        scim.createUser("page-" + tag + "-" + i + "@example.com");
      }
      String f = ScimHttp.q("userName sw \"page-" + tag + "\"");
      JsonNode p1 = list(scim.get("/Users?filter=" + f + "&startIndex=1&count=2&sortBy=userName"), 5);
      JsonNode p3 = list(scim.get("/Users?filter=" + f + "&startIndex=5&count=2&sortBy=userName"), 5);
      assertThat(p1.get("itemsPerPage").intValue()).isEqualTo(2);
      assertThat(p1.get("startIndex").intValue()).isEqualTo(1);
      assertThat(p3.get("Resources").size()).isEqualTo(1);
      assertThat(p3.get("Resources").get(0).get("userName").stringValue()).startsWith("page-" + tag + "-4");
    }

    @Test
    void bulkResolvesBulkIdsInPathsAndMemberValues() {
      String tag = UUID.randomUUID().toString().substring(0, 8);
      String bulk = """
          {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
            {"method":"POST","path":"/Groups","bulkId":"g1","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
              "displayName":"bulk-%1$s","members":[{"value":"bulkId:u1"}]}},
            {"method":"POST","path":"/Users","bulkId":"u1","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName":"bulk1-%1$s@example.com"}},
            {"method":"POST","path":"/Users","bulkId":"u2","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName":"bulk2-%1$s@example.com"}},
            {"method":"PATCH","path":"/Groups/bulkId:g1","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations":[{"op":"add","path":"members","value":[{"value":"bulkId:u2"}]}]}},
            {"method":"POST","path":"/Users","bulkId":"dup","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName":"bulk1-%1$s@example.com"}}
          ]}
          """.formatted(tag);
      Res r = scim.post("/Bulk", bulk);
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertScimJson(r);
      JsonNode ops = r.json().get("Operations");
      assertThat(ops.size()).isEqualTo(5);
      String groupLocation = null;
      List<String> statuses = new ArrayList<>();
      for (JsonNode op : ops) {
        statuses.add(op.get("bulkId") == null ? "?" : op.get("bulkId").stringValue() + "=" + op.get("status").asString());
        if (op.get("bulkId") != null && op.get("bulkId").stringValue().equals("g1")) {
          groupLocation = op.get("location").stringValue();
        }
      }
      assertThat(statuses).contains("g1=201", "u1=201", "u2=201", "dup=409");
      assertThat(groupLocation).startsWith(scim.base + "/Groups/");
      String groupId = groupLocation.substring(groupLocation.lastIndexOf('/') + 1);
      JsonNode group = scim.get("/Groups/" + groupId).json();
      String u1 = list(scim.get("/Users?filter=" + ScimHttp.q("userName eq \"bulk1-" + tag + "@example.com\"")), 1)
          .get("Resources").get(0).get("id").stringValue();
      String u2 = list(scim.get("/Users?filter=" + ScimHttp.q("userName eq \"bulk2-" + tag + "@example.com\"")), 1)
          .get("Resources").get(0).get("id").stringValue();
      assertThat(memberIds(group)).containsExactlyInAnyOrder(u1, u2);
    }
  }

  // ---------------------------------------------------------------- identity providers

  @Nested
  class Entra {
    @Test
    void userLifecycleAsEntraSendsIt() {
      String userName = "Test_User_" + UUID.randomUUID() + "@contoso.com";
      String filter = "/Users?filter=" + ScimHttp.q("userName eq \"" + userName + "\"");
      assertThat(list(scim.get(filter), 0).get("Resources").size()).isZero();

      String create = """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
           "externalId":"%s","userName":"%s","active":true,"addresses":null,"displayName":"Test User",
           "emails":[{"primary":true,"type":"work","value":"%s"}],"meta":{"resourceType":"User"},
           "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
           "phoneNumbers":null,"roles":[],"manager":null}
          """.formatted(UUID.randomUUID(), userName, userName);
      Res created = scim.post("/Users", create);
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      String id = created.json().get("id").stringValue();
      assertThat(list(scim.get(filter), 1).get("Resources").get(0).get("id").stringValue()).isEqualTo(id);
      String externalId = created.json().get("externalId").stringValue();
      list(scim.get("/Users?filter=" + ScimHttp.q("externalId eq " + externalId)), 1);

      Res patched = scim.patch("/Users/" + id, patch(
          "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"updated@contoso.com\"}",
          "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"updatedFamilyName\"}"));
      assertThat(patched.status()).as("%s", patched).isEqualTo(200);
      JsonNode user = patched.json();
      assertThat(user.get("emails").get(0).get("value").stringValue()).isEqualTo("updated@contoso.com");
      assertThat(user.get("name").get("familyName").stringValue()).isEqualTo("updatedFamilyName");
      list(scim.get("/Users?filter=" + ScimHttp.q("emails[type eq \"work\"].value eq \"updated@contoso.com\" and userName eq \""
          + userName + "\"")), 1);

      Res disabled = scim.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
      assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
      assertThat(scim.get("/Users/" + id).json().get("active").booleanValue()).isFalse();
      assertThat(list(scim.get(filter), 1).get("Resources").get(0).get("active").booleanValue()).isFalse();

      assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
      assertThat(list(scim.get(filter), 0).get("Resources").size()).isZero();
    }

    @Test
    void groupLifecycleAsEntraSendsIt() {
      String u1 = scim.createUser(unique("entra-m1"));
      String u2 = scim.createUser(unique("entra-m2"));
      String name = "Entra Group " + UUID.randomUUID();
      Res created = scim.post("/Groups", """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                      "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
           "externalId":"%s","displayName":"%s","meta":{"resourceType":"Group"}}
          """.formatted(UUID.randomUUID(), name));
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      String gid = created.json().get("id").stringValue();

      JsonNode byName = list(scim.get("/Groups?excludedAttributes=members&filter="
          + ScimHttp.q("displayName eq \"" + name + "\"")), 1);
      assertThat(byName.get("Resources").get(0).get("id").stringValue()).isEqualTo(gid);

      Res added = scim.patch("/Groups/" + gid, patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":["
          + "{\"$ref\":null,\"value\":\"" + u1 + "\"},{\"$ref\":null,\"value\":\"" + u2 + "\"}]}"));
      assertThat(added.status()).as("%s", added).isEqualTo(204);
      assertThat(memberIds(scim.get("/Groups/" + gid).json())).containsExactlyInAnyOrder(u1, u2);
      assertThat(scim.get("/Users/" + u1).json().get("groups").get(0).get("value").stringValue()).isEqualTo(gid);

      Res removed = scim.patch("/Groups/" + gid, patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":["
          + "{\"$ref\":null,\"value\":\"" + u1 + "\"}]}"));
      assertThat(removed.status()).as("%s", removed).isEqualTo(204);
      assertThat(memberIds(scim.get("/Groups/" + gid).json())).containsExactly(u2);

      Res renamed = scim.patch("/Groups/" + gid, patch("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\""
          + name + " renamed\"}"));
      assertThat(renamed.status()).isEqualTo(204);
      assertThat(memberIds(scim.get("/Groups/" + gid).json())).containsExactly(u2);

      assertThat(scim.delete("/Groups/" + gid).status()).isEqualTo(204);
      assertError(scim.get("/Groups/" + gid), 404, null);
    }
  }

  @Nested
  class Okta {
    @Test
    void userLifecycleAsOktaSendsIt() {
      String userName = "okta." + UUID.randomUUID().toString().substring(0, 8) + "@okta.local";
      String lookup = "/Users?filter=" + ScimHttp.q("userName eq \"" + userName + "\"") + "&startIndex=1&count=100";
      assertThat(list(scim.get(lookup, "User-Agent", "Okta SCIM Client 1.0.0"), 0).get("Resources").size()).isZero();

      String create = """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
           "name":{"givenName":"Test","familyName":"User"},
           "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Test User","locale":"en-US",
           "externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
          """.formatted(userName, userName);
      Res created = scim.post("/Users", create);
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      assertThat(created.text()).doesNotContain("password").doesNotContain("1mz050nq");
      String id = created.json().get("id").stringValue();

      assertError(scim.post("/Users", create.replace("00ujl29u0le5T6Aj10h7", "00ujl29u0le5T6Aj10h8")), 409, "uniqueness");

      Res got = scim.get("/Users/" + id);
      assertThat(got.status()).isEqualTo(200);
      assertThat(got.text()).doesNotContain("1mz050nq");
      assertThat(list(scim.get(lookup), 1).get("Resources").get(0).get("id").stringValue()).isEqualTo(id);

      String full = got.text().replace("\"givenName\":\"Test\"", "\"givenName\":\"Changed\"");
      Res replaced = scim.put("/Users/" + id, full);
      assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
      assertThat(replaced.json().get("name").get("givenName").stringValue()).isEqualTo("Changed");
      assertThat(replaced.json().get("id").stringValue()).isEqualTo(id);
      assertThat(replaced.text()).doesNotContain("1mz050nq");
      assertThat(scim.get(lookup).text()).doesNotContain("1mz050nq").doesNotContain("password");

      Res deactivated = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"));
      assertThat(deactivated.status()).as("%s", deactivated).isEqualTo(200);
      assertThat(deactivated.json().get("active").booleanValue()).isFalse();
      assertThat(scim.get("/Users/" + id).json().get("name").get("givenName").stringValue()).isEqualTo("Changed");
    }

    @Test
    void groupPushAsOktaSendsIt() {
      String u1 = scim.createUser(unique("okta-m1"));
      String u2 = scim.createUser(unique("okta-m2"));
      String name = "Okta Group " + UUID.randomUUID();
      Res created = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
          + "\"displayName\":\"" + name + "\",\"members\":[]}");
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      String gid = created.json().get("id").stringValue();
      assertThat(scim.patch("/Groups/" + gid, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
          + u1 + "\",\"display\":\"one\"}]}")).status()).isIn(200, 204);

      Res swap = scim.patch("/Groups/" + gid, patch(
          "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u1 + "\\\"]\"}",
          "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u2 + "\",\"display\":\"two\"}]}"));
      assertThat(swap.status()).as("%s", swap).isIn(200, 204);
      assertThat(memberIds(scim.get("/Groups/" + gid).json())).containsExactly(u2);

      Res rename = scim.patch("/Groups/" + gid, patch("{\"op\":\"replace\",\"value\":{\"id\":\"" + gid
          + "\",\"displayName\":\"" + name + " renamed\"}}"));
      assertThat(rename.status()).as("%s", rename).isIn(200, 204);
      JsonNode group = scim.get("/Groups/" + gid).json();
      assertThat(group.get("displayName").stringValue()).isEqualTo(name + " renamed");
      assertThat(memberIds(group)).as("a pathless rename does not touch members").containsExactly(u2);

      Res pushNow = scim.patch("/Groups/" + gid, patch("{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}"));
      assertThat(pushNow.status()).isIn(200, 204);
      assertThat(memberIds(scim.get("/Groups/" + gid).json())).isEmpty();
    }
  }

  // ---------------------------------------------------------------- tenants and tokens

  @Nested
  class Tenants {
    @Test
    void tenantsAreIsolated() {
      String name = unique("tenant");
      String acmeId = acme.createUser(name);
      assertThat(acme.get("/Users/" + acmeId).status()).isEqualTo(200);
      assertThat(acme.get("/Users/" + acmeId).json().get("meta").get("location").stringValue())
          .isEqualTo(acme.base + "/Users/" + acmeId);

      assertError(new ScimHttp(acme.base, GLOBEX_TOKEN).get("/Users/" + acmeId), 401, null);
      assertError(new ScimHttp(acme.base, TOKEN).get("/Users"), 401, null);
      assertError(globex.get("/Users/" + acmeId), 404, null);
      String f = "/Users?filter=" + ScimHttp.q("userName eq \"" + name + "\"");
      assertThat(list(globex.get(f), 0).get("Resources").size()).isZero();
      assertThat(list(scim.get(f), 0).get("Resources").size()).isZero();
      assertThat(list(acme.get(f), 1).get("Resources").size()).isEqualTo(1);
      // the same userName may exist in another tenant
      assertThat(globex.post("/Users", ScimHttp.user(name)).status()).isEqualTo(201);
      assertError(globex.delete("/Users/" + acmeId), 404, null);
      assertThat(acme.get("/Users/" + acmeId).status()).isEqualTo(200);
    }

    @Test
    void tokenRotationKeepsBothValidUntilTheOldOneIsRemoved() {
      String oldToken = "rotate-old-0123456789abcdef";
      String newToken = BearerTokenAuthenticator.newToken();
      auth.addToken("rotating", "old", oldToken);
      ScimHttp old = new ScimHttp(mounted.root() + "/tenants/rotating/scim/v2", oldToken);
      String id = old.createUser(unique("rot"));
      auth.addToken("rotating", "new", newToken);
      ScimHttp fresh = old.withToken(newToken);
      assertThat(old.get("/Users/" + id).status()).isEqualTo(200);
      assertThat(fresh.get("/Users/" + id).status()).isEqualTo(200);
      assertThat(auth.removeToken("rotating", "old")).isTrue();
      assertError(old.get("/Users/" + id), 401, null);
      assertThat(fresh.get("/Users/" + id).status()).isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------- concurrency

  @Nested
  class Concurrency {
    @Test
    void concurrentCreatesOfOneUserNameGiveOne201() throws Exception {
      String name = unique("race");
      int threads = 12;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          results.add(pool.submit(() -> {
            go.await();
            return scim.post("/Users", ScimHttp.user(name)).status();
          }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
          statuses.add(f.get(20, TimeUnit.SECONDS));
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(threads - 1);
      } finally {
        pool.shutdownNow();
      }
      list(scim.get("/Users?filter=" + ScimHttp.q("userName eq \"" + name + "\"")), 1);
    }

    @Test
    void concurrentMembershipPatchesLoseNoUpdate() throws Exception {
      int threads = 8;
      int perThread = 5;
      List<String> users = new ArrayList<>();
      for (int i = 0; i < threads * perThread; i++) {
        users.add(scim.createUser(unique("member" + i)));
      }
      String gid = scim.createGroup("concurrent " + UUID.randomUUID());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          List<String> mine = users.subList(t * perThread, (t + 1) * perThread);
          results.add(pool.submit(() -> {
            go.await();
            List<Integer> statuses = new ArrayList<>();
            for (String u : mine) {
              statuses.add(scim.patch("/Groups/" + gid, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                  + u + "\"}]}")).status());
            }
            return statuses;
          }));
        }
        go.countDown();
        for (Future<List<Integer>> f : results) {
          assertThat(f.get(20, TimeUnit.SECONDS)).containsOnly(204);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(memberIds(scim.get("/Groups/" + gid).json())).containsExactlyInAnyOrderElementsOf(users);
    }

    @Test
    void concurrentOktaSwapPatchesLoseNoUpdate() throws Exception {
      int n = 10;
      List<String> old = new ArrayList<>();
      List<String> fresh = new ArrayList<>();
      for (int i = 0; i < 2 * n; i++) {
        old.add(scim.createUser(unique("old" + i)));
      }
      for (int i = 0; i < n; i++) {
        fresh.add(scim.createUser(unique("new" + i)));
      }
      String gid = scim.createGroup("swap " + UUID.randomUUID(), old.toArray(String[]::new));
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String out = old.get(i);
          String in = fresh.get(i);
          results.add(pool.submit(() -> {
            go.await();
            return scim.patch("/Groups/" + gid, patch(
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + out + "\\\"]\"}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + in + "\"}]}",
                "{\"op\":\"replace\",\"value\":{\"id\":\"" + gid + "\",\"displayName\":\"swap renamed\"}}")).status();
          }));
        }
        go.countDown();
        for (Future<Integer> f : results) {
          assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(204);
        }
      } finally {
        pool.shutdownNow();
      }
      List<String> expected = new ArrayList<>(old.subList(n, 2 * n));
      expected.addAll(fresh);
      assertThat(memberIds(scim.get("/Groups/" + gid).json())).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
