package dev.scimsync.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.store.jdbc.JdbcStores;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JDBC store on PostgreSQL under the server, over loopback HTTP: loads 100,000 users (through
 * the store) and two groups of 100 and 50,000 members, then measures, one request at a time,
 * p50/p99 of a {@code userName eq} lookup, a create, a member add and remove on each group, and a
 * page of 100 users at the first cursor and at a cursor about 90,000 deep, and, next to the lookup,
 * a request that reads no store (what HTTP and the client cost on the machine). Prints the ratios the
 * design promises to keep flat (50,000 vs 100 members; deep vs first page). Bounded: a fixed number
 * of samples; talks to 127.0.0.1 and to the database given only.
 *
 * <pre>
 * SCIM_TEST_PG_URL=jdbc:postgresql://127.0.0.1:5432/scim SCIM_TEST_PG_USER=scim SCIM_TEST_PG_PASSWORD=... \
 *   java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.JdbcStoreLoadDriver [--users 100000] [--samples 300]
 * </pre>
 */
public final class JdbcStoreLoadDriver {

  private static final String TOKEN = "jdbc-load-driver-token-0123456789";
  private static final StoreContext TENANT = StoreContext.of("default");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  private JdbcStoreLoadDriver(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    int users = 100_000;
    int samples = 300;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[i + 1]);
        case "--samples" -> samples = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String url = System.getenv("SCIM_TEST_PG_URL");
    if (url == null) {
      System.err.println("set SCIM_TEST_PG_URL, SCIM_TEST_PG_USER and SCIM_TEST_PG_PASSWORD");
      System.exit(2);
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(System.getenv().getOrDefault("SCIM_TEST_PG_USER", "postgres"));
    hc.setPassword(System.getenv().getOrDefault("SCIM_TEST_PG_PASSWORD", ""));
    hc.setMaximumPoolSize(16);
    try (HikariDataSource ds = new HikariDataSource(hc)) {
      JdbcStores stores = JdbcStores.builder(ds).build();
      String[] groups = load(stores, users);
      analyze(ds);
      BearerTokenAuthenticator auth = new BearerTokenAuthenticator();
      auth.addToken(TENANT.tenantId(), "bench", TOKEN);
      ScimServer scim = ScimServer.builder().users(stores.users()).groups(stores.groups()).authenticator(auth)
          .options(ServerOptions.builder().rateLimit(0, 1).maxConcurrentRequestsPerTenant(0).failedAuthLimit(0, 0).build())
          .basePath("/scim/v2").build();
      HttpServer server = JdkHttpServerAdapter.start(scim, new InetSocketAddress("127.0.0.1", 0), "/");
      try {
        new JdbcStoreLoadDriver("http://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2")
            .measure(users, samples, groups);
      } finally {
        JdkHttpServerAdapter.stop(server, 0);
      }
    }
  }

