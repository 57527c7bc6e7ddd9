package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourceRecord;
import dev.scimsync.sync.state.FileSyncStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * A full run whose memory is bounded by a page: it looks up each page's resources in batches,
 * keeps the seen source ids as hashes spilled to files above a tiny budget, and reads the target's
 * whole listing only at the end, to find what left the source.
 */
class PageBoundedSyncTest {

  @TempDir
  Path spill;

  /** Records what the engine asks of the target, and when. */
  static final class Recording extends FakeTarget {
    final ListSource source;
    final List<Integer> findSizes = new ArrayList<>();
    /** The source calls made when each page of the target's listing was taken. */
    final List<Integer> pagesTakenAt = new ArrayList<>();

    Recording(ListSource source) {
      this.source = source;
    }

    @Override
    public Iterator<List<ObjectNode>> listPages(ResourceKind kind, List<String> attributes) {
      Iterator<ObjectNode> all = list(kind, attributes);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return all.hasNext();
        }

        @Override
        public List<ObjectNode> next() {
          pagesTakenAt.add(source.calls);
          List<ObjectNode> page = new ArrayList<>();
          while (all.hasNext() && page.size() < 5) {
            page.add(all.next());
          }
          return page;
        }
      };
    }

    private boolean creating;

    @Override
    public List<ObjectNode> find(ResourceKind kind, String attribute, Collection<String> values) {
      if (!creating) { // the fake's own uniqueness check is not the engine's lookup
        findSizes.add(values.size());
      }
      return super.find(kind, attribute, values);
    }

    @Override
    public ObjectNode create(ResourceKind kind, ObjectNode resource) {
      creating = true;
      try {
        return super.create(kind, resource);
      } finally {
        creating = false;
      }
    }
  }

  static ListSource directory(int users, int groups) {
    ListSource s = new ListSource(7);
    for (int i = 0; i < users; i++) {
      s.users.add(EngineTest.user("s" + i, "u" + i, "t"));
    }
    for (int g = 0; g < groups; g++) {
      ObjectNode a = ScimJson.object();
      a.put("displayName", "group " + g);
      List<SourceMember> ms = new ArrayList<>();
      for (int i = g; i < users; i += g + 2) {
        ms.add(SourceMember.user("s" + i));
      }
      s.groups.add(new SourceRecord(ResourceKind.GROUP, "g" + g, a, ms));
    }
    return s;
  }

  SyncEngine.Builder engine(ListSource source, Recording target) {
    return SyncEngine.builder().directoryId("d").source(source).target(target).timeSource(new FakeTime())
        .options(SyncOptions.builder().maxRemovalPercent(-1).seenInMemory(3).spillDirectory(spill).build());
  }

  @Test
  void theTargetIsListedOnlyAfterTheWholeSourceAndLookupsAreBatchedPerPage() throws IOException {
    ListSource source = directory(120, 6);
    Recording target = new Recording(source);
    SyncReport first = engine(source, target).build().runFull();
    assertThat(first.outcome()).as(first.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(first.changes().creates()).isEqualTo(126);
    // every source page (18 of users, 1 of groups, plus the begin call) was read before the target's listing
    assertThat(target.pagesTakenAt).hasSize(26).containsOnly(source.calls);
    assertThat(target.findSizes).allSatisfy(n -> assertThat(n).isBetween(1, 50));
    // a target without users at the start: no lookups of the listed users, only of group members
    assertThat(target.findSizes).hasSizeLessThan(12);

    // a second full run, into a target that has them: each page's users are looked up in batches
    target.findSizes.clear();
    SyncReport second = engine(source, target).build().runFull();
    assertThat(second.changes().total()).isZero();
    assertThat(target.findSizes).hasSizeGreaterThanOrEqualTo(18);
    assertThat(spilled()).as("the seen set's files are gone after the run").isEmpty();
    assertThat(new SyncEngineCheck(source, target).exact()).isTrue();
  }

  @Test
  void usersThatLeftAreDeactivatedExactlyWhenTheSeenSetSpilled() throws IOException {
    ListSource source = directory(60, 4);
    Recording target = new Recording(source);
    SyncEngine e = engine(source, target).build();
    assertThat(e.runFull().outcome()).isEqualTo(Outcome.SUCCESS);
    List<String> gone = List.of("s3", "s17", "s40", "s59");
    source.users.removeIf(r -> gone.contains(r.id()));
    source.groups.replaceAll(g -> new SourceRecord(ResourceKind.GROUP, g.id(), g.attributes(),
        g.members().stream().filter(m -> !gone.contains(m.id())).toList()));

    SyncReport plan = e.dryRun();
    assertThat(plan.changes().deactivations()).isEqualTo(4);
    SyncReport second = e.runFull();
    assertThat(second.outcome()).as(second.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(second.changes().deactivations()).isEqualTo(4);
    assertThat(second.changes().creates()).isZero();
    assertThat(second.changes().memberRemoves()).isEqualTo(plan.changes().memberRemoves()).isPositive();
    for (ObjectNode u : target.users.values()) {
      boolean left = gone.contains(u.path("externalId").asString());
      assertThat(u.path("active").asBoolean()).as(u.toString()).isEqualTo(!left);
    }
    assertThat(e.runFull().changes().total()).as("nothing left to do").isZero();
    assertThat(spilled()).isEmpty();
  }

  @Test
  void aDryRunOfANewDirectoryPlansTheMembershipsTheRealRunMakes() {
    ListSource source = directory(40, 5);
    Recording target = new Recording(source);
    SyncEngine e = engine(source, target).build();
    SyncReport plan = e.dryRun();
    assertThat(target.writes).isZero();
    SyncReport run = e.runFull();
    assertThat(run.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(plan.changes()).isEqualTo(run.changes());
    assertThat(plan.changes().memberAdds()).isPositive();
  }

  @Test
  void aResumedRunDoesNotTrustAnEarlierSeenSetAndTheNextFullRunRemoves(@TempDir Path state) {
    ListSource source = directory(50, 2);
    Recording target = new Recording(source);
    assertThat(engine(source, target).stateStore(new FileSyncStateStore(state)).build().runFull().outcome())
        .isEqualTo(Outcome.SUCCESS);
    source.users.removeIf(r -> r.id().equals("s0"));
    source.failUserPage = 3;
    SyncEngine crashed = engine(source, target).stateStore(new FileSyncStateStore(state)).build();
    assertThat(crashed.run().outcome()).isEqualTo(Outcome.FAILED);
    source.failUserPage = -1;
    // a new process: the seen set of the failed run is not found again, so the resumed run removes nothing
    SyncEngine restarted = engine(source, target).stateStore(new FileSyncStateStore(state)).build();
    SyncReport resumed = restarted.run();
    assertThat(resumed.outcome()).as(resumed.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(resumed.removalsSkipped()).isTrue();
    assertThat(resumed.changes().deactivations()).isZero();
    assertThat(target.users).hasSize(50);
    SyncReport next = restarted.run();
    assertThat(next.kind()).isEqualTo(RunKind.FULL);
    assertThat(next.changes().deactivations()).isEqualTo(1);
  }

  private Path[] spilled() throws IOException {
    try (Stream<Path> s = Files.list(spill)) {
      return s.toArray(Path[]::new);
    }
  }

  /** The target mirrors the source: one user per source user, each group with exactly its members. */
  record SyncEngineCheck(ListSource source, FakeTarget target) {
    boolean exact() {
      java.util.Map<String, String> idOf = new java.util.HashMap<>();
      target.users.values().forEach(u -> idOf.put(u.path("externalId").asString(), u.path("id").asString()));
      if (idOf.size() != source.users.size()) {
        return false;
      }
      for (SourceRecord g : source.groups) {
        ObjectNode tg = target.groups.values().stream()
            .filter(x -> x.path("externalId").asString().equals(g.id())).findFirst().orElse(null);
        if (tg == null) {
          return false;
        }
        java.util.Set<String> want = new java.util.HashSet<>();
        g.members().forEach(m -> want.add(idOf.get(m.id())));
        java.util.Set<String> have = new java.util.HashSet<>();
        tg.path("members").forEach(m -> have.add(m.path("value").asString()));
        if (!want.equals(have)) {
          return false;
        }
      }
      return true;
    }
  }
}
