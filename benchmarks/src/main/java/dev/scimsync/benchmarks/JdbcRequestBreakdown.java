package dev.scimsync.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.store.jdbc.JdbcStores;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where the time of one SCIM request on the JDBC store goes: the same {@code userName eq} lookup
 * and group member add+remove measured at three layers in alternation (the store alone, {@link
 * ScimServer#handle} in-process, and over loopback HTTP), with the database round trips (JDBC
 * calls that reach the server) and the calling thread's CPU time per request. Run against a
 * database that {@link JdbcStoreLoadDriver} has loaded (it reuses the users and its two groups).
 *
 * <pre>
 * SCIM_TEST_PG_URL=... java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.JdbcRequestBreakdown [--samples 300]
 * </pre>
 */
public final class JdbcRequestBreakdown {

  private static final String TOKEN = "jdbc-load-driver-token-0123456789";
  private static final StoreContext TENANT = StoreContext.of("default");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private JdbcRequestBreakdown() {}

  /** Runs the breakdown; see the class comment. */
  public static void main(String[] args) throws Exception {
    int samples = args.length >= 2 && args[0].equals("--samples") ? Integer.parseInt(args[1]) : 300;
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(System.getenv("SCIM_TEST_PG_URL"));
    hc.setUsername(System.getenv().getOrDefault("SCIM_TEST_PG_USER", "postgres"));
    hc.setPassword(System.getenv().getOrDefault("SCIM_TEST_PG_PASSWORD", ""));
    hc.setMaximumPoolSize(16);
    try (HikariDataSource hikari = new HikariDataSource(hc)) {
      Counting ds = new Counting(hikari);
      JdbcStores stores = JdbcStores.builder(ds).build();
      int users = (int) stores.users().search(TENANT, ResourceQuery.of(Filter.parse("userName sw \"bench-\""), 0))
          .totalResults();
      String[] groups = new String[2];
      int[] sizes = {100, 50_000};
      for (int g = 0; g < 2; g++) {
        groups[g] = stores.groups().search(TENANT, ResourceQuery.of(Filter.parse("displayName eq \"bench-"
            + sizes[g] + "\""), 1).withCursor(null)).resources().get(0).id();
      }
      List<String> outsiders = new ArrayList<>();
      for (ScimResource r : stores.users().search(TENANT, ResourceQuery.of(null, samples)
          .withPage(users - samples + 1, samples)).resources()) {
        outsiders.add(r.id());
      }
      BearerTokenAuthenticator auth = new BearerTokenAuthenticator();
      auth.addToken(TENANT.tenantId(), "bench", TOKEN);
      ScimServer scim = ScimServer.builder().users(stores.users()).groups(stores.groups()).authenticator(auth)
          .options(ServerOptions.builder().rateLimit(0, 1).maxConcurrentRequestsPerTenant(0).failedAuthLimit(0, 0)
              .build())
          .basePath("/scim/v2").build();
      HttpServer server = JdkHttpServerAdapter.start(scim, new InetSocketAddress("127.0.0.1", 0), "/");
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2";
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      SplittableRandom random = new SplittableRandom(7);
      try {
        Map<String, IntSupplier> ops = new LinkedHashMap<>();
        ops.put("lookup: store search + groupsOf", () -> {
          String name = userName(random.nextInt(users));
          ScimResource u = stores.users().search(TENANT, ResourceQuery.of(Filter.parse("userName eq \"" + name + "\""),
              100)).resources().get(0);
          stores.groups().groupsOf(TENANT, List.of(u.id()));
          return 200;
        });
        ops.put("lookup: ScimServer.handle in-process", () -> scim.handle(ScimRequest.builder("GET", "/scim/v2/Users")
            .query("filter=" + q("userName eq \"" + userName(random.nextInt(users)) + "\""))
            .header("Authorization", "Bearer " + TOKEN).baseUrl("http://127.0.0.1").build()).status());
        ops.put("lookup: HTTP loopback", () -> send(http, HttpRequest.newBuilder(URI.create(base + "/Users?filter="
            + q("userName eq \"" + userName(random.nextInt(users)) + "\""))).header("Authorization", "Bearer " + TOKEN)
            .GET().build()));
        HttpClient direct = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
        ops.put("lookup: HTTP loopback, HttpClient direct executor", () -> send(direct, HttpRequest.newBuilder(
            URI.create(base + "/Users?filter=" + q("userName eq \"" + userName(random.nextInt(users)) + "\"")))
            .header("Authorization", "Bearer " + TOKEN).GET().build()));
        ops.put("lookup: HTTP loopback, HttpURLConnection", () -> JdbcStoreLoadDriver.urlConnection(base + "/Users?filter="
            + q("userName eq \"" + userName(random.nextInt(users)) + "\"")));
        ops.put("no store: /ServiceProviderConfig in-process", () -> scim.handle(ScimRequest.builder("GET",
            "/scim/v2/ServiceProviderConfig").header("Authorization", "Bearer " + TOKEN).baseUrl("http://127.0.0.1")
            .build()).status());
        ops.put("no store: /ServiceProviderConfig HTTP", () -> send(http, HttpRequest.newBuilder(URI.create(base
            + "/ServiceProviderConfig")).header("Authorization", "Bearer " + TOKEN).GET().build()));
        for (int g = 0; g < 2; g++) {
          String group = groups[g];
          int[] k = {0};
          ops.put("member add+remove in-process, group of " + sizes[g], () -> {
            String id = outsiders.get(k[0]++ % outsiders.size());
            int a = handle(scim, "PATCH", "/scim/v2/Groups/" + group, patch("add", "\"path\":\"members\",\"value\":[{\"value\":\""
                + id + "\"}]"));
            int r = handle(scim, "PATCH", "/scim/v2/Groups/" + group, patch("remove", "\"path\":\"members[value eq \\\""
                + id + "\\\"]\""));
            return a == r ? a : 500;
          });
        }
        long run = System.nanoTime();
        int[] created = {0};
        ops.put("create in-process", () -> handle(scim, "POST", "/scim/v2/Users",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"brk-" + run + "-"
                + (created[0]++) + "@example.com\",\"active\":true}"));
        measure(ops, samples, ds);
      } finally {
        JdkHttpServerAdapter.stop(server, 0);
      }
    }
  }

  private static void measure(Map<String, IntSupplier> ops, int samples, Counting ds) {
    List<String> names = new ArrayList<>(ops.keySet());
    int n = names.size();
    double[][] wall = new double[n][samples];
    double[][] cpu = new double[n][samples];
    long[] calls = new long[n];
    for (int i = 0; i < samples / 5 * n; i++) {
      check(ops.get(names.get(i % n)).getAsInt());
    }
    for (int i = 0; i < samples * n; i++) {
      int which = i % n;
      long c0 = ds.roundTrips.get();
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      check(ops.get(names.get(which)).getAsInt());
      wall[which][i / n] = (System.nanoTime() - t0) / 1e6;
      cpu[which][i / n] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
      calls[which] += ds.roundTrips.get() - c0;
    }
    System.out.printf(Locale.ROOT, "%-44s %8s %8s %13s %10s%n", "operation (" + samples + " samples each)", "p50 ms",
        "p99 ms", "thread CPU ms", "DB calls");
    for (int w = 0; w < n; w++) {
      Arrays.sort(wall[w]);
      Arrays.sort(cpu[w]);
      System.out.printf(Locale.ROOT, "%-44s %8.2f %8.2f %13.2f %10.1f%n", names.get(w), p(wall[w], 50),
          p(wall[w], 99), p(cpu[w], 50), calls[w] / (double) samples);
    }
  }

  private static double p(double[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }

  private static String userName(int i) {
    return String.format(Locale.ROOT, "bench-%06d@example.com", i);
  }

  private static String patch(String op, String rest) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"" + op + "\","
        + rest + "}]}";
  }

  private static int handle(ScimServer scim, String method, String path, String body) {
    ScimResponse r = scim.handle(ScimRequest.builder(method, path).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/scim+json").body(body).baseUrl("http://127.0.0.1").build());
    return r.status();
  }

  private static int send(HttpClient http, HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(int status) {
    if (status / 100 != 2) {
      throw new IllegalStateException("status " + status);
    }
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * A data source whose connections count the calls that reach the database server: statements
   * executed, commits and rollbacks, and session settings (isolation level, which the PostgreSQL
   * driver sends as a statement).
   */
  private static final class Counting implements DataSource {
    private final DataSource target;
    final AtomicLong roundTrips = new AtomicLong();

    Counting(DataSource target) {
      this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return wrap(target.getConnection(user, password));
    }

    private Connection wrap(Connection c) {
      InvocationHandler h = (proxy, m, args) -> {
        String name = m.getName();
        if (name.equals("commit") || name.equals("rollback") || name.equals("setTransactionIsolation")
            || name.equals("getTransactionIsolation")) {
          roundTrips.incrementAndGet();
        }
        try {
          Object out = m.invoke(c, args);
          if (out instanceof java.sql.Statement s) {
            return statement(s, m.getReturnType());
          }
          return out;
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      };
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private Object statement(java.sql.Statement s, Class<?> type) {
      InvocationHandler h = (proxy, m, args) -> {
        if (m.getName().startsWith("execute")) {
          roundTrips.incrementAndGet();
        }
        try {
          return m.invoke(s, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      };
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return target.isWrapperFor(iface);
    }
  }
}
