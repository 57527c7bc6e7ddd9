package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.schedule.SyncScheduler;
import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.MembershipChange;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourceRecord;
import dev.scimsync.sync.source.Tombstone;
import dev.scimsync.sync.state.FileSyncStateStore;
import dev.scimsync.sync.state.InMemoryLeaseStore;
import dev.scimsync.sync.state.SyncState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The engine against in-memory fakes: dry run, circuit breaker, change feeds, mapping, state, scheduling. */
class EngineTest {

  final FakeTime time = new FakeTime();

  static SourceRecord user(String id, String userName, String title) {
    ObjectNode a = ScimJson.object();
    a.put("userName", userName);
    a.put("title", title);
    a.put("active", true);
    return new SourceRecord(ResourceKind.USER, id, a, null);
  }

  ListSource source(int users) {
    ListSource s = new ListSource(10);
    for (int i = 0; i < users; i++) {
      s.users.add(user("s" + i, "u" + i, "t"));
    }
    return s;
  }

  @Test
  void aDryRunReportsThePlanAndWritesNothing() {
    FakeTarget target = new FakeTarget();
    ObjectNode stale = ScimJson.object();
    stale.put("userName", "gone");
    stale.put("externalId", "x1");
    stale.put("active", true);
    target.put(ResourceKind.USER, stale);
    List<SyncProgress> progress = new ArrayList<>();
    SyncEngine e = SyncEngine.builder().directoryId("d").source(source(25)).target(target).timeSource(time)
        .options(SyncOptions.builder().maxRemovalPercent(-1).examples(3).build())
        .listener(new SyncListener() {
          @Override
          public void onProgress(SyncProgress p) {
            progress.add(p);
          }
        }).build();
    SyncReport plan = e.dryRun();
    assertThat(progress).extracting(SyncProgress::phase).startsWith("users", "users", "users").contains("groups");
    assertThat(progress.get(2).records()).isEqualTo(25);
    assertThat(plan.kind()).isEqualTo(RunKind.DRY_RUN);
    assertThat(plan.changes().creates()).isEqualTo(25);
    assertThat(plan.changes().deactivations()).isEqualTo(1);
    assertThat(plan.examples().get("create")).containsExactly("user u0", "user u1", "user u2");
    assertThat(plan.examples().get("deactivate")).containsExactly("user x1");
    assertThat(target.writes).isZero();
    SyncReport drift = e.verify();
    assertThat(drift.kind()).isEqualTo(RunKind.VERIFY);
    assertThat(drift.changes()).isEqualTo(plan.changes());
    assertThat(drift.examples().get("missing")).containsExactly("user u0", "user u1", "user u2");
    assertThat(drift.examples().get("extra")).containsExactly("user x1");
    assertThat(target.writes).isZero();
  }