  /**
   * Gives the planner statistics of what was just loaded, as an operator does after a bulk import:
   * until autovacuum's next pass (a minute or more, and CPU it takes from the measurement) the
   * tables look as they were before the load.
   */
  private static void analyze(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      if (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
        s.execute("VACUUM ANALYZE");
      }
    }
  }

  /** Users bench-000000..; groups "bench-100" and "bench-50000" holding the first users. */
  private static String[] load(JdbcStores stores, int users) throws Exception {
    long have = stores.users().search(TENANT, ResourceQuery.of(Filter.parse("userName sw \"bench-\""), 0)).totalResults();
    if (have < users) {
      long t0 = System.nanoTime();
      AtomicInteger next = new AtomicInteger((int) have);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        fs.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < users; i = next.getAndIncrement()) {
            stores.users().create(TENANT, user(i));
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      System.out.printf(Locale.ROOT, "loaded %d users in %.0f s%n", users - have, (System.nanoTime() - t0) / 1e9);
    }
    String[] ids = new String[2];
    int[] sizes = {100, 50_000};
    for (int g = 0; g < 2; g++) {
      String name = "bench-" + sizes[g];
      var found = stores.groups().search(TENANT, ResourceQuery.of(Filter.parse("displayName eq \"" + name + "\""), 1)
          .withCursor(null));
      if (found.totalResults() > 0) {
        ids[g] = found.resources().get(0).id();
        continue;
      }
      ObjectNode json = ScimJson.object();
      json.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
      json.put("displayName", name);
      ArrayNode members = json.putArray("members");
      int added = 0;
      String cursor = "";
      while (added < sizes[g] && cursor != null) {
        var page = stores.users().search(TENANT, new ResourceQuery(null, null,
            dev.scimsync.core.message.SortOrder.ASCENDING, 1, 1000, cursor, java.util.Set.of()));
        for (ScimResource u : page.resources()) {
          if (added++ < sizes[g]) {
            members.addObject().put("value", u.id()).put("type", "User");
          }
        }
        cursor = page.nextCursor();
      }
      ids[g] = stores.groups().create(TENANT, ScimResource.of(json)).id();
    }
    return ids;
  }

  private static ScimResource user(int i) {
    ObjectNode u = ScimJson.object();
    u.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    String name = String.format(Locale.ROOT, "bench-%06d@example.com", i);
    u.put("userName", name).put("active", i % 10 != 0).put("title", i % 3 == 0 ? "Engineer" : "Analyst");
    u.putObject("name").put("givenName", "Given" + i).put("familyName", "Family" + (i % 997));
    u.putArray("emails").addObject().put("value", name).put("type", "work").put("primary", true);
    return ScimResource.of(u);
  }

  private void measure(int users, int samples, String[] groups) throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    IntSupplier anyUser = () -> random.nextInt(users);
    // the JIT compiles the request path before anything is timed (a fresh JVM runs it interpreted)
    for (int i = 0; i < 3_000; i++) {
      check(get(lookupPath(anyUser.getAsInt())).status);
      check(urlConnection(base + "/ServiceProviderConfig"));
    }
    // the lookup in turns with a request that reads no store (what HTTP and the client cost here),
    // through two clients: the JDK's asynchronous HttpClient, and a blocking keep-alive
    // HttpURLConnection, which hands the request to no other thread
    double[][] lookups = timeTurns(samples, 4, which -> switch (which) {
      case 0 -> get(lookupPath(anyUser.getAsInt())).status;
      case 1 -> get("/ServiceProviderConfig").status;
      case 2 -> urlConnection(base + lookupPath(anyUser.getAsInt()));
      default -> urlConnection(base + "/ServiceProviderConfig");
    });
    double[] lookup = lookups[0];
    long run = System.nanoTime();
    AtomicInteger created = new AtomicInteger();
    double[] create = time(samples, () -> send("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"new-" + run + "-" + created.incrementAndGet() + "@example.com\",\"active\":true}"));
    // members that are in neither group: users beyond the first 50,000
    String memberPool = get("/Users?count=" + samples + "&startIndex=" + (users - samples) + "&attributes=id").text;
    List<String> outsiders = new ArrayList<>();
    ScimJson.parse(memberPool).get("Resources").forEach(r -> outsiders.add(r.get("id").stringValue()));
    // the two groups are measured in alternation, so that the load of a shared machine falls on both alike
    AtomicInteger k = new AtomicInteger();
    double[][] membership = timePair(samples, g -> {
      String group = groups[g];
      String id = outsiders.get(k.getAndIncrement() % outsiders.size());
      int a = send("PATCH", "/Groups/" + group, patch("add", "\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]"));
      int r = send("PATCH", "/Groups/" + group, patch("remove", "\"path\":\"members[value eq \\\"" + id + "\\\"]\""));
      return a == r ? a : 500;
    });
    // a cursor about 90% deep, reached with pages of 1,000
    String cursor = "";
    int depth = (int) (users * 0.9);
    for (int seen = 0; seen < depth; seen += 1000) {
      cursor = ScimJson.parse(get("/Users?count=1000&attributes=id&cursor=" + q(cursor)).text).get("nextCursor").stringValue();
    }
    String deep = cursor;
    double[][] pages = timePair(samples, which -> get("/Users?count=100&cursor=" + (which == 0 ? "" : q(deep))).status);
    double[] first = pages[0];
    double[] deepPage = pages[1];

    System.out.printf(Locale.ROOT, "%-42s %9s %9s%n", "operation (" + users + " users, " + samples + " samples)", "p50 ms", "p99 ms");
    print("userName eq lookup (HttpClient)", lookup);
    print("(no store: GET /ServiceProviderConfig)", lookups[1]);
    print("userName eq lookup (HttpURLConnection)", lookups[2]);
    print("(no store: GET /ServiceProviderConfig)", lookups[3]);
    print("create user", create);
    print("member add+remove, group of 100", membership[0]);
    print("member add+remove, group of 50,000", membership[1]);
    print("page of 100, first cursor page", first);
    print("page of 100, cursor at " + depth, deepPage);
    System.out.printf(Locale.ROOT, "ratio membership 50,000/100 (p50): %.2f%n", p(membership[1], 50) / p(membership[0], 50));
    System.out.printf(Locale.ROOT, "ratio page deep/first (p50): %.2f%n", p(deepPage, 50) / p(first, 50));
  }

  private static String patch(String op, String rest) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"" + op + "\","
        + rest + "}]}";
  }

  private static void print(String name, double[] ms) {
    System.out.printf(Locale.ROOT, "%-42s %9.2f %9.2f%n", name, p(ms, 50), p(ms, 99));
  }

  private static double p(double[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }

  /** Runs {@code op} {@code n} times after a warm-up of n/5, returning sorted milliseconds; fails on non-2xx. */
  private static double[] time(int n, IntSupplier op) {
    for (int i = 0; i < n / 5; i++) {
      check(op.getAsInt());
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      check(op.getAsInt());
      out[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(out);
    return out;
  }

  /** Like {@link #time}, for two variants of one operation taken in turns. */
  private static double[][] timePair(int n, java.util.function.IntUnaryOperator op) {
    return timeTurns(n, 2, op);
  }

  /** Like {@link #time}, for {@code variants} variants of one operation taken in turns. */
  private static double[][] timeTurns(int n, int variants, java.util.function.IntUnaryOperator op) {
    for (int i = 0; i < n / 5; i++) {
      check(op.applyAsInt(i % variants));
    }
    double[][] out = new double[variants][n];
    for (int i = 0; i < variants * n; i++) {
      long t0 = System.nanoTime();
      check(op.applyAsInt(i % variants));
      out[i % variants][i / variants] = (System.nanoTime() - t0) / 1e6;
    }
    for (double[] o : out) {
      Arrays.sort(o);
    }
    return out;
  }

  private static String lookupPath(int user) {
    return "/Users?filter=" + q("userName eq \"" + String.format(Locale.ROOT, "bench-%06d@example.com", user) + "\"");
  }

  /** A GET through a keep-alive {@link java.net.HttpURLConnection}; the body is read whole. */
  static int urlConnection(String url) {
    try {
      java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setRequestProperty("Authorization", "Bearer " + TOKEN);
      try (java.io.InputStream in = c.getInputStream()) {
        in.readAllBytes();
      }
      return c.getResponseCode();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(int status) {
    if (status / 100 != 2) {
      throw new IllegalStateException("status " + status);
    }
  }

  private record Res(int status, String text) {}

  private Res get(String path) {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
        .timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
      return new Res(res.statusCode(), res.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int send(String method, String path, String body) {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/scim+json").timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}
