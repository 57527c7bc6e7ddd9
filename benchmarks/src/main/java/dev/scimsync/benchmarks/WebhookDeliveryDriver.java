package dev.scimsync.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.events.DeliveryEngine;
import dev.scimsync.events.Endpoint;
import dev.scimsync.events.Subscription;
import dev.scimsync.events.webhook.WebhookSecret;
import dev.scimsync.events.webhook.WebhookTransport;
import dev.scimsync.events.webhook.WebhookVerificationException;
import dev.scimsync.events.webhook.WebhookVerifier;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.FileOutbox;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import dev.scimsync.store.jdbc.JdbcStores;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook delivery over loopback: SCIM creates over HTTP into a store with an outbox (H2 in
 * memory by default, {@code --pg} for the PostgreSQL of SCIM_TEST_PG_*, {@code --file} for the
 * in-memory store's file outbox), the delivery engine, and a local receiver that verifies every
 * signature. Measures (1) the write rate without and with the outbox, (2) delivered events per
 * second when the engine drains a backlog, and (3) p50/p99 of the time from sending a create to
 * its event's arrival at the receiver, with the engine running. Bounded: a fixed number of writes,
 * 127.0.0.1 and the given database only.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.WebhookDeliveryDriver [--pg|--file] [--events 5000] [--writers 4]
 * </pre>
 */
public final class WebhookDeliveryDriver {

  private static final String TOKEN = "webhook-driver-token-0123456789";
  private static final WebhookSecret SECRET = WebhookSecret.generate();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, Long> arrived = new ConcurrentHashMap<>();
  private final AtomicInteger bad = new AtomicInteger();
  private volatile CountDownLatch expected = new CountDownLatch(0);

  private WebhookDeliveryDriver() {}

  /** Runs the three measurements and prints them. */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    String backend = a.contains("--pg") ? "pg" : a.contains("--file") ? "file" : "h2";
    int events = intArg(a, "--events", 5000);
    int writers = intArg(a, "--writers", 4);
    new WebhookDeliveryDriver().run(backend, events, writers);
  }

  private static int intArg(List<String> a, String name, int def) {
    int i = a.indexOf(name);
    return i >= 0 && i + 1 < a.size() ? Integer.parseInt(a.get(i + 1)) : def;
  }

  /** One store with its outbox. */
  private record Stores(UserStore users, GroupStore groups, EventOutbox outbox, DeliveryLedger ledger,
      AutoCloseable resource) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      resource.close();
    }
  }

  private Stores stores(String backend) throws Exception {
    SchemaRegistry schemas = SchemaRegistry.standard();
    if (backend.equals("file")) {
      FileOutbox f = FileOutbox.open(Files.createTempDirectory("webhook-driver"));
      return new Stores(new InMemoryUserStore(schemas.resourceSchema("User")),
          new InMemoryGroupStore(schemas.resourceSchema("Group")), f, f, f);
    }
    HikariConfig c = new HikariConfig();
    if (backend.equals("pg")) {
      c.setJdbcUrl(System.getenv("SCIM_TEST_PG_URL"));
      c.setUsername(System.getenv("SCIM_TEST_PG_USER"));
      c.setPassword(System.getenv("SCIM_TEST_PG_PASSWORD"));
    } else {
      c.setJdbcUrl("jdbc:h2:mem:webhook-driver-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }
    c.setMaximumPoolSize(16);
    HikariDataSource ds = new HikariDataSource(c);
    JdbcStores db = JdbcStores.builder(ds).passwordIterations(1_000).build();
    try (var conn = ds.getConnection(); var st = conn.createStatement()) {
      for (String t : List.of("scim_outbox_delivery", "scim_outbox", "scim_user_emails", "scim_group_members",
          "scim_users", "scim_groups")) {
        st.executeUpdate("DELETE FROM " + t);
      }
    }
    return new Stores(db.users(), db.groups(), db.outbox(), db.outbox(), ds);
  }

  private void run(String backend, int events, int writers) throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    WebhookVerifier verifier = new WebhookVerifier(List.of(SECRET));
    receiver.createContext("/hook", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      try {
        verifier.verify(ex.getRequestHeaders()::getFirst, body);
        String userId = ScimJson.parse(body).at("/resource/id").stringValue();
        if (arrived.putIfAbsent(userId, System.nanoTime()) == null) {
          expected.countDown();
        }
        ex.sendResponseHeaders(204, -1);
      } catch (WebhookVerificationException e) {
        bad.incrementAndGet();
        ex.sendResponseHeaders(401, -1);
      }
      ex.close();
    });
    receiver.setExecutor(Executors.newFixedThreadPool(8));
    receiver.start();
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    System.out.printf(Locale.ROOT, "backend %s, %d events per phase, %d writers%n", backend, events, writers);

    // (1) writes without outbox (after a warm-up run of the same), then with
    double plain;
    try (Stores s = stores(backend); Served server = serve(s, false, null)) {
      server.writeRate(events, writers, "warmup");
    }
    try (Stores s = stores(backend); Served server = serve(s, false, null)) {
      plain = server.writeRate(events, writers, "plain");
    }
    try (Stores s = stores(backend)) {
      DeliveryEngine engine = DeliveryEngine.builder(s.ledger())
          .endpoint(new Endpoint("bench", Subscription.all(), WebhookTransport.of(hook, List.of(SECRET))))
          .workers(8).batchSize(200).build();
      try (Served server = serve(s, true, engine)) {
        double withOutbox = server.writeRate(events, writers, "backlog");
        System.out.printf(Locale.ROOT, "writes/s: %.0f without outbox, %.0f with outbox (ratio %.2f)%n", plain,
            withOutbox, withOutbox / plain);

        // (2) drain the backlog
        expected = new CountDownLatch(events);
        long t0 = System.nanoTime();
        engine.start();
        if (!expected.await(10, TimeUnit.MINUTES)) {
          throw new IllegalStateException("backlog not delivered: " + expected.getCount() + " left");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "delivered %d backlog events in %.2f s: %.0f events/s%n", events, secs,
            events / secs);

        // (3) write-to-delivery latency with the engine running (woken by each commit)
        arrived.clear();
        int samples = Math.max(100, events / 5);
        expected = new CountDownLatch(samples);
        Map<String, Long> sent = server.writeTimed(samples, 2);
        if (!expected.await(10, TimeUnit.MINUTES)) {
          throw new IllegalStateException("not delivered: " + expected.getCount() + " left");
        }
        List<Long> lat = new ArrayList<>();
        sent.forEach((id, at) -> lat.add(arrived.get(id) - at));
        lat.sort(null);
        System.out.printf(Locale.ROOT, "write-to-delivery latency over %d events (2 writers): p50 %.1f ms, p99 %.1f ms,"
            + " max %.1f ms%n", lat.size(), lat.get(lat.size() / 2) / 1e6, lat.get((int) (lat.size() * 0.99)) / 1e6,
            lat.get(lat.size() - 1) / 1e6);
      } finally {
        engine.close();
      }
    }
    System.out.printf(Locale.ROOT, "signatures rejected: %d%n", bad.get());
    receiver.stop(0);
    System.exit(0);
  }

  private Served serve(Stores s, boolean outbox, DeliveryEngine engine) throws Exception {
    ScimServer.Builder b = ScimServer.builder().users(s.users()).groups(s.groups())
        .authenticator(new BearerTokenAuthenticator().addToken("default", "bench", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).maxConcurrentRequestsPerTenant(0).failedAuthLimit(0, 0).build());
    if (outbox) {
      b.outbox(s.outbox()).listener(engine.listener());
    }
    HttpServer server = JdkHttpServerAdapter.start(b.build(), new InetSocketAddress("127.0.0.1", 0), "/scim/v2", 8);
    return new Served(server);
  }

  /** A SCIM server over loopback. */
  private final class Served implements AutoCloseable {
    private final HttpServer server;
    private final String base;

    Served(HttpServer server) {
      this.server = server;
      this.base = "http://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2";
    }

    String create(String userName) throws Exception {
      HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/Users")).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/scim+json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
              + "\"userName\":\"" + userName + "\",\"active\":true,\"displayName\":\"Bench User\"}")).build();
      HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 201) {
        throw new IllegalStateException("create: " + resp.statusCode() + " " + resp.body());
      }
      return ScimJson.parse(resp.body()).get("id").stringValue();
    }

    double writeRate(int n, int writers, String prefix) throws Exception {
      for (int i = 0; i < 50; i++) {
        create(prefix + "-warm-" + i);
      }
      if (prefix.equals("backlog")) {
        // the warm-up's events are part of the backlog
        n -= 50;
      }
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      AtomicInteger next = new AtomicInteger();
      int total = n;
      long t0 = System.nanoTime();
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        fs.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < total; ) {
            create(prefix + "-" + i);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      return total / ((System.nanoTime() - t0) / 1e9);
    }

    Map<String, Long> writeTimed(int n, int writers) throws Exception {
      Map<String, Long> sent = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        fs.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            long at = System.nanoTime();
            sent.put(create("timed-" + i), at);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      return sent;
    }

    @Override
    public void close() {
      JdkHttpServerAdapter.stop(server, 0);
    }
  }
}