  @Test
  void aFailingSourceOpensTheCircuitAndLaterRunsAreRefusedUntilItCloses() {
    ListSource s = source(30);
    s.failUserPage = 0;
    List<SyncFailure> failures = new ArrayList<>();
    SyncEngine e = SyncEngine.builder().directoryId("d").source(s).target(new FakeTarget()).timeSource(time)
        .options(SyncOptions.builder().circuitBreaker(2, Duration.ofMinutes(10)).build())
        .listener(new SyncListener() {
          @Override
          public void onFailure(SyncFailure f) {
            failures.add(f);
          }
        }).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(e.run().outcome()).isEqualTo(Outcome.FAILED);
    int calls = s.calls;
    SyncReport refused = e.run();
    assertThat(refused.outcome()).isEqualTo(Outcome.CIRCUIT_OPEN);
    assertThat(s.calls).isEqualTo(calls);
    assertThat(failures).extracting(SyncFailure::kind).contains(SyncFailure.Kind.CIRCUIT_OPEN);
    time.advance(Duration.ofMinutes(11));
    s.failUserPage = -1;
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void rateLimitsWaitForRetryAfterAndRepeatedOnesAreReported() {
    ListSource s = new ListSource(10) {
      int n;

      @Override
      public dev.scimsync.sync.source.SourcePage list(ResourceKind kind, String position) {
        if (n++ < 3) {
          throw new DirectoryException(DirectoryException.Kind.RATE_LIMITED, "429", Duration.ofSeconds(7), null);
        }
        return super.list(kind, position);
      }
    };
    s.users.add(user("a", "a", "t"));
    List<SyncFailure> failures = new ArrayList<>();
    SyncReport r = SyncEngine.builder().directoryId("d").source(s).target(new FakeTarget()).timeSource(time)
        .listener(new SyncListener() {
          @Override
          public void onFailure(SyncFailure f) {
            failures.add(f);
          }
        }).build().run();
    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(r.rateLimitWaits()).isEqualTo(3);
    assertThat(r.rateLimitWaited()).isEqualTo(Duration.ofSeconds(21));
    assertThat(failures).extracting(SyncFailure::kind).containsExactly(SyncFailure.Kind.REPEATED_RATE_LIMITS);
  }

  /** A source with a change feed whose checkpoint may expire. */
  static class FeedSource extends ListSource {
    boolean expired;
    final List<SourceRecord> changed = new ArrayList<>();
    final List<Tombstone> gone = new ArrayList<>();
    final List<MembershipChange> deltas = new ArrayList<>();

    FeedSource() {
      super(10);
    }

    @Override
    public SourceCapabilities capabilities() {
      return new SourceCapabilities(true, true, MembershipShape.INLINE, 10);
    }

    @Override
    public String beginFullListing() {
      return "cp1";
    }

    @Override
    public ChangePage changes(String checkpoint, String position) {
      if (expired) {
        throw new DirectoryException(DirectoryException.Kind.CHECKPOINT_EXPIRED, "410 Gone");
      }
      return new ChangePage(changed, deltas, gone, null, "cp2");
    }
  }

  @Test
  void incrementalRunsApplyUpsertsAndTombstonesAndAnExpiredCheckpointFallsBackToAFullListing() {
    FeedSource s = new FeedSource();
    s.users.add(user("a", "a", "t"));
    s.users.add(user("b", "b", "t"));
    FakeTarget target = new FakeTarget();
    SyncEngine e = SyncEngine.builder().directoryId("d").source(s).target(target).timeSource(time)
        .options(SyncOptions.builder().deletedUsers(DeletedUsers.DELETE).maxRemovalPercent(-1).build()).build();
    assertThat(e.run().kind()).isEqualTo(RunKind.FULL);
    s.changed.add(user("a", "a", "changed"));
    s.gone.add(new Tombstone(ResourceKind.USER, "b"));
    SyncReport inc = e.run();
    assertThat(inc.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(inc.changes().updates()).isEqualTo(1);
    assertThat(inc.changes().deletes()).isEqualTo(1);
    assertThat(target.users.values()).extracting(u -> u.path("title").asString()).containsExactly("changed");

    s.expired = true;
    s.users.add(user("c", "c", "t"));
    SyncReport fallback = e.run();
    assertThat(fallback.kind()).isEqualTo(RunKind.FULL);
    assertThat(fallback.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(fallback.message()).contains("checkpoint expired");
    assertThat(target.users).hasSize(3);
  }

  @Test
  void membershipDeltasFromAChangeFeedBecomeMemberAddsAndRemoves() {
    FeedSource s = new FeedSource();
    s.users.add(user("a", "a", "t"));
    s.users.add(user("b", "b", "t"));
    ObjectNode g = ScimJson.object();
    g.put("displayName", "G");
    s.groups.add(new SourceRecord(ResourceKind.GROUP, "g", g, List.of(SourceMember.user("a"))));
    FakeTarget target = new FakeTarget();
    // one of the group's one member removed is above any percentage: a count limit instead
    SyncEngine e = SyncEngine.builder().directoryId("d").source(s).target(target).timeSource(time)
        .options(SyncOptions.builder().maxRemovalPercent(-1).maxRemovals(5).build()).build();
    assertThat(e.run().changes().memberAdds()).isEqualTo(1);
    s.deltas.add(new MembershipChange("g", List.of(SourceMember.user("b")), List.of(SourceMember.user("a"))));
    SyncReport inc = e.run();
    assertThat(inc.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(inc.changes().memberAdds()).isEqualTo(1);
    assertThat(inc.changes().memberRemoves()).isEqualTo(1);
    String bId = target.find(ResourceKind.USER, "externalId", List.of("b")).get(0).path("id").asString();
    ObjectNode tg = target.groups.values().iterator().next();
    assertThat(tg.path("members")).extracting(m -> m.path("value").asString()).containsExactly(bId);
  }

  static SourceRecord group(String id, List<String> memberIds) {
    ObjectNode g = ScimJson.object();
    g.put("displayName", id);
    return new SourceRecord(ResourceKind.GROUP, id, g, memberIds.stream().map(SourceMember::user).toList());
  }

  static List<String> ids(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("s" + i);
    }
    return out;
  }

  static long targetMemberships(FakeTarget target) {
    long n = 0;
    for (ObjectNode g : target.groups.values()) {
      n += g.path("members").size();
    }
    return n;
  }

  @Test
  void groupsThatSuddenlyComeBackEmptyAreStoppedByTheThresholdAndNoMemberIsRemoved() {
    ListSource s = source(20);
    s.groups.add(group("g1", ids(0, 10)));
    s.groups.add(group("g2", ids(10, 20)));
    FakeTarget target = new FakeTarget();
    List<SyncFailure> failures = new ArrayList<>();
    SyncEngine e = SyncEngine.builder().directoryId("d").source(s).target(target).timeSource(time)
        .options(SyncOptions.builder().maxRemovalPercent(10).build())
        .listener(new SyncListener() {
          @Override
          public void onFailure(SyncFailure f) {
            failures.add(f);
          }
        }).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(targetMemberships(target)).isEqualTo(20);

    s.groups.clear(); // an empty read: the groups are still there, their members are not
    s.groups.add(group("g1", List.of()));
    s.groups.add(group("g2", List.of()));
    int writes = target.writes;
    SyncReport r = e.runFull();
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    assertThat(r.changes().memberRemoves()).isZero();
    assertThat(r.wouldRemove()).isEqualTo(20);
    assertThat(r.examples().get("wouldRemove")).containsExactlyInAnyOrder("members of group g1: -10",
        "members of group g2: -10");
    assertThat(target.writes).isEqualTo(writes);
    assertThat(targetMemberships(target)).isEqualTo(20);
    assertThat(failures).extracting(SyncFailure::kind).contains(SyncFailure.Kind.THRESHOLD_EXCEEDED);
  }

  @Test
  void aRunStoppedByTheThresholdRaisesASecurityEventAndOneWithinItDoesNot() {
    ListSource s = source(20);
    s.groups.add(group("g1", ids(0, 10)));
    FakeTarget target = new FakeTarget();
    List<dev.scimsync.server.event.SecurityEvent> alerts = new ArrayList<>();
    SyncEngine e = SyncEngine.builder().directoryId("acme").source(s).target(target).timeSource(time)
        .options(SyncOptions.builder().maxRemovalPercent(10).build())
        .listener(new SecurityEventSyncListener(alerts::add)).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    s.groups.set(0, group("g1", ids(0, 9))); // one member of 10 leaves: within 10%
    assertThat(e.runFull().outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(alerts).isEmpty();

    s.groups.set(0, group("g1", List.of()));
    SyncReport r = e.runFull();
    assertThat(r.outcome()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    assertThat(alerts).singleElement().isInstanceOfSatisfying(
        dev.scimsync.server.event.SecurityEvent.SyncDeletionThresholdExceeded.class, a -> {
          assertThat(a.directoryId()).isEqualTo("acme");
          assertThat(a.tenantId()).isEqualTo("acme");
          assertThat(a.wouldRemove()).isEqualTo(r.wouldRemove()).isPositive();
          assertThat(a.type()).isEqualTo("security.sync_deletion_threshold");
        });
  }

  @Test
  void sixtyPercentOfOneGroupsMembersGoneIsStoppedButAFewAreRemoved() {
    ListSource s = source(30);
    s.groups.add(group("big", ids(0, 20)));
    s.groups.add(group("small", ids(20, 30)));
    FakeTarget target = new FakeTarget();
    SyncEngine e = SyncEngine.builder().directoryId("d").source(s).target(target).timeSource(time)
        .options(SyncOptions.builder().maxRemovalPercent(10).build()).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);

    s.groups.set(0, group("big", ids(0, 8))); // 12 of the 20 members gone: 60% of the group, 40% in total
    SyncReport stopped = e.runFull();
    assertThat(stopped.outcome()).as(stopped.summary()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    assertThat(stopped.changes().memberRemoves()).isZero();
    assertThat(stopped.examples().get("wouldRemove")).containsExactly("members of group big: -12");
    assertThat(targetMemberships(target)).isEqualTo(30);

    s.groups.set(0, group("big", ids(0, 18))); // 2 of 30 memberships: below the threshold
    SyncReport applied = e.runFull();
    assertThat(applied.outcome()).as(applied.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(applied.changes().memberRemoves()).isEqualTo(2);
    assertThat(applied.wouldRemove()).isZero();
    assertThat(targetMemberships(target)).isEqualTo(28);
  }

  @Test
  void aMappingFromJsonRenamesTransformsAndSetsConstantsAndTheHookRunsLast() {
    Mapping m = Mapping.fromJson("""
        {"users": [{"target": "userName", "source": "mail", "transform": "lowercase"},
                   {"target": "name.givenName", "source": "givenName", "transform": "trim"},
                   {"target": "userType", "constant": "Employee"}]}""")
        .withHook((src, mapped) -> mapped.put("displayName", src.attributes().path("cn").asString()));
    ObjectNode a = ScimJson.object();
    a.put("mail", "Ann@Example.COM");
    a.put("givenName", " Ann ");
    a.put("cn", "Ann Example");
    ObjectNode out = m.map(new SourceRecord(ResourceKind.USER, "guid-1", a, null));
    assertThat(ScimJson.write(out)).isEqualTo("{\"userName\":\"ann@example.com\",\"name\":{\"givenName\":\"Ann\"},"
        + "\"userType\":\"Employee\",\"displayName\":\"Ann Example\",\"externalId\":\"guid-1\"}");
    assertThat(m.managed(ResourceKind.USER)).containsExactly("userName", "name.givenName", "userType");
    assertThatThrownBy(() -> Mapping.fromJson("{\"users\": [{\"target\": \"x\", \"transform\": \"reverse\", "
        + "\"source\": \"y\"}]}")).hasMessageContaining("users[0]").hasMessageContaining("unknown transform");
    assertThatThrownBy(() -> Mapping.fromJson("{\"users\": [{\"target\": \"x\"}]}"))
        .hasMessageContaining("either a source or a constant");
  }

  @Test
  void theFileStateStoreKeepsProgressAcrossInstances(@TempDir Path dir) {
    SyncState s = new SyncState("cp", Instant.parse("2026-01-01T00:00:00Z"), 3,
        new SyncState.RunProgress(true, "groups", "index:51", "cp9", Instant.parse("2026-01-02T00:00:00Z")));
    new FileSyncStateStore(dir).save("tenant/a b", s);
    assertThat(new FileSyncStateStore(dir).load("tenant/a b")).contains(s);
    assertThat(new FileSyncStateStore(dir).load("other")).isEmpty();
  }

  @Test
  void theSchedulerNeverRunsADirectoryTwiceAtOnceAndHonoursLeasesOfOtherInstances() throws Exception {
    Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    ListSource slow = new ListSource(10) {
      @Override
      public dev.scimsync.sync.source.SourcePage list(ResourceKind kind, String position) {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        inside.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        concurrent.decrementAndGet();
        return super.list(kind, position);
      }
    };
    SyncEngine engine = SyncEngine.builder().directoryId("acme").source(slow).target(new FakeTarget())
        .timeSource(time).build();
    InMemoryLeaseStore leases = new InMemoryLeaseStore(clock);
    try (SyncScheduler scheduler = SyncScheduler.builder().leaseStore(leases).owner("me").clock(clock)
        .executor(Executors.newFixedThreadPool(4)).build()) {
      scheduler.register(engine, Duration.ofMinutes(5));
      CompletableFuture<SyncReport> first = scheduler.syncNow("acme");
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<SyncReport> second = scheduler.syncNow("acme"); // queued behind the running one
      scheduler.runDue();
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCESS);
      assertThat(second.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCESS);
      assertThat(maxConcurrent.get()).isEqualTo(1);

      // another instance holds the lease: skipped; once its lease lapses, this instance runs
      assertThat(leases.tryAcquire("acme", "other", Duration.ofMinutes(2))).isPresent();
      assertThat(scheduler.syncNow("acme").get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SKIPPED);
      now[0] = now[0].plus(Duration.ofMinutes(3));
      assertThat(scheduler.syncNow("acme").get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.SUCCESS);
    }
  }
}
