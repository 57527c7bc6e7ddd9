package dev.scimsync.examples.readme;

import dev.scimsync.client.RetryPolicy;
import dev.scimsync.client.ScimClient;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.sync.*;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.schedule.SyncScheduler;
import dev.scimsync.sync.scim.ScimClientTarget;
import dev.scimsync.sync.scim.ScimServerTarget;
import dev.scimsync.sync.scim.ScimSource;
import dev.scimsync.sync.state.FileSyncStateStore;
import dev.scimsync.sync.state.InMemoryLeaseStore;
import dev.scimsync.sync.target.DirectoryTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** README "Pull directory sync": a SCIM source into the application's stores, on a schedule. */
public final class SyncPieces {

  private SyncPieces() {}

  /**
   * Wires the README's engine and scheduler; {@code metrics} hears every report, {@code alerts}
   * every failure an operator should know about.
   *
   * @throws IOException when {@code mapping.json} cannot be read
   */
  public static SyncScheduler wire(String token, ScimServer scimServer, String appUrl, String appToken,
      Consumer<SyncReport> metrics, Consumer<SyncFailure> alerts) throws IOException {
    // tag::sync[]
    // Source: a SCIM service (cursor paging when offered, else index; incremental by meta.lastModified
    // only when discovery and a probe show that the filter works)
    ScimSource source = ScimSource.builder(ScimClient.builder()
            .baseUrl("https://directory.example.com/scim/v2").bearerToken(token)
            .retryPolicy(RetryPolicy.none()))                       // the engine retries and backs off
        .pageSize(500).build();

    // Target (a): the application's own stores, through its ScimServer, so validation, uniqueness,
    // events and audit are exactly those of an IdP's SCIM requests (ScimServer.handleAs, in process)
    DirectoryTarget stores = new ScimServerTarget(scimServer, new Principal("acme", "directory-sync"));
    // Target (b): a remote SCIM service (the push bridge)
    DirectoryTarget remote = new ScimClientTarget(ScimClient.builder().baseUrl(appUrl).bearerToken(appToken).build());

    SyncEngine engine = SyncEngine.builder()
        .directoryId("acme")                                           // key of its state and lease
        .source(source).target(stores)
        .mapping(Mapping.fromJson(Files.readString(Path.of("mapping.json"))))  // or Mapping.identity()
        .stateStore(new FileSyncStateStore(Path.of("sync-state")))    // checkpoint + page position
        .options(SyncOptions.builder()
            .maxRemovalPercent(10)                 // stop before removing more than 10% (or .maxRemovals(n))
            .deletedUsers(DeletedUsers.DEACTIVATE) // or DELETE
            .fullEveryRuns(24).fullEvery(Duration.ofHours(24))   // reconcile fully now and then
            .sourceRequestsPerSecond(20)
            .build())
        .listener(new SyncListener() {
          @Override public void onReport(SyncReport r) { metrics.accept(r); }        // every run
          @Override public void onFailure(SyncFailure f) { alerts.accept(f); }       // page someone
        })
        .build();

    SyncReport plan = engine.dryRun();   // what a full run would change: counts and examples
    SyncReport run = engine.run();       // resumes an interrupted run, else incremental when possible, else full
    SyncReport drift = engine.verify();  // read-only: missing, extra, different users and memberships

    // Many directories, each on its own interval, one run at a time, on one instance of many
    SyncScheduler scheduler = SyncScheduler.builder().leaseStore(new InMemoryLeaseStore()).build();
    scheduler.register(engine, Duration.ofMinutes(15));
    scheduler.start();
    scheduler.syncNow("acme").thenAccept(metrics);          // "sync now"
    // end::sync[]
    return scheduler;
  }
}
