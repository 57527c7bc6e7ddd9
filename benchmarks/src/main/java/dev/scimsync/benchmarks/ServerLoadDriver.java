package dev.scimsync.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load driver for a running SCIM server over loopback: loads users with Bulk requests, then
 * measures requests per second and p50/p99 latency of four request kinds, each for a fixed time
 * with a fixed number of concurrent connections. Bounded in time and count; sends only to the URL
 * given (use 127.0.0.1).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.ServerLoadDriver \
 *     --url http://127.0.0.1:8080/scim/v2 --token TOKEN --users 100000 --seconds 20 --threads 8
 * </pre>
 */
public final class ServerLoadDriver {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  private ServerLoadDriver(String base, String token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    String url = null;
    String token = null;
    int users = 100_000;
    int seconds = 20;
    int threads = 8;
    String prefix = "load";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--url" -> url = args[i + 1];
        case "--token" -> token = args[i + 1];
        case "--users" -> users = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--prefix" -> prefix = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null || token == null) {
      System.err.println("usage: ServerLoadDriver --url URL --token TOKEN [--users N] [--seconds S] [--threads T]");
      System.exit(2);
    }
    ServerLoadDriver d = new ServerLoadDriver(url, token);
    long t0 = System.nanoTime();
    List<String> ids = new ArrayList<>();
    int loaded = d.loadUsers(prefix, users, ids);
    System.out.printf(Locale.ROOT, "loaded %d users in %.1f s%n", loaded, (System.nanoTime() - t0) / 1e9);
    String groupId = d.createGroup(prefix + "-group");
    int n = users;
    String p = prefix;
    AtomicInteger created = new AtomicInteger();
    System.out.println("kind                          req/s      p50 ms   p99 ms   errors");
    d.run("GET filter userName eq", seconds, threads, r -> d.get("/Users?filter="
        + enc("userName eq \"" + p + "-" + r.nextInt(n) + "@example.com\"")));
    d.run("POST /Users", seconds, threads, r -> d.post("/Users", user(p + "-new-" + created.incrementAndGet())));
    d.run("PATCH group add member", seconds, threads, r -> {
      String member = ids.get(r.nextInt(ids.size()));
      return d.patch("/Groups/" + groupId, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + member + "\"}]}]}");
    });
    d.run("GET list page (count=100)", seconds, threads, r -> d.get("/Users?startIndex=" + (1 + r.nextInt(n))
        + "&count=100"));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String user(String name) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name + "@example.com\","
        + "\"externalId\":\"" + name + "\",\"name\":{\"givenName\":\"Given\",\"familyName\":\"" + name + "\"},"
        + "\"emails\":[{\"value\":\"" + name + "@example.com\",\"type\":\"work\",\"primary\":true}],\"active\":true}";
  }

  private static final java.util.regex.Pattern LOCATION =
      java.util.regex.Pattern.compile("\"location\"\\s*:\\s*\"[^\"]*/Users/([^\"/]+)\"");

  private int loadUsers(String prefix, int users, List<String> ids) throws Exception {
    int done = 0;
    int batch = 500;
    for (int from = 0; from < users; from += batch) {
      StringBuilder sb = new StringBuilder("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
          + "\"Operations\":[");
      int to = Math.min(users, from + batch);
      for (int i = from; i < to; i++) {
        if (i > from) {
          sb.append(',');
        }
        sb.append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b").append(i).append("\",\"data\":")
            .append(user(prefix + "-" + i)).append('}');
      }
      sb.append("]}");
      HttpResponse<String> response = http.send(auth(HttpRequest.newBuilder(URI.create(base + "/Bulk"))
          .POST(HttpRequest.BodyPublishers.ofString(sb.toString()))).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("bulk load failed with HTTP " + response.statusCode());
      }
      java.util.regex.Matcher m = LOCATION.matcher(response.body());
      while (m.find()) {
        ids.add(m.group(1));
      }
      done = to;
    }
    return done;
  }

  private String createGroup(String name) throws Exception {
    HttpResponse<String> r = http.send(auth(HttpRequest.newBuilder(URI.create(base + "/Groups"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
            + "\"displayName\":\"" + name + "-" + System.nanoTime() + "\"}"))).build(), HttpResponse.BodyHandlers.ofString());
    String body = r.body();
    int at = body.indexOf("\"id\":\"");
    return body.substring(at + 6, body.indexOf('"', at + 6));
  }

  private HttpRequest.Builder auth(HttpRequest.Builder b) {
    return b.header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json");
  }

  private int send(HttpRequest.Builder b) throws Exception {
    return http.send(auth(b).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  int get(String path) {
    return call(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  int post(String path, String body) {
    return call(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  int patch(String path, String body) {
    return call(HttpRequest.newBuilder(URI.create(base + path)).method("PATCH",
        HttpRequest.BodyPublishers.ofString(body)));
  }

  private int call(HttpRequest.Builder b) {
    try {
      return send(b);
    } catch (Exception e) {
      return -1;
    }
  }

  /** A request kind: given a random source, sends one request and returns its status. */
  interface Kind {
    int send(SplittableRandom r);
  }

  private void run(String name, int seconds, int threads, Kind kind) throws Exception {
    // warm-up: a fifth of the time, not recorded
    drive(Math.max(1, seconds / 5), threads, kind);
    long start = System.nanoTime();
    List<long[]> results = drive(seconds, threads, kind);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long count = 0;
    long errors = 0;
    List<Long> all = new ArrayList<>();
    for (long[] r : results) {
      errors += r[0];
      for (int i = 1; i < r.length; i++) {
        all.add(r[i]);
      }
    }
    count = all.size();
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-28s %8.0f %9.2f %8.2f %8d%n", name, count / elapsed, pct(sorted, 0.50) / 1e6,
        pct(sorted, 0.99) / 1e6, errors);
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
  }

  /** Each thread sends requests until the time is up; returns per thread [errors, latencies...]. */
  private List<long[]> drive(int seconds, int threads, Kind kind) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t * 7919L + 17;
        futures.add(pool.submit(() -> {
          SplittableRandom r = new SplittableRandom(seed);
          long[] lat = new long[1 << 16];
          int n = 1;
          long errors = 0;
          while (System.nanoTime() < end && n < 20_000_000) {
            long s = System.nanoTime();
            int status = kind.send(r);
            long took = System.nanoTime() - s;
            if (status < 200 || status >= 300) {
              errors++;
            }
            if (n == lat.length) {
              lat = Arrays.copyOf(lat, lat.length * 2);
            }
            lat[n++] = took;
          }
          long[] out = Arrays.copyOf(lat, n);
          out[0] = errors;
          return out;
        }));
      }
      List<long[]> out = new ArrayList<>();
      for (Future<long[]> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

}
