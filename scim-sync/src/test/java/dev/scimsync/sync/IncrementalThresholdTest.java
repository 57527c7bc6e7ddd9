package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.MembershipChange;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.Tombstone;
import dev.scimsync.sync.state.InMemorySyncStateStore;
import dev.scimsync.sync.state.SyncState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The removal threshold guards incremental runs too: a change feed that suddenly reports most users
 * deleted, or a group emptied, stops the run before anything is removed, however the feed spreads
 * it over its pages; the next run is a full reconciliation.
 */
class IncrementalThresholdTest {

  private final FakeTime time = new FakeTime();
  private final List<SyncFailure> failures = new ArrayList<>();
  private final InMemorySyncStateStore states = new InMemorySyncStateStore();

  /** A change feed of {@code perPage} deletions and membership changes per page. */
  static final class PagedFeed extends EngineTest.FeedSource {
    int perPage = 1000;
    int failAtPage = -1;

    @Override
    public ChangePage changes(String checkpoint, String position) {
      int page = position == null ? 0 : Integer.parseInt(position);
      if (page == failAtPage) {
        throw new DirectoryException(DirectoryException.Kind.FAILED, "the feed broke on page " + page);
      }
      int from = page * perPage;
      int to = from + perPage;
      boolean last = to >= Math.max(gone.size(), deltas.size());
      return new ChangePage(page == 0 ? changed : List.of(), slice(deltas, from, to), slice(gone, from, to),
          last ? null : Integer.toString(page + 1), last ? "cp2" : null);
    }

    private static <T> List<T> slice(List<T> l, int from, int to) {
      return l.subList(Math.min(from, l.size()), Math.min(to, l.size()));
    }
  }

  private PagedFeed feed(int users) {
    PagedFeed s = new PagedFeed();
    for (int i = 0; i < users; i++) {
      s.users.add(EngineTest.user("s" + i, "u" + i, "t"));
    }
    return s;
  }

  private SyncEngine engine(PagedFeed s, FakeTarget target, SyncOptions options) {
    return SyncEngine.builder().directoryId("d").source(s).target(target).timeSource(time).stateStore(states)
        .options(options).listener(new SyncListener() {
          @Override
          public void onFailure(SyncFailure f) {
            failures.add(f);
          }
        }).build();
  }

  private static long active(FakeTarget target) {
    return target.users.values().stream().filter(u -> u.path("active").asBoolean(true)).count();
  }

