package dev.scimsync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.store.jdbc.sync.JdbcLeaseStore;
import dev.scimsync.store.jdbc.sync.JdbcSyncStateStore;
import dev.scimsync.sync.Outcome;
import dev.scimsync.sync.SyncEngine;
import dev.scimsync.sync.SyncReport;
import dev.scimsync.sync.schedule.SyncScheduler;
import dev.scimsync.sync.scim.ScimServerTarget;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import dev.scimsync.sync.state.Lease;
import dev.scimsync.sync.state.LeaseStore;
import dev.scimsync.sync.state.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sync engine on the JDBC state and lease stores, as two application instances on one
 * database: instance "a" and instance "b" each have their own store objects, engine and scheduler,
 * and sync the same directory into the JDBC user store through the SCIM write path.
 */
abstract class JdbcSyncBehaviour {

  private static final String DIRECTORY = "entra";
  private static final Principal SYNC = new Principal("t", "directory-sync");
  private static final int USERS = 50;
  private static final int PAGE = 10;

  private JdbcStores stores;
  private ScimServer server;
  private final Instant[] now = {Instant.parse("2026-06-01T12:00:00Z")};
  private final Clock clock = new TestClock(n -> now[0]);

  abstract DataSource db();

  @BeforeEach
  void newStores() {
    stores = TestDatabases.stores(db());
    server = ScimServer.builder().users(stores.users()).groups(stores.groups())
        .authenticator(new BearerTokenAuthenticator())
        .options(ServerOptions.builder().rateLimit(0, 0).maxConcurrentRequestsPerTenant(0).build()).build();
  }

  /** A source of {@link #USERS} users in pages of {@link #PAGE}; counts overlapping runs. */
  private static class Source implements DirectorySource {
    final List<@Nullable String> positions = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger active;
    final AtomicInteger maxActive;
    @Nullable CountDownLatch entered;
    @Nullable CountDownLatch release;
    int crashAtPage = -1;

    Source(AtomicInteger active, AtomicInteger maxActive) {
      this.active = active;
      this.maxActive = maxActive;
    }

    @Override
    public SourceCapabilities capabilities() {
      return new SourceCapabilities(false, false, MembershipShape.INLINE, PAGE);
    }

    @Override
    public SourcePage list(ResourceKind kind, @Nullable String position) {
      if (kind == ResourceKind.GROUP) {
        return new SourcePage(List.of(), null);
      }
      positions.add(position);
      int from = position == null ? 0 : Integer.parseInt(position);
      if (from / PAGE == crashAtPage) {
        throw new Crash();
      }
      boolean first = position == null;
      if (first) {
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        if (entered != null) {
          entered.countDown();
          await(release);
        }
      }
      List<SourceRecord> out = new ArrayList<>();
      for (int i = from; i < Math.min(USERS, from + PAGE); i++) {
        ObjectNode u = ScimJson.object();
        u.put("userName", "user" + i + "@example.com");
        u.put("active", true);
        out.add(new SourceRecord(ResourceKind.USER, "src-" + i, u, null));
      }
      int next = from + PAGE;
      if (next >= USERS) {
        active.decrementAndGet();
        return new SourcePage(out, null);
      }
      return new SourcePage(out, Integer.toString(next));
    }
  }

  /** The process dying in the middle of a run: not an exception the engine handles. */
  private static final class Crash extends Error {
    Crash() {
      super("the instance was killed");
    }
  }

