package dev.scimsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * What a hostile client or a careless IdP can do to the server (issue 9): errors inside a request,
 * projection and bulk amplification, one tenant taking every worker, floods of bad credentials.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerHardeningTest {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();
  static final String TOKEN = "hardening-token-0123456789";
  static final String OTHER_TOKEN = "other-tenant-token-0123456789";
  static final String BULK = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[%s]}";

  static ScimServer server(UserStore users, ServerOptions options) {
    return ScimServer.builder()
        .users(users)
        .groups(new InMemoryGroupStore(SCHEMAS.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "t", TOKEN).addToken("globex", "t", OTHER_TOKEN))
        .options(options)
        .build();
  }

  static ScimServer server(ServerOptions options) {
    return server(new InMemoryUserStore(SCHEMAS.resourceSchema("User")), options);
  }

  static ServerOptions.Builder unlimited() {
    return ServerOptions.builder().rateLimit(0, 0);
  }

  /** A user store that runs {@code before} ahead of every call of the in-memory store. */
  static UserStore wrapped(Consumer<String> before) {
    UserStore real = new InMemoryUserStore(SCHEMAS.resourceSchema("User"));
    return (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(), new Class<?>[] {UserStore.class},
        (proxy, method, args) -> {
          before.accept(method.getName());
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  static ScimResponse call(ScimServer s, String token, String address, String method, String path, String body) {
    String p = path;
    String q = null;
    int qm = path.indexOf('?');
    if (qm >= 0) {
      p = path.substring(0, qm);
      q = path.substring(qm + 1);
    }
    ScimRequest.Builder b = ScimRequest.builder(method, p).query(q).remoteAddress(address);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/scim+json").body(body);
    }
    return s.handle(b.build());
  }

  static ScimResponse call(ScimServer s, String method, String path, String body) {
    return call(s, TOKEN, null, method, path, body);
  }

  static JsonNode json(ScimResponse r) {
    return ScimJson.parse(r.bodyText());
  }

  static String user(String name) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name + "\"}";
  }

  // ---- an Error inside a request ----

  @Test
  void anErrorInTheStoreBecomesA500AndTheServerGoesOn() {
    boolean[] fail = {true};
    ScimServer s = server(wrapped(m -> {
      if (fail[0] && m.equals("search")) {
        throw new OutOfMemoryError("simulated: the store ran out of heap");
      }
    }), unlimited().build());
    ScimResponse r = call(s, "GET", "/Users", null);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).contains("internal error").doesNotContain("heap");
    fail[0] = false;
    assertThat(call(s, "GET", "/Users", null).status()).isEqualTo(200);
  }

  @Test
  void aStackOverflowInTheStoreBecomesA500() {
    ScimServer s = server(wrapped(m -> {
      if (m.equals("create")) {
        throw new StackOverflowError();
      }
    }), unlimited().build());
    assertThat(call(s, "POST", "/Users", user("deep")).status()).isEqualTo(500);
  }

  // ---- projection amplification ----

  static String names(int n) {
    StringBuilder sb = new StringBuilder("userName");
    for (int i = 1; i < n; i++) {
      sb.append(",madeUp").append(i);
    }
    return sb.toString();
  }

  @Test
  void tooManyProjectionPathsAre400InvalidValue() {
    ScimServer s = server(unlimited().maxProjectionPaths(50).build());
    call(s, "POST", "/Users", user("ann"));
    for (String p : List.of("attributes", "excludedAttributes")) {
      ScimResponse r = call(s, "GET", "/Users?" + p + "=" + names(51), null);
      assertThat(r.status()).as(p).isEqualTo(400);
      assertThat(json(r).get("scimType").stringValue()).isEqualTo("invalidValue");
      assertThat(r.bodyText()).contains("at most 50");
    }
    ScimResponse split = call(s, "GET", "/Users?attributes=" + names(25) + "&excludedAttributes=" + names(26), null);
    assertThat(split.status()).as("both lists count together").isEqualTo(400);
    assertThat(call(s, "GET", "/Users?attributes=" + names(50), null).status()).isEqualTo(200);
  }

  @Test
  void theDefaultCapIs200Paths() {
    assertThat(ServerOptions.defaults().maxProjectionPaths()).isEqualTo(200);
    ScimServer s = server(unlimited().build());
    assertThat(call(s, "GET", "/Users?attributes=" + names(201), null).status()).isEqualTo(400);
  }

  @Test
  void unknownAndDuplicateNamesAreDroppedButStillSelect() {
    ScimServer s = server(unlimited().build());
    String id = json(call(s, "POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"bob\",\"displayName\":\"Bob\",\"title\":\"CTO\"}")).get("id").stringValue();
    JsonNode dup = json(call(s, "GET", "/Users/" + id + "?attributes=displayName,DISPLAYNAME,displayName,nope", null));
    assertThat(dup.has("displayName")).isTrue();
    assertThat(dup.has("title")).isFalse();
    assertThat(dup.has("userName")).isFalse();
    JsonNode onlyUnknown = json(call(s, "GET", "/Users/" + id + "?attributes=nope,alsoNope", null));
    assertThat(onlyUnknown.has("id")).as("always returned").isTrue();
    assertThat(onlyUnknown.has("title")).as("asking for unknown names still selects").isFalse();
    JsonNode excluded = json(call(s, "GET", "/Users/" + id + "?excludedAttributes=title,nope,title", null));
    assertThat(excluded.has("title")).isFalse();
    assertThat(excluded.has("displayName")).isTrue();
  }

  // ---- bulk amplification ----

  static String op(String method, String path, String bulkId, String data) {
    return "{\"method\":\"" + method + "\",\"path\":\"" + path + "\""
        + (bulkId == null ? "" : ",\"bulkId\":\"" + bulkId + "\"") + (data == null ? "" : ",\"data\":" + data) + "}";
  }

  @Test
  void bulkOperationsMayOnlyAddressResources() {
    ScimServer s = server(unlimited().build());
    String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}";
    String ops = String.join(",",
        op("POST", "/Users/.search", "b1", search),
        op("POST", "/.search", "b2", search),
        op("POST", "/Bulk", "b3", String.format(BULK, "")),
        op("POST", "/ServiceProviderConfig", "b4", "{}"),
        op("DELETE", "/Users", null, null),
        op("POST", "/Users/abc", "b6", user("x")),
        op("POST", "/Users", "ok", user("fine")));
    ScimResponse bulk = call(s, "POST", "/Bulk", String.format(BULK, ops));
    assertThat(bulk.status()).as(bulk.bodyText()).isEqualTo(200);
    JsonNode results = json(bulk).get("Operations");
    assertThat(results).hasSize(7);
    for (int i = 0; i < 6; i++) {
      JsonNode r = results.get(i);
      assertThat(r.get("status").asString()).as("operation %d", i).isEqualTo("400");
      assertThat(r.get("response").get("detail").stringValue()).as("operation %d", i).contains("bulk operation");
    }
    assertThat(results.get(6).get("status").asString()).isEqualTo("201");
  }

  @Test
  void theRateLimiterIsChargedPerBulkOperation() {
    ScimServer s = server(ServerOptions.builder().rateLimit(0.001, 5).build());
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ops.add(op("POST", "/Users", "u" + i, user("rate" + i)));
    }
    JsonNode results = json(call(s, "POST", "/Bulk", String.format(BULK, String.join(",", ops)))).get("Operations");
    long created = 0;
    long limited = 0;
    for (JsonNode r : results) {
      created += r.get("status").asString().equals("201") ? 1 : 0;
      limited += r.get("status").asString().equals("429") ? 1 : 0;
    }
    // the bulk request took one token of five, its operations the other four
    assertThat(created).isEqualTo(4);
    assertThat(limited).isEqualTo(6);
  }

  @Test
  void aReverseChainOfBulkIdsResolvesAndCyclesStill409() {
    ScimServer s = server(unlimited().build());
    int n = 300;
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String members = i < n - 1 ? ",\"members\":[{\"value\":\"bulkId:g" + (i + 1) + "\"}]" : "";
      ops.add(op("POST", "/Groups", "g" + i,
          "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"g" + i + "\"" + members + "}"));
    }
    ops.add(op("POST", "/Groups", "c1", "{\"displayName\":\"c1\",\"members\":[{\"value\":\"bulkId:c2\"}]}"));
    ops.add(op("POST", "/Groups", "c2", "{\"displayName\":\"c2\",\"members\":[{\"value\":\"bulkId:c1\"}]}"));
    JsonNode results = json(call(s, "POST", "/Bulk", String.format(BULK, String.join(",", ops)))).get("Operations");
    assertThat(results).hasSize(n + 2);
    for (int i = 0; i < n; i++) {
      assertThat(results.get(i).get("status").asString()).as("g%d", i).isEqualTo("201");
    }
    assertThat(results.get(n).get("status").asString()).isEqualTo("409");
    assertThat(results.get(n + 1).get("status").asString()).isEqualTo("409");
    // g1 must have been substituted in g0's members as a whole token, not as a prefix of g10..g19
    String g0 = results.get(0).get("location").stringValue();
    String g1 = results.get(1).get("location").stringValue();
    JsonNode group0 = json(call(s, "GET", "/Groups/" + g0.substring(g0.lastIndexOf('/') + 1), null));
    assertThat(group0.get("members").get(0).get("value").stringValue())
        .isEqualTo(g1.substring(g1.lastIndexOf('/') + 1));
  }

  // ---- fairness ----

  @Test
  void aTenantBeyondItsConcurrencyCapGets429WhileOthersAreServed() throws Exception {
    CountDownLatch inside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    ScimServer s = server(wrapped(m -> {
      if (m.equals("search") && Thread.currentThread().getName().startsWith("slow-")) {
        inside.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }), unlimited().maxConcurrentRequestsPerTenant(2).build());
    int[] n = {0};
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "slow-" + (n[0]++)));
    try {
      List<Future<ScimResponse>> slow = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        slow.add(pool.submit(() -> call(s, "GET", "/Users", null)));
      }
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      ScimResponse third = call(s, "GET", "/Groups", null);
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.header("Retry-After")).isEqualTo("1");
      assertThat(call(s, OTHER_TOKEN, null, "GET", "/Users", null).status()).as("another tenant").isEqualTo(200);
      release.countDown();
      for (Future<ScimResponse> f : slow) {
        assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
      assertThat(call(s, "GET", "/Groups", null).status()).as("after the slow ones ended").isEqualTo(200);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void failedAuthenticationsAreLimitedPerAddress() {
    ScimServer s = server(unlimited().failedAuthLimit(0.001, 3).build());
    for (int i = 0; i < 3; i++) {
      assertThat(call(s, "wrong-token-0123456789", "203.0.113.9", "GET", "/Users", null).status()).isEqualTo(401);
    }
    ScimResponse limited = call(s, "wrong-token-0123456789", "203.0.113.9", "GET", "/Users", null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isNotNull();
    assertThat(call(s, null, "203.0.113.9", "GET", "/Users", null).status()).as("no token either").isEqualTo(429);
    assertThat(call(s, "wrong-token-0123456789", "198.51.100.7", "GET", "/Users", null).status())
        .as("another address").isEqualTo(401);
    assertThat(call(s, TOKEN, "198.51.100.7", "GET", "/Users", null).status()).isEqualTo(200);
  }

  @Test
  void successfulRequestsDoNotCountAsFailures() {
    ScimServer s = server(unlimited().failedAuthLimit(0.001, 2).build());
    for (int i = 0; i < 10; i++) {
      assertThat(call(s, TOKEN, "203.0.113.10", "GET", "/Users", null).status()).isEqualTo(200);
    }
  }
}
