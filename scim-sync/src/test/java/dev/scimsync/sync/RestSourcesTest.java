package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.rest.GoogleDirectorySource;
import dev.scimsync.sync.rest.GraphSource;
import dev.scimsync.sync.rest.RestJson;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.state.InMemorySyncStateStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Graph- and Google-shaped REST sources against in-test fakes of those APIs on loopback that
 * page, throttle, expire delta tokens and repeat page tokens the way the real ones do.
 */
class RestSourcesTest {

  private HttpServer http;
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    if (http != null) {
      http.stop(0);
    }
  }

  interface Handler {
    Object[] handle(HttpExchange ex, String pathAndQuery); // {status, body, retryAfter or null}
  }

  private URI serve(Handler h) throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> {
      try (ex) {
        String pq = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? ""
            : "?" + ex.getRequestURI().getRawQuery());
        if (!"Bearer t0ken".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
          ex.sendResponseHeaders(401, -1);
          return;
        }
        Object[] r = h.handle(ex, pq);
        if (r[2] != null) {
          ex.getResponseHeaders().add("Retry-After", r[2].toString());
        }
        byte[] b = r[1].toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders((Integer) r[0], b.length);
        ex.getResponseBody().write(b);
      }
    });
    http.start();
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/v1/");
  }

  private static Object[] ok(Object body) {
    return new Object[] {200, body, null};
  }

  private SyncEngine engine(dev.scimsync.sync.source.DirectorySource s, FakeTarget target) {
    return SyncEngine.builder().directoryId("d").source(s).target(target).mapping(Mapping.identity())
        .stateStore(new InMemorySyncStateStore()).timeSource(time)
        .options(SyncOptions.builder().maxRemovalPercent(-1).build()).build();
  }

  private static RestJson rest() {
    return RestJson.of(() -> "t0ken", Duration.ofSeconds(10));
  }

  // ---- Microsoft Graph ----

  /** A Graph tenant: users, groups with members, and a change log the delta tokens index. */
  static final class Graph {
    final Map<String, ObjectNode> users = new LinkedHashMap<>();
    final Map<String, String> groupNames = new LinkedHashMap<>();
    final Map<String, List<String>> members = new LinkedHashMap<>();
    final List<String[]> log = new ArrayList<>(); // {what, id, memberId}
    final Set<Integer> expired = new HashSet<>();
    final AtomicInteger throttle = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    String base;

    void user(String id, String upn, boolean enabled) {
      users.put(id, ScimJson.object().put("id", id).put("userPrincipalName", upn).put("displayName", upn)
          .put("givenName", "G").put("surname", upn).put("accountEnabled", enabled));
      log.add(new String[] {"user", id, null});
    }

    Object[] handle(String pq) {
      requests.incrementAndGet();
      if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return new Object[] {429, "{\"error\":{\"code\":\"TooManyRequests\"}}", 3};
      }
      String token = param(pq, "$deltatoken");
      if (token != null && expired.contains(Integer.parseInt(token))) {
        return new Object[] {410, "{\"error\":{\"code\":\"syncStateNotFound\",\"message\":\"expired\"}}", null};
      }
      boolean users = pq.contains("/users/delta");
      ObjectNode page = ScimJson.object();
      ArrayNode value = page.putArray("value");
      String link = base + (users ? "users" : "groups") + "/delta?$deltatoken=" + log.size();
      if (token == null) {
        String skip = param(pq, "$skiptoken");
        int part = skip == null ? 0 : Integer.parseInt(skip);
        if (users) {
          List<ObjectNode> all = new ArrayList<>(this.users.values());
          all.subList(Math.min(part, all.size()), Math.min(part + 3, all.size())).forEach(value::add);
          if (part + 3 < all.size()) {
            page.put("@odata.nextLink", base + "users/delta?$skiptoken=" + (part + 3));
          } else {
            page.put("@odata.deltaLink", link);
          }
        } else {
          // every group twice: first half of its members, then the second half
          for (var e : groupNames.entrySet()) {
            List<String> m = members.get(e.getKey());
            List<String> slice = part == 0 ? m.subList(0, m.size() / 2) : m.subList(m.size() / 2, m.size());
            ObjectNode g = value.addObject().put("id", e.getKey()).put("displayName", e.getValue());
            ArrayNode md = g.putArray("members@delta");
            slice.forEach(x -> md.addObject().put("@odata.type", x.startsWith("g") ? "#microsoft.graph.group"
                : "#microsoft.graph.user").put("id", x));
          }
          if (part == 0) {
            page.put("@odata.nextLink", base + "groups/delta?$skiptoken=1");
          } else {
            page.put("@odata.deltaLink", link);
          }
        }
        return ok(page);
      }
      if (param(pq, "empty") == null) {
        // an empty page before the changes: a client must keep following
        page.put("@odata.nextLink", base + (users ? "users" : "groups") + "/delta?$deltatoken=" + token
            + "&empty=1");
        return ok(page);
      }
      Map<String, ObjectNode> touched = new LinkedHashMap<>();
      for (String[] e : log.subList(Integer.parseInt(token), log.size())) {
        if (users && e[0].equals("user")) {
          touched.put(e[1], this.users.get(e[1]).deepCopy());
        } else if (users && e[0].equals("userRemoved")) {
          touched.put(e[1], ScimJson.object().put("id", e[1]).set("@removed", ScimJson.object().put("reason",
              "deleted")));
        } else if (!users && (e[0].equals("memberAdd") || e[0].equals("memberRemove"))) {
          ObjectNode g = touched.computeIfAbsent(e[1], k -> {
            ObjectNode n = ScimJson.object().put("id", k);
            n.putArray("members@delta");
            return n;
          });
          ObjectNode m = ((ArrayNode) g.get("members@delta")).addObject().put("@odata.type",
              "#microsoft.graph.user").put("id", e[2]);
          if (e[0].equals("memberRemove")) {
            m.set("@removed", ScimJson.object().put("reason", "deleted"));
          }
        }
      }
      touched.values().forEach(value::add);
      page.put("@odata.deltaLink", link);
      return ok(page);
    }
  }

  static String param(String pq, String name) {
    int q = pq.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String kv : pq.substring(q + 1).split("&")) {
      String k = java.net.URLDecoder.decode(kv.split("=", 2)[0], StandardCharsets.UTF_8);
      if (k.equals(name)) {
        return kv.contains("=") ? java.net.URLDecoder.decode(kv.split("=", 2)[1], StandardCharsets.UTF_8) : "";
      }
    }
    return null;
  }

  private static Map<String, Set<String>> targetGroups(FakeTarget t) {
    Map<String, String> userNameById = new TreeMap<>();
    t.users.forEach((id, u) -> userNameById.put(id, u.path("userName").asString()));
    t.groups.forEach((id, g) -> userNameById.put(id, g.path("displayName").asString()));
    Map<String, Set<String>> out = new TreeMap<>();
    t.groups.values().forEach(g -> {
      Set<String> m = new TreeSet<>();
      g.path("members").forEach(x -> m.add(userNameById.get(x.path("value").asString())));
      out.put(g.path("displayName").asString(), m);
    });
    return out;
  }

  @Test
  void graphDeltaFullThenChangesThenAnExpiredTokenResyncs() throws Exception {
    Graph g = new Graph();
    for (int i = 0; i < 10; i++) {
      g.user("id" + i, "u" + i + "@contoso.com", i != 9);
    }
    g.groupNames.put("g1", "Sales");
    g.members.put("g1", new ArrayList<>(List.of("id0", "id1", "id2", "id3", "id4")));
    g.groupNames.put("g2", "All");
    g.members.put("g2", new ArrayList<>(List.of("id5", "id6", "g1")));
    URI base = serve((ex, pq) -> g.handle(pq));
    g.base = base.toString();
    g.throttle.set(1);
    FakeTarget target = new FakeTarget();
    SyncEngine engine = engine(GraphSource.of(rest(), base), target);

    SyncReport first = engine.run();
    assertThat(first.outcome()).as(first.summary() + first.errors()).isEqualTo(Outcome.SUCCESS);
    assertThat(first.rateLimitWaits()).isEqualTo(1);
    assertThat(time.sleeps).contains(Duration.ofSeconds(3)); // Retry-After honoured
    assertThat(target.users).hasSize(10);
    assertThat(target.users.values().stream().filter(u -> !u.path("active").asBoolean()).count()).isEqualTo(1);
    assertThat(targetGroups(target)).isEqualTo(Map.of(
        "Sales", Set.of("u0@contoso.com", "u1@contoso.com", "u2@contoso.com", "u3@contoso.com", "u4@contoso.com"),
        "All", Set.of("u5@contoso.com", "u6@contoso.com", "Sales")));

    g.user("id2", "u2@contoso.com", true);
    g.users.get("id2").put("displayName", "Two");
    g.users.remove("id3");
    g.log.add(new String[] {"userRemoved", "id3", null});
    g.user("id10", "u10@contoso.com", true);
    g.log.add(new String[] {"memberAdd", "g1", "id10"});
    g.log.add(new String[] {"memberRemove", "g1", "id0"});
    SyncReport second = engine.run();
    assertThat(second.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(second.outcome()).as(second.summary() + second.errors()).isEqualTo(Outcome.SUCCESS);
    assertThat(target.find(ResourceKind.USER, "externalId", List.of("id2")).get(0).path("displayName").asString())
        .isEqualTo("Two");
    assertThat(target.find(ResourceKind.USER, "externalId", List.of("id3")).get(0).path("active").asBoolean())
        .isFalse();
    assertThat(targetGroups(target).get("Sales")).containsExactlyInAnyOrder("u1@contoso.com", "u2@contoso.com",
        "u3@contoso.com", "u4@contoso.com", "u10@contoso.com");

    // every token expires (410 Gone): the next run resyncs fully and the target is still exact
    for (int v = 0; v <= g.log.size(); v++) {
      g.expired.add(v);
    }
    g.user("id11", "u11@contoso.com", true);
    SyncReport third = engine.run();
    assertThat(third.outcome()).as(third.summary() + third.errors()).isEqualTo(Outcome.SUCCESS);
    assertThat(target.users).hasSize(12);
    assertThat(target.users.values().stream().filter(u -> !u.path("active").asBoolean()).count()).isEqualTo(2);
  }

  // ---- Google Directory ----

  @Test
  void googlePagesSuspendedUsersMembersAndRateLimitReasons() throws Exception {
    Map<String, ObjectNode> users = new LinkedHashMap<>();
    for (int i = 0; i < 7; i++) {
      users.put("100" + i, ScimJson.object().put("id", "100" + i).put("primaryEmail", "p" + i + "@example.com")
          .put("suspended", i == 4).set("name", ScimJson.object().put("givenName", "P").put("familyName", "N" + i)));
    }
    AtomicInteger calls = new AtomicInteger();
    URI base = serve((ex, pq) -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        return new Object[] {403, "{\"error\":{\"code\":403,\"errors\":[{\"reason\":\"userRateLimitExceeded\"}]}}",
            null};
      }
      if (n == 2) {
        return new Object[] {429, "{\"error\":{\"code\":429,\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}", null};
      }
      String token = param(pq, "pageToken");
      int from = token == null ? 0 : Integer.parseInt(token);
      ObjectNode page = ScimJson.object();
      if (pq.startsWith("/v1/users")) {
        assertThat(param(pq, "customer")).isEqualTo("my_customer");
        ArrayNode a = page.putArray("users");
        new ArrayList<>(users.values()).subList(from, Math.min(from + 3, users.size())).forEach(a::add);
        if (from + 3 < users.size()) {
          page.put("nextPageToken", Integer.toString(from + 3));
        }
      } else if (pq.startsWith("/v1/groups?")) {
        page.putArray("groups").addObject().put("id", "g1").put("name", "Team").put("email", "team@example.com");
      } else if (pq.startsWith("/v1/groups/g1/members")) {
        ArrayNode a = page.putArray("members");
        List<String> ids = List.of("1000", "1001", "1002", "1004", "1005");
        ids.subList(from, Math.min(from + 2, ids.size())).forEach(id -> a.addObject().put("id", id).put("type", "USER"));
        if (from == 0) {
          a.addObject().put("id", "C01").put("type", "CUSTOMER");
        }
        if (from + 2 < ids.size()) {
          page.put("nextPageToken", Integer.toString(from + 2));
        }
      }
      return ok(page);
    });
    FakeTarget target = new FakeTarget();
    SyncReport r = engine(GoogleDirectorySource.of(rest(), base, "my_customer"), target).run();
    assertThat(r.outcome()).as(r.summary() + r.errors()).isEqualTo(Outcome.SUCCESS);
    assertThat(r.rateLimitWaits()).isEqualTo(2);
    assertThat(time.sleeps).hasSize(2);
    assertThat(target.users).hasSize(7);
    assertThat(target.find(ResourceKind.USER, "userName", List.of("p4@example.com")).get(0).path("active")
        .asBoolean()).isFalse();
    assertThat(targetGroups(target).get("Team")).containsExactlyInAnyOrder("p0@example.com", "p1@example.com",
        "p2@example.com", "p4@example.com", "p5@example.com");
  }

  @Test
  void aRepeatingPageTokenFailsTheRunInsteadOfLooping() throws Exception {
    URI base = serve((ex, pq) -> ok(ScimJson.object().put("nextPageToken", "same").set("users",
        ScimJson.array().add(ScimJson.object().put("id", "1").put("primaryEmail", "a@example.com")))));
    FakeTarget target = new FakeTarget();
    SyncReport r = engine(GoogleDirectorySource.of(rest(), base, "my_customer"), target).run();
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(String.join(" ", r.errors()) + r.message()).contains("repeated");
  }

  @Test
  void errorClassification() {
    assertThat(RestJson.failure(403, "{\"error\":{\"errors\":[{\"reason\":\"forbidden\"}]}}", null, "GET /x").kind())
        .isEqualTo(DirectoryException.Kind.FAILED);
    assertThat(RestJson.failure(403, "{\"error\":{\"errors\":[{\"reason\":\"quotaExceeded\"}]}}", null, "x").kind())
        .isEqualTo(DirectoryException.Kind.RATE_LIMITED);
    DirectoryException throttled = RestJson.failure(429, "", "7", "x");
    assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(RestJson.failure(410, "", null, "x").kind()).isEqualTo(DirectoryException.Kind.CHECKPOINT_EXPIRED);
    assertThat(RestJson.failure(400, "{\"error\":{\"code\":\"syncStateNotFound\"}}", null, "x").kind())
        .isEqualTo(DirectoryException.Kind.CHECKPOINT_EXPIRED);
    assertThat(RestJson.failure(503, "", null, "x").kind()).isEqualTo(DirectoryException.Kind.UNAVAILABLE);
  }
}
