package dev.scimsync.benchmarks;

import dev.scimsync.client.ScimClient;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.examples.ExampleServer;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import dev.scimsync.sync.SyncEngine;
import dev.scimsync.sync.SyncOptions;
import dev.scimsync.sync.SyncReport;
import dev.scimsync.sync.scim.ScimServerTarget;
import dev.scimsync.sync.scim.ScimSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Full and incremental pull sync at directory scale: the example server (in this JVM, on
 * 127.0.0.1, an ephemeral port) is seeded with {@code --users} users and {@code --groups} groups
 * (sizes falling from {@code --max-group}: 20000, 10000, 6666, ...), then the engine syncs it over
 * loopback HTTP into a second server's in-memory stores (in process, through ScimServer), then
 * {@code --change} percent of the users change at the source and an incremental run follows.
 * Prints seconds, requests and peak heap of each run. A main class, not run by the build.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.SyncBenchmark --users 100000 --groups 1000
 * </pre>
 *
 * <p>The peak heap includes both servers' in-memory stores (the source's and the target's
 * directory), which live in this JVM; the baseline after seeding is printed for comparison. With
 * {@code --probe-heap N} a full GC every N pages measures the live heap during the full run: its
 * peak minus the live heap after the run is what the engine itself held.
 */
public final class SyncBenchmark {

  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int users = 100_000;
    int groups = 1_000;
    int maxGroup = 20_000;
    double change = 1.0;
    int page = 1000;
    int probeEvery = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--groups" -> groups = Integer.parseInt(args[++i]);
        case "--max-group" -> maxGroup = Integer.parseInt(args[++i]);
        case "--change" -> change = Double.parseDouble(args[++i]);
        case "--page" -> page = Integer.parseInt(args[++i]);
        case "--probe-heap" -> probeEvery = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: SyncBenchmark [--users N] [--groups G] [--max-group M] [--change PERCENT]"
              + " [--page P] [--probe-heap PAGES]");
          System.exit(2);
        }
      }
    }
    ServerOptions opts = ServerOptions.builder().rateLimit(0, 0).maxPageSize(page).build();
    try (ExampleServer source = ExampleServer.start(ExampleServer.parse(new String[] {"--port", "0", "--token",
        "sync-benchmark-token-0123456789"}), opts)) {
      ScimServer src = source.scimServer();
      Principal admin = new Principal(ExampleServer.DEFAULT_TENANT, "seed");
      long t0 = System.nanoTime();
      List<String> ids = new ArrayList<>(users);
      for (int i = 0; i < users; i++) {
        ids.add(call(src, admin, "POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
            + "\"userName\":\"user" + i + "@example.com\",\"displayName\":\"User " + i + "\",\"title\":\"T" + (i % 50)
            + "\",\"active\":true,\"name\":{\"givenName\":\"G" + i + "\",\"familyName\":\"F" + (i % 1000) + "\"},"
            + "\"emails\":[{\"value\":\"user" + i + "@example.com\",\"type\":\"work\",\"primary\":true}]}"));
      }
      long memberships = 0;
      for (int g = 0; g < groups; g++) {
        String gid = call(src, admin, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
            + "\"displayName\":\"group " + g + "\"}");
        int size = Math.min(users, Math.max(10, maxGroup / (g + 1)));
        for (int from = 0; from < size; from += 1000) {
          StringBuilder ms = new StringBuilder();
          for (int k = from; k < Math.min(size, from + 1000); k++) {
            ms.append(k == from ? "" : ",").append("{\"value\":\"").append(ids.get((k * 7 + g) % users)).append("\"}");
          }
          call(src, admin, "PATCH", "/Groups/" + gid, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
              + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + ms + "]}]}");
        }
        memberships += size;
      }
      System.out.printf(Locale.ROOT, "seeded %d users, %d groups, %d memberships in %.1f s%n", users, groups,
          memberships, (System.nanoTime() - t0) / 1e9);

      SchemaRegistry reg = SchemaRegistry.standard();
      ScimServer app = ScimServer.builder().users(new InMemoryUserStore(reg.resourceSchema("User")))
          .groups(new InMemoryGroupStore(reg.resourceSchema("Group")))
          .authenticator(new BearerTokenAuthenticator()).options(opts).build();
      ScimSource scim = ScimSource.builder(ScimClient.builder().baseUrl(source.baseUrl()).bearerToken(source.token())
          .callTimeout(Duration.ofMinutes(2)).readTimeout(Duration.ofMinutes(2)))
          .pageSize(page).groupPageSize(50).overlap(Duration.ofSeconds(1)).build();
      SyncEngine engine = SyncEngine.builder().directoryId("bench").source(scim)
          .target(new ScimServerTarget(app, new Principal("default", "directory-sync")))
          .options(SyncOptions.builder().memberChunk(1000).build())
          .listener(new HeapProbe(probeEvery)).build();

      System.gc();
      long baseline = heapUsed();
      System.out.printf(Locale.ROOT, "heap in use after seeding: %d MB%n", baseline >> 20);
      Thread.sleep(1100); // past the source's checkpoint overlap
      HeapProbe.maxLive = 0;
      SyncReport full = measure("full", engine::run);
      if (probeEvery > 0) {
        System.gc();
        long after = heapUsed();
        System.out.printf(Locale.ROOT, "live heap (after a full GC): at most %d MB while the full run ran, %d MB after"
            + " it; held by the run: about %d MB%n", HeapProbe.maxLive >> 20, after >> 20,
            Math.max(0, HeapProbe.maxLive - after) >> 20);
      }
      int changed = (int) Math.round(users * change / 100);
      for (int i = 0; i < changed; i++) {
        call(src, admin, "PATCH", "/Users/" + ids.get((int) ((long) i * users / changed)),
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"title\",\"value\":\"changed\"}]}");
      }
      System.out.printf(Locale.ROOT, "changed %d users at the source%n", changed);
      SyncReport inc = measure("incremental", engine::run);
      System.out.printf(Locale.ROOT, "incremental/full: %.2f%% of the requests, %.2f%% of the time%n",
          100.0 * (inc.sourceRequests() + inc.targetRequests()) / (full.sourceRequests() + full.targetRequests()),
          100.0 * inc.duration().toMillis() / Math.max(1, full.duration().toMillis()));
      scim.client().close();
    }
  }

  /**
   * Every {@code every} progress events (pages), a full GC and the heap then in use: what the run
   * holds at that point (the stores only grow during a run, so the peak of these minus the heap
   * after the run is what the engine held). Off with 0; each probe costs a full GC.
   */
  static final class HeapProbe implements dev.scimsync.sync.SyncListener {
    static volatile long maxLive;
    private final int every;
    private int n;

    HeapProbe(int every) {
      this.every = every;
    }

    @Override
    public void onProgress(dev.scimsync.sync.SyncProgress p) {
      if (every > 0 && ++n % every == 0) {
        System.gc();
        maxLive = Math.max(maxLive, heapUsed());
      }
    }
  }

  interface Run {
    SyncReport run();
  }

  private static SyncReport measure(String name, Run run) {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long cpu0 = processCpuNanos();
    long t = System.nanoTime();
    SyncReport r = run.run();
    double s = (System.nanoTime() - t) / 1e9;
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    // CPU seconds of the whole process (engine, both servers, GC): on a loaded machine the wall time
    // says more about the neighbours than about the sync
    System.out.printf(Locale.ROOT, "%s: %s in %.1f s (%.1f s CPU); %d source + %d target requests; peak heap %d MB%n",
        name, r.outcome(), s, cpu, r.sourceRequests(), r.targetRequests(), peak >> 20);
    System.out.println("  " + r.summary());
    return r;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String call(ScimServer server, Principal p, String method, String path, String body) {
    ScimResponse r = server.handleAs(p, ScimRequest.builder(method, ExampleServer.BASE_PATH + path)
        .header("Content-Type", "application/scim+json").body(body).build());
    if (r.status() >= 300) {
      throw new IllegalStateException(method + " " + path + ": " + r.status() + " " + r.bodyText());
    }
    return r.body().length == 0 ? null : ScimJson.parseObject(r.body()).path("id").asString(null);
  }
}
