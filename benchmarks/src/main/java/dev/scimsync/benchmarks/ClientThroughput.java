package dev.scimsync.benchmarks;

import dev.scimsync.client.RetryPolicy;
import dev.scimsync.client.ScimClient;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.core.resource.Name;
import dev.scimsync.core.resource.User;
import dev.scimsync.examples.ExampleServer;
import dev.scimsync.server.ServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Throughput of the SCIM client over loopback: users created per second ({@code POST /Users}) and
 * users read per second ({@code GET /Users/{id}}), through ONE shared {@link ScimClient} (one
 * OkHttp connection pool) from {@code T} threads, with p50/p99 latency. Bounded in count
 * ({@code --users}) and time ({@code --seconds} per phase). Sends only to a loopback address.
 *
 * <pre>
 * # against the example server started in-process on an ephemeral port, rate limiting off
 * java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.ClientThroughput --embedded --users 20000 --threads 8
 * # against a running server (start it with --rate-limit 0 for a load test)
 * java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.ClientThroughput \
 *     --url http://127.0.0.1:8080/scim/v2 --token TOKEN --users 20000 --threads 8
 * </pre>
 *
 * <p>{@code --compare-fresh N} also runs N creates and N reads with a new client (a new OkHttp
 * client, so a new TCP connection) per request, for comparison with connection reuse.
 */