  private static void await(@Nullable CountDownLatch latch) {
    try {
      if (latch != null && !latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the latch was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private SyncEngine engine(DirectorySource source) {
    return SyncEngine.builder().directoryId(DIRECTORY).source(source)
        .target(new ScimServerTarget(server, SYNC))
        .stateStore(new JdbcSyncStateStore(db(), clock)).build();
  }

  private SyncScheduler scheduler(String owner, SyncEngine engine) {
    SyncScheduler s = SyncScheduler.builder().leaseStore(new JdbcLeaseStore(db(), clock)).owner(owner)
        .leaseTtl(Duration.ofMinutes(5)).clock(clock).threads(2).tick(Duration.ofDays(1)).build();
    s.register(engine, Duration.ofDays(1));
    return s;
  }

  private Set<String> userNames() {
    Set<String> names = new HashSet<>();
    List<ScimResource> all = stores.users().search(StoreContext.of("t"), ResourceQuery.of(null, 1000)).resources();
    for (ScimResource r : all) {
      names.add(r.json().path("userName").asString());
    }
    assertThat(all).as("no duplicates").hasSameSizeAs(names);
    return names;
  }

  @Test
  void stateRoundTripsAndEachScopeKeepsItsOwn() {
    JdbcSyncStateStore a = new JdbcSyncStateStore(db(), clock);
    assertThat(a.load(DIRECTORY)).isEmpty();
    SyncState s1 = new SyncState("cp-1", now[0], 3, new SyncState.RunProgress(true, "users", "40", "cp-2", now[0]));
    a.save(DIRECTORY, s1);
    assertThat(new JdbcSyncStateStore(db(), clock).load(DIRECTORY)).contains(s1);
    SyncState s2 = s1.withRun(null);
    a.save(DIRECTORY, s2);
    assertThat(a.load(DIRECTORY)).contains(s2);
    assertThat(new JdbcSyncStateStore(db(), "other-app", clock).load(DIRECTORY)).isEmpty();
    assertThat(a.load("other-directory")).isEmpty();
  }

  @Test
  void aLeaseHasOneOwnerUntilItExpiresOrIsReleased() {
    JdbcLeaseStore a = new JdbcLeaseStore(db(), clock);
    JdbcLeaseStore b = new JdbcLeaseStore(db(), clock);
    Duration ttl = Duration.ofSeconds(30);
    Lease la = a.tryAcquire(DIRECTORY, "a", ttl).orElseThrow();
    assertThat(b.tryAcquire(DIRECTORY, "b", ttl)).isEmpty();
    now[0] = now[0].plusSeconds(20);
    assertThat(a.renew(la, ttl)).isTrue();
    now[0] = now[0].plusSeconds(20);
    assertThat(b.tryAcquire(DIRECTORY, "b", ttl)).as("renewed: still a's").isEmpty();
    now[0] = now[0].plusSeconds(11);
    Lease lb = b.tryAcquire(DIRECTORY, "b", ttl).orElseThrow();
    assertThat(a.renew(la, ttl)).as("taken over").isFalse();
    a.release(la); // not a's any more: no effect
    assertThat(a.tryAcquire(DIRECTORY, "a", ttl)).isEmpty();
    b.release(lb);
    assertThat(a.tryAcquire(DIRECTORY, "a", ttl)).isPresent();
  }

  @Test
  void twoInstancesSharingTheLeaseNeverRunTheSameSyncAtOnce() throws Exception {
    AtomicInteger active = new AtomicInteger();
    AtomicInteger maxActive = new AtomicInteger();
    Source sa = new Source(active, maxActive);
    sa.entered = new CountDownLatch(1);
    sa.release = new CountDownLatch(1);
    Source sb = new Source(active, maxActive);
    try (SyncScheduler a = scheduler("instance-a", engine(sa)); SyncScheduler b = scheduler("instance-b", engine(sb))) {
      CompletableFuture<SyncReport> ra = a.syncNow(DIRECTORY);
      await(sa.entered);
      SyncReport rb = b.syncNow(DIRECTORY).get(30, TimeUnit.SECONDS);
      assertThat(rb.outcome()).as("a holds the lease").isEqualTo(Outcome.SKIPPED);
      assertThat(sb.positions).isEmpty();
      sa.release.countDown();
      assertThat(ra.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCESS);
      assertThat(b.syncNow(DIRECTORY).get(30, TimeUnit.SECONDS).outcome()).as("released: b's turn")
          .isEqualTo(Outcome.SUCCESS);

      sa.entered = null;
      for (int round = 0; round < 10; round++) {
        CompletableFuture<SyncReport> x = a.syncNow(DIRECTORY);
        CompletableFuture<SyncReport> y = b.syncNow(DIRECTORY);
        assertThat(List.of(x.get(30, TimeUnit.SECONDS).outcome(), y.get(30, TimeUnit.SECONDS).outcome()))
            .contains(Outcome.SUCCESS).doesNotContain(Outcome.FAILED);
      }
    }
    assertThat(maxActive.get()).as("runs of the directory at the same moment").isEqualTo(1);
    assertThat(userNames()).hasSize(USERS);
  }

  @Test
  void anInstanceWhoseLeaseWasTakenOverStopsAtItsNextPage() throws Exception {
    Duration ttl = Duration.ofMillis(300); // renewed every 100 ms by the scheduler's timer
    JdbcLeaseStore shared = new JdbcLeaseStore(db(), clock);
    CountDownLatch takenOver = new CountDownLatch(1);
    CountDownLatch renewalAnswered = new CountDownLatch(1);
    LeaseStore slowToRenew = new LeaseStore() { // a's renewal comes only after b took the lease
      @Override
      public java.util.Optional<Lease> tryAcquire(String key, String owner, Duration t) {
        return shared.tryAcquire(key, owner, t);
      }

      @Override
      public boolean renew(Lease lease, Duration t) {
        await(takenOver);
        boolean ok = shared.renew(lease, t);
        renewalAnswered.countDown();
        return ok;
      }

      @Override
      public void release(Lease lease) {
        shared.release(lease);
      }
    };
    Source sa = new Source(new AtomicInteger(), new AtomicInteger());
    sa.entered = new CountDownLatch(1);
    sa.release = new CountDownLatch(1);
    try (SyncScheduler a = SyncScheduler.builder().leaseStore(slowToRenew).owner("instance-a").leaseTtl(ttl)
        .clock(clock).tick(Duration.ofDays(1)).build()) {
      a.register(engine(sa), Duration.ofDays(1));
      CompletableFuture<SyncReport> ra = a.syncNow(DIRECTORY);
      await(sa.entered);
      now[0] = now[0].plusSeconds(1); // a's lease expired: a paused longer than its time-to-live
      assertThat(new JdbcLeaseStore(db(), clock).tryAcquire(DIRECTORY, "instance-b", Duration.ofMinutes(5)))
          .isPresent();
      takenOver.countDown();
      await(renewalAnswered);
      sa.release.countDown();
      SyncReport r = ra.get(30, TimeUnit.SECONDS);
      assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(r.message()).contains("lost the lease");
    }
    assertThat(sa.positions).as("a read no page after losing the lease").containsExactly((String) null);
    assertThat(userNames()).hasSize(PAGE);
  }

  @Test
  void aCrashedInstancesLeaseExpiresAndTheOtherResumesItsRun() {
    Duration ttl = Duration.ofSeconds(30);
    JdbcLeaseStore leasesA = new JdbcLeaseStore(db(), clock);
    JdbcLeaseStore leasesB = new JdbcLeaseStore(db(), clock);
    Source sa = new Source(new AtomicInteger(), new AtomicInteger());
    sa.crashAtPage = 3;
    Lease la = leasesA.tryAcquire(DIRECTORY, "instance-a", ttl).orElseThrow();
    assertThatThrownBy(engine(sa)::run).isInstanceOf(Crash.class);
    // a is gone: it neither releases nor renews its lease

    assertThat(leasesB.tryAcquire(DIRECTORY, "instance-b", ttl)).as("a's lease has not expired yet").isEmpty();
    now[0] = now[0].plus(ttl).plusSeconds(1);
    Lease lb = leasesB.tryAcquire(DIRECTORY, "instance-b", ttl).orElseThrow();
    Source sb = new Source(new AtomicInteger(), new AtomicInteger());
    SyncReport r = engine(sb).run();
    leasesB.release(lb);

    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(sb.positions).as("b resumed at a's saved page").startsWith("30");
    assertThat(r.changes().creates()).as("only what a had not created").isEqualTo(USERS - 3 * PAGE);
    assertThat(r.removalsSkipped()).isTrue();
    assertThat(userNames()).hasSize(USERS);
    assertThat(leasesA.renew(la, ttl)).as("a's lease was taken over").isFalse();
    assertThat(new JdbcSyncStateStore(db(), clock).load(DIRECTORY).orElseThrow().run()).isNull();
  }
}
