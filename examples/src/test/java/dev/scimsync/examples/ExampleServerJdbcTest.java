package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.scimsync.server.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The example server on a database: an H2 file keeps the data over a restart, and two replicas on
 * one database (PostgreSQL when SCIM_TEST_PG_URL is set, as in CI; else one H2 database through two
 * separate pools) serve an IdP-like load spread over both with an exact end state.
 */
class ExampleServerJdbcTest {

  private static final String TOKEN = "replica-test-token-0123456789";

  @TempDir
  Path dir;

  @Test
  void anH2FileKeepsTheDataOverARestart() throws Exception {
    String url = "jdbc:h2:" + dir.resolve("scim-data").toAbsolutePath();
    ExampleServer.Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--jdbc-url", url});
    String id;
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.builder().build())) {
      id = new ScimHttp(server.baseUrl(), TOKEN).createUser("kept@example.com");
    }
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.builder().build())) {
      ScimHttp scim = new ScimHttp(server.baseUrl(), TOKEN);
      assertThat(scim.get("/Users/" + id).json().get("userName").stringValue()).isEqualTo("kept@example.com");
      assertThat(scim.post("/Users", ScimHttp.user("KEPT@example.com")).status()).isEqualTo(409);
    }
  }

  @Test
  void twoReplicasOnOneDatabaseKeepAnExactState() throws Exception {
    String[] db = database();
    Path key = dir.resolve("cursor.key");
    Files.writeString(key, UUID.randomUUID() + "-" + UUID.randomUUID());
    List<String> args = new ArrayList<>(List.of("--port", "0", "--token", TOKEN, "--jdbc-url", db[0],
        "--cursor-key-file", key.toString()));
    if (db[1] != null) {
      Path pw = dir.resolve("pg.password");
      Files.writeString(pw, db[2] + "\n", StandardCharsets.UTF_8);
      args.addAll(List.of("--jdbc-user", db[1], "--jdbc-password-file", pw.toString()));
    }
    ExampleServer.Options o = ExampleServer.parse(args.toArray(String[]::new));
    ServerOptions so = ServerOptions.builder().rateLimit(0, 1).cursorSecret(JdbcSupport.cursorKey(key)).build();
    try (ExampleServer a = ExampleServer.start(o, so); ExampleServer b = ExampleServer.start(o, so)) {
      ScimHttp[] replicas = {new ScimHttp(a.baseUrl(), TOKEN), new ScimHttp(b.baseUrl(), TOKEN)};
      String run = Long.toString(System.nanoTime(), 36);
      int threads = 8;
      int usersPerThread = 12;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        // 1. creates spread over both replicas, and identical creates racing on both
        Map<String, String> ids = new ConcurrentHashMap<>();
        Map<String, Integer> raceWins = new ConcurrentHashMap<>();
        List<Future<?>> fs = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
          int tt = t;
          fs.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < usersPerThread; i++) {
              String name = run + "-u" + tt + "-" + i + "@example.com";
              ScimHttp.Res r = replicas[(tt + i) % 2].post("/Users", ScimHttp.user(name));
              assertThat(r.status()).as(r.toString()).isEqualTo(201);
              ids.put(name, r.json().get("id").stringValue());
              // the same new user sent to both replicas by two threads at once
              String raced = run + "-race" + i + "@example.com";
              int status = replicas[tt % 2].post("/Users", ScimHttp.user(raced)).status();
              assertThat(status).isIn(201, 409);
              if (status == 201) {
                raceWins.merge(raced, 1, Integer::sum);
              }
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : fs) {
          f.get(120, TimeUnit.SECONDS);
        }
        assertThat(raceWins).hasSize(usersPerThread).allSatisfy((k, v) -> assertThat(v).as(k).isOne());

        // 2. groups, then membership churn and PATCHes over both replicas
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
          ScimHttp.Res r = replicas[g % 2].post("/Groups", ScimHttp.group(run + "-g" + g));
          assertThat(r.status()).as(r.toString()).isEqualTo(201);
          groups.add(r.json().get("id").stringValue());
        }
        fs.clear();
        for (int t = 0; t < threads; t++) {
          int tt = t;
          fs.add(pool.submit(() -> {
            for (int i = 0; i < usersPerThread; i++) {
              String user = ids.get(run + "-u" + tt + "-" + i + "@example.com");
              for (int g = 0; g < groups.size(); g++) {
                ScimHttp.Res r = replicas[(tt + i + g) % 2].patch("/Groups/" + groups.get(g), addMember(user));
                assertThat(r.status()).as(r.toString()).isIn(200, 204);
              }
              // every user whose index is odd leaves group (i % 4) again, through the other replica
              if (i % 2 == 1) {
                ScimHttp.Res r = replicas[(tt + i + 1) % 2].patch("/Groups/" + groups.get(i % 4), removeMember(user));
                assertThat(r.status()).as(r.toString()).isIn(200, 204);
              }
              ScimHttp.Res r = replicas[(tt + i + 1) % 2].patch("/Users/" + user, """
                  {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                   "Operations":[{"op":"replace","path":"title","value":"T%d"}]}""".formatted(i));
              assertThat(r.status()).as(r.toString()).isIn(200, 204);
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get(300, TimeUnit.SECONDS);
        }

        // 3. the end state is exact, whichever replica is asked
        for (int g = 0; g < groups.size(); g++) {
          Set<String> expected = new HashSet<>();
          for (int t = 0; t < threads; t++) {
            for (int i = 0; i < usersPerThread; i++) {
              if (!(i % 2 == 1 && i % 4 == g)) {
                expected.add(ids.get(run + "-u" + t + "-" + i + "@example.com"));
              }
            }
          }
          for (ScimHttp replica : replicas) {
            JsonNode members = replica.get("/Groups/" + groups.get(g)).json().get("members");
            List<String> got = new ArrayList<>();
            members.forEach(m -> got.add(m.get("value").stringValue()));
            assertThat(got).as("group %d", g).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
          }
        }
        String filter = ScimHttp.q("userName sw \"" + run + "-\"");
        int total = threads * usersPerThread + usersPerThread;
        assertThat(replicas[1].get("/Users?count=0&filter=" + filter).json().get("totalResults").intValue())
            .isEqualTo(total);
        assertThat(replicas[0].get("/Users?count=1&filter=" + ScimHttp.q("title eq \"T3\" and userName sw \"" + run
            + "-\"")).json().get("totalResults").intValue()).isEqualTo(threads);

        // 4. a cursor from one replica works on the other
        Set<String> seen = new LinkedHashSet<>();
        String cursor = "";
        int hop = 0;
        while (cursor != null) {
          ScimHttp.Res res = replicas[hop++ % 2].get("/Users?count=7&filter=" + filter + "&cursor=" + ScimHttp.q(cursor));
          assertThat(res.status()).as("a cursor of the other replica: %s", res).isEqualTo(200);
          JsonNode page = res.json();
          page.get("Resources").forEach(r -> assertThat(seen.add(r.get("id").stringValue())).isTrue());
          cursor = page.has("nextCursor") ? page.get("nextCursor").stringValue() : null;
        }
        assertThat(seen).hasSize(total);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static String addMember(String id) {
    return """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(id);
  }

  private static String removeMember(String id) {
    return """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(id);
  }

  /** URL, user and password of the database the replicas share. */
  private static String[] database() {
    String url = System.getenv("SCIM_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      return new String[] {url, System.getenv().getOrDefault("SCIM_TEST_PG_USER", "postgres"),
          System.getenv().getOrDefault("SCIM_TEST_PG_PASSWORD", "")};
    }
    String msg = "WARNING: SCIM_TEST_PG_URL is not set: the multi-replica test runs on one H2 database "
        + "instead of PostgreSQL";
    System.err.println("\n*** " + msg + " ***\n");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true but no PostgreSQL: " + msg);
    }
    return new String[] {"jdbc:h2:mem:replicas-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        null, null};
  }
}