public final class ClientThroughput {

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: ClientThroughput (--embedded | --url URL --token TOKEN) [--users N] [--threads T]",
      "                        [--seconds S] [--warmup W] [--compare-fresh N]",
      "  --embedded         start the example server in this JVM on 127.0.0.1, ephemeral port, no rate limit",
      "  --url, --token     a running server's SCIM root (loopback only) and bearer token",
      "  --users N          users to create, then to read by id (default 20000)",
      "  --threads T        concurrent threads sharing one client (default 8)",
      "  --seconds S        time bound of each measured phase (default 120)",
      "  --warmup W         creates and reads before measuring, not counted (default 2000)",
      "  --compare-fresh N  also N creates and N reads with a new OkHttpClient per request (default 0: skip)");

  private ClientThroughput() {}

  public static void main(String[] args) throws Exception {
    // the example server logs one line per request and per change: not wanted under load
    System.setProperty("org.slf4j.simpleLogger.log.dev.scimsync.examples.access", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.dev.scimsync.audit", "warn");
    String url = null;
    String token = null;
    boolean embedded = false;
    int users = 20_000;
    int threads = 8;
    int seconds = 120;
    int warmup = 2_000;
    int fresh = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--embedded" -> embedded = true;
          case "--url" -> url = value(args, ++i);
          case "--token" -> token = value(args, ++i);
          case "--users" -> users = positive(value(args, ++i), "--users");
          case "--threads" -> threads = positive(value(args, ++i), "--threads");
          case "--seconds" -> seconds = positive(value(args, ++i), "--seconds");
          case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
          case "--compare-fresh" -> fresh = Integer.parseInt(value(args, ++i));
          case "--help", "-h" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (embedded == (url != null) || (url != null && token == null)) {
        throw new IllegalArgumentException("give either --embedded or --url and --token");
      }
      if (users > 10_000_000 || threads > 256 || seconds > 3_600 || warmup < 0 || fresh < 0) {
        throw new IllegalArgumentException("out of bounds: at most 10,000,000 users, 256 threads, 3600 s");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }

    if (url != null) {
      try {
        requireLoopback(url);
      } catch (IllegalArgumentException e) {
        System.err.println("error: " + e.getMessage());
        System.exit(2);
        return;
      }
    }
    ExampleServer server = null;
    if (embedded) {
      token = "bench-" + UUID.randomUUID();
      server = ExampleServer.start(ExampleServer.parse(new String[] {"--port", "0", "--bind", "127.0.0.1",
          "--token", token}), ServerOptions.builder().rateLimit(0, 0).maxConcurrentRequestsPerTenant(0).build());
      url = server.baseUrl();
    }
    try {
      requireLoopback(url);
      new Run(url, token, threads, seconds).all(users, warmup, fresh);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int positive(String v, String name) {
    int n = Integer.parseInt(v);
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return n;
  }

  /**
   * Refuses anything but {@code localhost} or a loopback IP literal (no name is resolved): this is
   * a load generator.
   */
  static void requireLoopback(String url) throws IOException {
    HttpUrl u = HttpUrl.parse(url);
    if (u == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    String host = u.host();
    boolean literal = host.contains(":") || host.matches("[0-9.]+");
    if (!host.equals("localhost") && !(literal && InetAddress.getByName(host).isLoopbackAddress())) {
      throw new IllegalArgumentException("refusing to send load to " + host + ": only 127.0.0.1, ::1 or localhost");
    }
  }

  /** One benchmark run against one server. */
  static final class Run {
    final String url;
    final String token;
    final int threads;
    final int seconds;
    final AtomicLong connections = new AtomicLong();
    final OkHttpClient http;
    final ScimClient shared;
    final String prefix = "tp-" + UUID.randomUUID().toString().substring(0, 8);

    Run(String url, String token, int threads, int seconds) {
      this.url = url;
      this.token = token;
      this.threads = threads;
      this.seconds = seconds;
      // one pool that keeps a connection per thread; counts the TCP connections opened
      this.http = new OkHttpClient.Builder()
          .proxy(Proxy.NO_PROXY)
          .connectionPool(new ConnectionPool(Math.max(5, threads), 5, TimeUnit.MINUTES))
          .eventListener(new EventListener() {
            @Override
            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
              connections.incrementAndGet();
            }
          })
          .build();
      this.shared = client(http);
    }

    ScimClient client(OkHttpClient base) {
      // no retries: an error is counted, not hidden
      return ScimClient.builder().baseUrl(url).bearerToken(token).httpClient(base).discovery(false)
          .retryPolicy(RetryPolicy.none()).build();
    }

    void all(int users, int warmup, int fresh) throws Exception {
      System.out.printf(Locale.ROOT, "ClientThroughput: %s, %d threads, one shared ScimClient; %d CPUs, Java %s%n",
          url, threads, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      if (warmup > 0) {
        String[] ids = new String[warmup];
        phase(warmup, i -> {
          ids[i] = shared.users().create(user(prefix + "-w" + i)).id();
          return ids[i];
        });
        phase(warmup, i -> shared.users().get(ids[i]).id());
        System.out.printf(Locale.ROOT, "warm-up: %d creates and %d reads, not counted; %d connections opened%n",
            warmup, warmup, connections.get());
      }
      String[] ids = new String[users];
      long c0 = connections.get();
      System.out.println("phase                                   count   seconds     req/s    p50 ms    p99 ms"
          + "    max ms  errors  new conns");
      Result create = phase(users, i -> {
        ids[i] = shared.users().create(user(prefix + "-" + i)).id();
        return ids[i];
      });
      print("create (POST /Users), shared client", create, connections.get() - c0);
      int created = 0;
      for (String id : ids) {
        if (id != null) {
          ids[created++] = id;
        }
      }
      int n = created;
      long c1 = connections.get();
      // each created user read once, in a shuffled order (not the creation order)
      int[] order = shuffled(n);
      Result read = phase(n, i -> shared.users().get(ids[order[i]]).id());
      print("read (GET /Users/{id}), shared client", read, connections.get() - c1);

      if (fresh > 0) {
        int m = Math.min(fresh, n);
        AtomicLong freshConnections = new AtomicLong();
        EventListener counter = new EventListener() {
          @Override
          public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            freshConnections.incrementAndGet();
          }
        };
        // a new builder each time: a builder's pool and dispatcher are shared by all it builds
        java.util.function.Supplier<OkHttpClient> template = () -> new OkHttpClient.Builder().proxy(Proxy.NO_PROXY)
            .eventListener(counter).build();
        Result fc = phase(m, i -> {
          OkHttpClient own = template.get();
          try (ScimClient c = client(own)) {
            return c.users().create(user(prefix + "-f" + i)).id();
          } finally {
            own.dispatcher().executorService().shutdown();
            own.connectionPool().evictAll();
          }
        });
        print("create, new OkHttpClient per request", fc, freshConnections.getAndSet(0));
        Result fr = phase(m, i -> {
          OkHttpClient own = template.get();
          try (ScimClient c = client(own)) {
            return c.users().get(ids[order[i]]).id();
          } finally {
            own.dispatcher().executorService().shutdown();
            own.connectionPool().evictAll();
          }
        });
        print("read, new OkHttpClient per request", fr, freshConnections.get());
      }
      shared.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }

    static User user(String name) {
      return User.builder(name + "@example.com")
          .externalId(name)
          .name(Name.ofGivenAndFamily("Given", name))
          .addEmail(new MultiValue(name + "@example.com", null, "work", true))
          .active(true)
          .build();
    }

    static int[] shuffled(int n) {
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = i;
      }
      java.util.SplittableRandom r = new java.util.SplittableRandom(42);
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return a;
    }

    record Result(int count, int errors, double seconds, long[] sortedNanos, String firstError) {}

    /**
     * Runs {@code op(0..count-1)} on {@code threads} threads, each index once, until all are done
     * or the time bound passes; an op that throws is counted as an error.
     */
    Result phase(int count, IntFunction<String> op) throws Exception {
      AtomicInteger next = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      List<String> firstError = new ArrayList<>();
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      try {
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(pool.submit(() -> {
            long[] lat = new long[Math.max(16, count / threads + 16)];
            int n = 0;
            int i;
            while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < count) {
              long s = System.nanoTime();
              try {
                op.apply(i);
              } catch (RuntimeException e) {
                if (errors.getAndIncrement() == 0) {
                  synchronized (firstError) {
                    firstError.add(e.toString());
                  }
                }
                continue;
              }
              long took = System.nanoTime() - s;
              if (n == lat.length) {
                lat = Arrays.copyOf(lat, n * 2);
              }
              lat[n++] = took;
            }
            return Arrays.copyOf(lat, n);
          }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
          parts.add(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return new Result(all.length, errors.get(), elapsed, all, firstError.isEmpty() ? null : firstError.get(0));
      } finally {
        pool.shutdownNow();
      }
    }

    static void print(String name, Result r, long connections) {
      System.out.printf(Locale.ROOT, "%-38s %7d %9.2f %9.0f %9.2f %9.2f %9.2f %7d %12d%n", name, r.count(),
          r.seconds(), r.count() / r.seconds(), pct(r.sortedNanos(), 0.50) / 1e6, pct(r.sortedNanos(), 0.99) / 1e6,
          r.sortedNanos().length == 0 ? 0 : r.sortedNanos()[r.sortedNanos().length - 1] / 1e6, r.errors(),
          connections);
      if (r.firstError() != null) {
        System.out.println("  first error: " + r.firstError());
      }
    }

    static long pct(long[] sorted, double p) {
      return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
  }
}
