package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.client.ScimClient;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.sync.scim.ScimClientTarget;
import dev.scimsync.sync.scim.ScimServerTarget;
import dev.scimsync.sync.scim.ScimSource;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.state.FileSyncStateStore;
import dev.scimsync.sync.state.SyncStateStore;
import dev.scimsync.sync.target.DirectoryTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine between two of our SCIM servers: the source over real HTTP on loopback, the target
 * either the application's own stores (in process, through its ScimServer) or a second server over
 * HTTP. Time in the engine is fake, so backoff waits cost nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SyncOverHttpTest {

  Directory source;
  Directory target;
  ScimSource scimSource;
  ScimClient targetClient;
  final FakeTime time = new FakeTime();
  final List<SyncFailure> failures = new ArrayList<>();
  final List<SyncReport> reports = new ArrayList<>();
  List<String> userIds = new ArrayList<>();
  String bigGroup;

  @BeforeEach
  void start() throws Exception {
    source = new Directory();
    target = new Directory();
    for (int i = 0; i < 300; i++) {
      userIds.add(source.createUser("user" + i, "t" + (i % 7)));
    }
    bigGroup = source.createGroup("everyone-ish", userIds.subList(0, 250));
    String small = source.createGroup("small", userIds.subList(10, 20));
    source.createGroup("nested", List.of());
    source.patch("/Groups", source.all("/Groups").stream().filter(g -> g.path("displayName").asString()
        .equals("nested")).findFirst().orElseThrow().path("id").asString(),
        "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + small + "\",\"type\":\"Group\"},"
            + "{\"value\":\"" + userIds.get(299) + "\"}]}]");
    scimSource = ScimSource.builder(source.client()).pageSize(50).overlap(Duration.ofMillis(1)).build();
  }

  @AfterEach
  void stop() {
    scimSource.client().close();
    if (targetClient != null) {
      targetClient.close();
    }
    source.close();
    target.close();
  }

  SyncEngine.Builder engine(DirectoryTarget t, SyncStateStore states) {
    SyncEngine.Builder b = SyncEngine.builder().directoryId("acme").source(scimSource).target(t).timeSource(time)
        .options(SyncOptions.builder().maxAttempts(12).build())
        .listener(new SyncListener() {
          @Override
          public void onFailure(SyncFailure f) {
            failures.add(f);
          }

          @Override
          public void onReport(SyncReport r) {
            reports.add(r);
          }
        });
    return states == null ? b : b.stateStore(states);
  }

  DirectoryTarget ownStores() {
    return new ScimServerTarget(target.server, new dev.scimsync.server.auth.Principal("t", "directory-sync"));
  }

  DirectoryTarget remote() {
    targetClient = target.client().build();
    return new ScimClientTarget(targetClient);
  }

  /** Updates, deactivations, deletions, new users and membership changes in the large group. */
  Set<String> changeSource() {
    for (int i = 0; i < 20; i++) {
      source.patch("/Users", userIds.get(i), "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"changed\"}]");
    }
    for (int i = 20; i < 30; i++) {
      source.patch("/Users", userIds.get(i), "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]");
    }
    Set<String> deleted = new HashSet<>();
    for (int i = 290; i < 295; i++) {
      source.delete("/Users", userIds.get(i));
      deleted.add(userIds.get(i));
    }
    StringBuilder removes = new StringBuilder();
    for (int i = 100; i < 130; i++) {
      removes.append(removes.length() == 0 ? "" : " or ").append("value eq \\\"").append(userIds.get(i)).append("\\\"");
    }
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fresh.add(source.createUser("new" + i, "n"));
    }
    StringBuilder adds = new StringBuilder();
    for (String id : fresh) {
      adds.append(adds.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    source.patch("/Groups", bigGroup, "[{\"op\":\"remove\",\"path\":\"members[" + removes + "]\"},"
        + "{\"op\":\"add\",\"path\":\"members\",\"value\":[" + adds + "]}]");
    return deleted;
  }

  @Test
  void scimSourceIntoTheApplicationsStoresFirstRunThenIncrementalThenFull() {
    // changeSource() takes 30 of the ~260 group members away (11%): above the default 10% threshold,
    // which guards incremental runs too
    SyncEngine e = engine(ownStores(), null).options(SyncOptions.builder().maxAttempts(12).maxRemovalPercent(20)
        .build()).build();
    SyncReport first = e.run();
    assertThat(first.kind()).isEqualTo(RunKind.FULL);
    assertThat(first.outcome()).as(first.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(first.changes().creates()).isEqualTo(303);
    Mirror.assertMirrors(source, target, Set.of());

    Set<String> deleted = changeSource();
    SyncReport second = e.run();
    assertThat(second.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(second.outcome()).as(second.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(second.changes().creates()).isEqualTo(10);
    assertThat(second.changes().memberAdds()).isEqualTo(10);
    assertThat(second.changes().memberRemoves()).isEqualTo(30);
    assertThat(second.sourceRequests()).isLessThan(first.sourceRequests());
    Mirror.assertMirrors(source, target, deleted);

    SyncReport full = e.runFull();
    assertThat(full.outcome()).as(full.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(full.changes().deactivations()).isEqualTo(5);
    Mirror.assertMirrors(source, target, Set.of());
    assertThat(e.verify().changes().total()).isZero();
  }

  @Test
  void scimToScimOverHttpWithRateLimitsAndOutagesOnBothSides() {
    source.share429 = 0.2;
    source.share503 = 0.1;
    target.share429 = 0.2;
    target.share503 = 0.1;
    SyncEngine e = engine(remote(), null).options(SyncOptions.builder().maxAttempts(12).maxRemovalPercent(20)
        .build()).build(); // 11% of the group members go: see above
    SyncReport first = e.run();
    assertThat(first.outcome()).as(first.summary() + first.errors()).isEqualTo(Outcome.SUCCESS);
    assertThat(first.rateLimitWaits()).isPositive();
    assertThat(time.sleeps).contains(Duration.ofSeconds(2)); // the servers' Retry-After
    Set<String> deleted = changeSource();
    SyncReport second = e.run();
    assertThat(second.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(second.outcome()).as(second.summary() + second.errors()).isEqualTo(Outcome.SUCCESS);
    Mirror.assertMirrors(source, target, deleted);
    SyncReport full = e.runFull();
    assertThat(full.outcome()).as(full.summary() + full.errors()).isEqualTo(Outcome.SUCCESS);
    Mirror.assertMirrors(source, target, Set.of());
  }

  @Test
  void aSourceFailingInTheMiddleOfTheListingRemovesNothingAndReportsTheFailure() {
    SyncEngine e = engine(ownStores(), null).options(SyncOptions.builder().maxRemovalPercent(50).build()).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    for (int i = 0; i < 100; i++) {
      source.delete("/Users", userIds.get(i));
    }
    source.userPages = 0;
    source.failUserPagesAfter = 2;
    SyncReport failed = e.runFull();
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failures).extracting(SyncFailure::kind).contains(SyncFailure.Kind.SOURCE_UNREACHABLE);
    assertThat(target.all("/Users")).hasSize(300).allSatisfy(u -> assertThat(u.path("active").asBoolean()).isTrue());

    source.failUserPagesAfter = -1;
    SyncReport resumed = e.run();
    assertThat(resumed.outcome()).as(resumed.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(resumed.removalsSkipped()).isTrue();
    assertThat(resumed.changes().deactivations()).isZero();
    SyncReport next = e.run();
    assertThat(next.kind()).isEqualTo(RunKind.FULL);
    assertThat(next.changes().deactivations()).isEqualTo(100);
    Mirror.assertMirrors(source, target, Set.of());
  }

  @Test
  void aSixtyPercentDeletionIsStoppedByATenPercentThreshold() {
    SyncEngine e = engine(ownStores(), null).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    for (int i = 0; i < 180; i++) {
      source.delete("/Users", userIds.get(i));
    }
    SyncReport r = e.runFull();
    assertThat(r.outcome()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    // 180 users, and their memberships the source dropped with them: 180 in the large group, 10 in "small"
    assertThat(r.wouldRemove()).isEqualTo(180 + 180 + 10);
    assertThat(r.examples().get("wouldRemove")).hasSize(10);
    assertThat(r.changes().deactivations() + r.changes().deletes() + r.changes().memberRemoves()).isZero();
    assertThat(failures).extracting(SyncFailure::kind).contains(SyncFailure.Kind.THRESHOLD_EXCEEDED);
    assertThat(target.all("/Users")).hasSize(300).allSatisfy(u -> assertThat(u.path("active").asBoolean()).isTrue());
  }

  @Test
  void aGroupLosingSixtyPercentOfItsMembersIsStoppedByATenPercentThreshold() {
    SyncEngine e = engine(ownStores(), null).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    StringBuilder removes = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      removes.append(removes.length() == 0 ? "" : " or ").append("value eq \\\"").append(userIds.get(i))
          .append("\\\"");
    }
    source.patch("/Groups", bigGroup, "[{\"op\":\"remove\",\"path\":\"members[" + removes + "]\"}]");
    SyncReport r = e.runFull();
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    assertThat(r.wouldRemove()).isEqualTo(150);
    assertThat(r.examples().get("wouldRemove")).containsExactly("members of group " + bigGroup + ": -150");
    assertThat(r.changes().memberRemoves()).isZero();
    assertThat(failures).extracting(SyncFailure::kind).contains(SyncFailure.Kind.THRESHOLD_EXCEEDED);
    assertThat(target.all("/Groups")).filteredOn(g -> g.path("displayName").asString().equals("everyone-ish"))
        .singleElement().satisfies(g -> assertThat(g.path("members")).hasSize(250));
  }

  @Test
  void aCrashInTheMiddleOfARunResumesWithoutDuplicatesOrLosses(@TempDir Path dir) {
    FileSyncStateStore states = new FileSyncStateStore(dir);
    DirectoryTarget real = ownStores();
    DirectoryTarget crashing = new Forwarding(real) {
      int creates;

      @Override
      public ObjectNode create(ResourceKind kind, ObjectNode resource) {
        if (++creates > 120) {
          throw new IllegalStateException("simulated crash");
        }
        return super.create(kind, resource);
      }
    };
    SyncReport crashed = engine(crashing, states).build().run();
    assertThat(crashed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(states.load("acme").orElseThrow().run()).isNotNull();
    assertThat(target.all("/Users")).hasSize(120);

    SyncReport resumed = engine(real, new FileSyncStateStore(dir)).build().run();
    assertThat(resumed.outcome()).as(resumed.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(resumed.changes().creates()).isEqualTo(183);
    Mirror.assertMirrors(source, target, Set.of());
  }

  @Test
  void writesWhoseResponsesAreLostConverge() {
    DirectoryTarget lossy = new Forwarding(remote()) {
      int writes;

      private void maybeLose() {
        if (++writes % 4 == 0) {
          throw new DirectoryException(DirectoryException.Kind.UNAVAILABLE, "response lost");
        }
      }

      @Override
      public ObjectNode create(ResourceKind kind, ObjectNode resource) {
        ObjectNode r = super.create(kind, resource);
        maybeLose();
        return r;
      }

      @Override
      public void patch(ResourceKind kind, String id, PatchRequest request) {
        super.patch(kind, id, request);
        maybeLose();
      }

      @Override
      public void delete(ResourceKind kind, String id) {
        super.delete(kind, id);
        maybeLose();
      }
    };
    // changeSource() takes 30 of the 262 group members away (11%): above the default 10% threshold
    SyncEngine e = engine(lossy, null).options(SyncOptions.builder().deletedUsers(DeletedUsers.DELETE)
        .maxRemovalPercent(20).build()).build();
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    Mirror.assertMirrors(source, target, Set.of());
    changeSource();
    assertThat(e.runFull().outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(target.all("/Users")).hasSize(source.all("/Users").size());
    Mirror.assertMirrors(source, target, Set.of());
  }

  /** A target passing every call on. */
  static class Forwarding implements DirectoryTarget {
    final DirectoryTarget d;

    Forwarding(DirectoryTarget d) {
      this.d = d;
    }

    @Override
    public Iterator<ObjectNode> list(ResourceKind kind, List<String> attributes) {
      return d.list(kind, attributes);
    }

    @Override
    public Optional<ObjectNode> get(ResourceKind kind, String id) {
      return d.get(kind, id);
    }

    @Override
    public Iterator<List<ObjectNode>> listPages(ResourceKind kind, List<String> attributes) {
      return d.listPages(kind, attributes);
    }

    @Override
    public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values) {
      return d.find(kind, attribute, values);
    }

    @Override
    public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values,
        List<String> attributes) {
      return d.find(kind, attribute, values, attributes);
    }

    @Override
    public ObjectNode create(ResourceKind kind, ObjectNode resource) {
      return d.create(kind, resource);
    }

    @Override
    public void patch(ResourceKind kind, String id, PatchRequest request) {
      d.patch(kind, id, request);
    }

    @Override
    public void delete(ResourceKind kind, String id) {
      d.delete(kind, id);
    }
  }
}