  @Test
  void aFeedReportingNinetyPercentOfUsersDeletedIsStoppedAndTheNextRunIsFull() {
    PagedFeed s = feed(20);
    s.perPage = 2; // 2 of 20 per page: each page alone is within 10%
    FakeTarget target = new FakeTarget();
    SyncEngine e = engine(s, target, SyncOptions.builder().maxRemovalPercent(10).build());
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    for (int i = 0; i < 18; i++) {
      s.gone.add(new Tombstone(ResourceKind.USER, "s" + i));
    }
    int writes = target.writes;
    SyncReport r = e.run();
    assertThat(r.kind()).isEqualTo(RunKind.INCREMENTAL);
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    assertThat(r.wouldRemove()).isEqualTo(18);
    assertThat(r.changes().deactivations()).isZero();
    assertThat(r.examples().get("wouldRemove")).contains("user s0 (t0)");
    assertThat(target.writes).isEqualTo(writes);
    assertThat(active(target)).isEqualTo(20);
    assertThat(failures).extracting(SyncFailure::kind).containsExactly(SyncFailure.Kind.THRESHOLD_EXCEEDED);
    assertThat(states.load("d").orElseThrow().checkpoint()).as("the feed is not acknowledged").isEqualTo("cp1");

    SyncReport next = e.run(); // the users are still listed by the source: a full run removes nobody
    assertThat(next.kind()).isEqualTo(RunKind.FULL);
    assertThat(next.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(active(target)).isEqualTo(20);
  }

  @Test
  void aFewDeletionsInAFeedAreApplied() {
    PagedFeed s = feed(20);
    FakeTarget target = new FakeTarget();
    SyncEngine e = engine(s, target, SyncOptions.builder().maxRemovalPercent(10).build());
    e.run();
    s.gone.add(new Tombstone(ResourceKind.USER, "s3"));
    s.gone.add(new Tombstone(ResourceKind.USER, "s4"));
    SyncReport r = e.run();
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(r.changes().deactivations()).isEqualTo(2);
    assertThat(active(target)).isEqualTo(18);
    SyncState st = states.load("d").orElseThrow();
    assertThat(st.checkpoint()).isEqualTo("cp2");
    assertThat(st.syncedResources()).isEqualTo(20);
  }

  @Test
  void aFeedThatEmptiesAGroupIsStoppedAndNoMemberIsRemoved() {
    PagedFeed s = feed(20);
    s.perPage = 1;
    s.groups.add(EngineTest.group("g", EngineTest.ids(0, 20)));
    FakeTarget target = new FakeTarget();
    SyncEngine e = engine(s, target, SyncOptions.builder().maxRemovalPercent(10).build());
    assertThat(e.run().outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(EngineTest.targetMemberships(target)).isEqualTo(20);
    for (String id : EngineTest.ids(0, 20)) { // one removal per page
      s.deltas.add(new MembershipChange("g", List.of(), List.of(SourceMember.user(id))));
    }
    SyncReport r = e.run();
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    assertThat(r.changes().memberRemoves()).isZero();
    assertThat(r.wouldRemove()).isEqualTo(20);
    assertThat(r.examples().get("wouldRemove")).containsExactly("members of group g: -20");
    assertThat(EngineTest.targetMemberships(target)).isEqualTo(20);
    assertThat(failures).extracting(SyncFailure::kind).containsExactly(SyncFailure.Kind.THRESHOLD_EXCEEDED);
  }

  @Test
  void aGroupUpsertedWithoutItsMembersIsStoppedToo() {
    PagedFeed s = feed(20);
    s.groups.add(EngineTest.group("g", EngineTest.ids(0, 20)));
    FakeTarget target = new FakeTarget();
    SyncEngine e = engine(s, target, SyncOptions.builder().maxRemovalPercent(10).build());
    e.run();
    s.changed.add(EngineTest.group("g", List.of()));
    SyncReport r = e.run();
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.THRESHOLD_EXCEEDED);
    assertThat(EngineTest.targetMemberships(target)).isEqualTo(20);
  }

  @Test
  void aMemberRemovedAndAddedBackLaterInTheFeedStays() {
    PagedFeed s = feed(20);
    s.perPage = 1;
    s.groups.add(EngineTest.group("g", EngineTest.ids(0, 20)));
    FakeTarget target = new FakeTarget();
    SyncEngine e = engine(s, target, SyncOptions.builder().maxRemovalPercent(10).build());
    e.run();
    s.deltas.add(new MembershipChange("g", List.of(), List.of(SourceMember.user("s1"), SourceMember.user("s2"))));
    s.deltas.add(new MembershipChange("g", List.of(SourceMember.user("s1")), List.of()));
    SyncReport r = e.run();
    assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(r.changes().memberRemoves()).isEqualTo(1);
    assertThat(EngineTest.targetMemberships(target)).isEqualTo(19);
  }

  @Test
  void whileRemovalsAreHeldTheSavedPositionStaysSoThatAResumedRunReadsThemAgain() {
    PagedFeed s = feed(20);
    s.perPage = 1;
    FakeTarget target = new FakeTarget();
    SyncEngine e = engine(s, target, SyncOptions.builder().maxRemovalPercent(50).build());
    e.run();
    ObjectNode changedUser = EngineTest.user("s19", "u19", "changed").attributes();
    s.changed.add(new dev.scimsync.sync.source.SourceRecord(ResourceKind.USER, "s19", changedUser, null));
    s.gone.add(new Tombstone(ResourceKind.USER, "zz-unknown")); // page 0: nothing to remove
    s.gone.add(new Tombstone(ResourceKind.USER, "s1")); // page 1: held
    s.gone.add(new Tombstone(ResourceKind.USER, "s2"));
    s.gone.add(new Tombstone(ResourceKind.USER, "s3"));
    s.failAtPage = 3;
    assertThat(e.run().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(states.load("d").orElseThrow().run().position()).as("the page of the first held removal")
        .isEqualTo("1");
    assertThat(active(target)).isEqualTo(20);
    s.failAtPage = -1;
    SyncReport resumed = e.run();
    assertThat(resumed.outcome()).as(resumed.summary()).isEqualTo(Outcome.SUCCESS);
    assertThat(resumed.changes().deactivations()).isEqualTo(3);
    assertThat(active(target)).isEqualTo(17);
  }
}
