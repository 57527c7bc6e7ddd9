package dev.scimsync.sync.internal;

import dev.scimsync.client.TimeSource;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.sync.DeletedUsers;
import dev.scimsync.sync.Outcome;
import dev.scimsync.sync.RunKind;
import dev.scimsync.sync.SyncFailure;
import dev.scimsync.sync.SyncOptions;
import dev.scimsync.sync.SyncProgress;
import dev.scimsync.sync.SyncReport;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.source.ChangePage;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.MemberPage;
import dev.scimsync.sync.source.MembershipChange;
import dev.scimsync.sync.source.MembershipShape;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import dev.scimsync.sync.source.Tombstone;
import dev.scimsync.sync.state.SyncState;
import dev.scimsync.sync.state.SyncState.RunProgress;
import dev.scimsync.sync.state.SyncStateStore;
import dev.scimsync.sync.target.DirectoryTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One run of the engine: the algorithm behind {@link dev.scimsync.sync.SyncEngine}. */
public final class SyncRun {

  private static final Logger LOG = LoggerFactory.getLogger(SyncRun.class);
  private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String PLANNED = "planned:";
  /**
   * Where a mapped user names its manager. The source gives the manager's source id there (an LDAP
   * manager DN resolved to its objectGUID, a SCIM source's id); the target needs its own id, which
   * exists only once the manager is created.
   */
  private static final String MANAGER = ENTERPRISE + ":manager.value";
  /** runsSinceFull value that makes the next run full (after a resumed or stopped full run). */
  private static final int FORCE_FULL = Integer.MAX_VALUE / 2;

  private final String directoryId;
  private final DirectorySource source;
  private final DirectoryTarget target;
  private final Mapping mapping;
  private final SyncStateStore states;
  private final SyncOptions options;
  private final TimeSource time;
  private final Guard sourceGuard;
  private final Guard targetGuard;
  private final Consumer<SyncFailure> failures;
  private final Consumer<SyncProgress> progressListener;
  private final Stats stats;
  private final BooleanSupplier mayContinue;
  private final Set<String> managedUsers;
  private final Set<String> indexedUsers;
  private final Set<String> managedGroups;

  private RunKind kind;
  private boolean dry;
  private boolean sourceSide;
  private boolean removalsSkipped;
  private long wouldRemove;
  private String phase = "users";
  /** Ids of groups this run created: they have no members yet, so reading them is not needed. */
  private final Set<String> createdGroups = new HashSet<>();
  /**
   * Member removals a run found, by target group id, held back until the removal threshold has been
   * checked: an empty or partial read of a group's members, or a change feed that suddenly empties
   * a group, must not empty the target group.
   */
  private final Map<String, MemberRemovals> heldMembers = new LinkedHashMap<>();
  /**
   * Users and groups an incremental run's change feed deleted, by kind and source id, held back
   * like member removals: a feed that suddenly reports most users deleted must not remove them.
   */
  private final Map<String, HeldDelete> heldDeletes = new LinkedHashMap<>();
  /** Members the groups held in the target when a full run read them, the base of the member share. */
  private long membershipsRead;

  /** The source ids a full run has listed, as hashes (null outside full runs). */
  private SeenSet seenUsers;
  private SeenSet seenGroups;
  /** Target ids of the users this full run wrote or found, within a fixed budget (null outside full runs). */
  private IdCache userIds;

  /** Users whose manager was not yet in the target when they were written: set once it is. */
  private final List<PendingManager> pendingManagers = new ArrayList<>();

  /** A user (source id) whose manager (source id) is set after the manager is created. */
  private record PendingManager(String userSourceId, String managerSourceId) {}

  /** The members to remove from one target group once the threshold allows it. */
  private record MemberRemovals(String sourceGroupId, String groupId, Set<String> removes) {}

  /** A resource a change feed deleted, to remove once the threshold allows it. */
  private record HeldDelete(ResourceKind kind, TargetIndex.Entry entry) {}

  public SyncRun(String directoryId, DirectorySource source, DirectoryTarget target, Mapping mapping,
      SyncStateStore states, SyncOptions options, TimeSource time, Guard sourceGuard, Guard targetGuard,
      Consumer<SyncFailure> failures, Consumer<SyncProgress> progress, BooleanSupplier mayContinue) {
    this.mayContinue = mayContinue;
    this.directoryId = directoryId;
    this.source = source;
    this.target = target;
    this.mapping = mapping;
    this.states = states;
    this.options = options;
    this.time = time;
    this.sourceGuard = sourceGuard;
    this.targetGuard = targetGuard;
    this.failures = failures;
    this.progressListener = progress;
    this.stats = new Stats(options.examples());
    this.managedUsers = mapping.managed(ResourceKind.USER);
    this.indexedUsers = new LinkedHashSet<>(managedUsers);
    this.indexedUsers.add("active");
    this.managedGroups = mapping.managed(ResourceKind.GROUP);
  }

  /** A report of a run that did nothing. */
  public static SyncReport empty(String directoryId, RunKind kind, Outcome outcome, Instant at, String message) {
    return new SyncReport(directoryId, kind, outcome, at, Duration.ZERO, 0, 0, 0,
        dev.scimsync.sync.ChangeCounts.NONE, 0, 0, Duration.ZERO, false, Map.of(), List.of(), message);
  }

  /** Runs; {@code requested} null means whatever is due. Never throws for source or target failures. */
  public SyncReport execute(RunKind requested) {
    Instant start = time.now();
    dry = requested == RunKind.DRY_RUN || requested == RunKind.VERIFY;
    if (sourceGuard.open()) {
      String msg = "the source is paused after repeated failures until " + sourceGuard.openUntil();
      failures.accept(new SyncFailure(directoryId, SyncFailure.Kind.CIRCUIT_OPEN, msg));
      return empty(directoryId, requested == null ? RunKind.INCREMENTAL : requested, Outcome.CIRCUIT_OPEN, start, msg);
    }
    SyncState state = states.load(directoryId).orElse(SyncState.initial());
    RunProgress resume = dry ? null : state.run();
    boolean full;
    if (resume != null) {
      full = resume.full();
    } else if (requested != null) {
      full = true;
    } else {
      full = !(source.capabilities().changes() && state.checkpoint() != null && !fullDue(state, start));
    }
    kind = dry ? requested : full ? RunKind.FULL : RunKind.INCREMENTAL;
    Outcome outcome = Outcome.SUCCESS;
    String message = "";
    try {
      if (!full) {
        try {
          if (!incremental(state, resume, start)) {
            outcome = Outcome.THRESHOLD_EXCEEDED;
            message += "stopped before removing " + wouldRemove + " resources and members: above the deletion"
                + " threshold; the next run is a full reconciliation";
          }
        } catch (DirectoryException e) {
          if (e.kind() != DirectoryException.Kind.CHECKPOINT_EXPIRED) {
            throw e;
          }
          LOG.info("sync {}: the checkpoint expired ({}); running a full listing", directoryId, e.getMessage());
          message = "checkpoint expired; ran a full listing. ";
          state = new SyncState(null, state.lastFullAt(), state.runsSinceFull(), null);
          states.save(directoryId, state);
          kind = RunKind.FULL;
          resume = null;
          full = true;
        }
      }
      if (full) {
        if (!fullRun(state, resume, start)) {
          outcome = Outcome.THRESHOLD_EXCEEDED;
          message += "stopped before removing " + wouldRemove + " resources: above the deletion threshold";
        }
      }
      if (removalsSkipped) {
        message += "removals left to the next full run: this listing resumed an interrupted run";
      }
    } catch (Guard.CircuitOpenException e) {
      outcome = Outcome.CIRCUIT_OPEN;
      message += e.getMessage();
      stats.error(e.getMessage());
      failures.accept(new SyncFailure(directoryId, SyncFailure.Kind.CIRCUIT_OPEN, e.getMessage()));
    } catch (RuntimeException e) {
      outcome = Outcome.FAILED;
      message += "failed in phase " + phase + ": " + e.getMessage();
      stats.error(e.getMessage());
      if (sourceGuard.open()) {
        failures.accept(new SyncFailure(directoryId, SyncFailure.Kind.CIRCUIT_OPEN,
            "the source is paused after repeated failures until " + sourceGuard.openUntil()));
      }
      SyncFailure.Kind k = !(e instanceof DirectoryException) ? SyncFailure.Kind.RUN_FAILED
          : sourceSide ? SyncFailure.Kind.SOURCE_UNREACHABLE : SyncFailure.Kind.TARGET_UNREACHABLE;
      if (!(e instanceof DirectoryException)) {
        LOG.error("sync {} failed", directoryId, e);
      }
      failures.accept(new SyncFailure(directoryId, k, message));
    }
    return new SyncReport(directoryId, kind, outcome, start, Duration.between(start, time.now()), stats.pages,
        stats.sourceRequests, stats.targetRequests, stats.changes(), wouldRemove, stats.rateLimitWaits, stats.waited,
        removalsSkipped, stats.examples, stats.errors, message.strip());
  }

  private boolean fullDue(SyncState s, Instant now) {
    return s.lastFullAt() == null || options.fullEveryRuns() <= 0 || s.runsSinceFull() >= options.fullEveryRuns()
        || (options.fullEvery() != null && !s.lastFullAt().plus(options.fullEvery()).isAfter(now));
  }

  // ------------------------------------------------------------------ calls

  private <T> T onSource(String what, Supplier<T> op) {
    sourceSide = true;
    return sourceGuard.call(what, op, stats, true, this::repeatedLimits);
  }

  private <T> T onTarget(String what, Supplier<T> op) {
    sourceSide = false;
    return targetGuard.call(what, op, stats, false, this::repeatedLimits);
  }

  private void repeatedLimits(String message) {
    failures.accept(new SyncFailure(directoryId, SyncFailure.Kind.REPEATED_RATE_LIMITS, message));
  }

  /** Stops the run when it may not go on (its lease was lost): before the next page is read. */
  private void checkMayContinue() {
    if (!mayContinue.getAsBoolean()) {
      throw new IllegalStateException("this instance lost the lease of the directory; stopped before page "
          + (stats.pages + 1) + " so that the instance that took it over runs alone");
    }
  }

  private void save(SyncState state) {
    if (!dry) {
      states.save(directoryId, state);
    }
  }

  /** Keeps an example; a verify run names drift ("missing", "different", "extra") rather than actions. */
  private void example(String action, String text) {
    String key = action;
    if (kind == RunKind.VERIFY) {
      key = switch (action) {
        case "create" -> "missing";
        case "update" -> "different";
        case "deactivate", "delete" -> "extra";
        case "memberAdd" -> "missingMembers";
        case "memberRemove" -> "extraMembers";
        default -> action;
      };
    }
    stats.example(key, text);
  }

  private void progress() {
    progressListener.accept(new SyncProgress(directoryId, kind, phase, stats.pages, stats.records, stats.changes()));
  }

  // ------------------------------------------------------------------ full

  /** A full run; false when the removal threshold stopped it. */
  private boolean fullRun(SyncState state, RunProgress resume, Instant start) {
    RunProgress p = resume;
    if (p == null) {
      String checkpoint = onSource("begin", source::beginFullListing);
      p = new RunProgress(true, "users", null, checkpoint, start);
      save(state.withRun(p));
    } else {
      // The seen sets of the interrupted run are not read back (they were in temporary files of a
      // process that may be gone): the resumed listing leaves resource removals to the next full run.
      removalsSkipped = true;
      LOG.info("sync {}: resuming an interrupted full run at {} {}", directoryId, p.phase(), p.position());
    }
    try (SeenSet su = new SeenSet(options.seenInMemory(), options.spillDirectory());
        SeenSet sg = new SeenSet(options.seenInMemory(), options.spillDirectory())) {
      seenUsers = su;
      seenGroups = sg;
      userIds = new IdCache(options.seenInMemory());
      return fullListing(state, p);
    } finally {
      seenUsers = null;
      seenGroups = null;
      userIds = null;
    }
  }

  /**
   * The listing, page by page: each page's resources are matched against the target with batched
   * lookups, each group's members resolved the same way, and only 64-bit hashes of the source ids
   * are kept (spilled to a file above a budget); the target is then streamed once to find what
   * the source no longer has.
   */
  private boolean fullListing(SyncState state, RunProgress start) {
    RunProgress p = start;
    if (p.phase().equals("users")) {
      phase = "users";
      // A first sync into a target without users needs no lookups of the users it lists: one
      // request here saves two per 50 users.
      boolean noUsers = !onTarget("list users", () -> target.listPages(ResourceKind.USER, List.of("externalId"))
          .hasNext());
      String pos = p.position();
      do {
        checkMayContinue();
        SourcePage page = listPage(ResourceKind.USER, pos);
        stats.pages++;
        List<ObjectNode> desired = new ArrayList<>(page.records().size());
        for (SourceRecord r : page.records()) {
          desired.add(mapping.map(r));
        }
        TargetIndex users = noUsers
            ? TargetIndex.ofEmptyTarget(ResourceKind.USER, target, indexedUsers, mapping.matchUsersBy())
            : userLookups(page.records(), desired);
        for (int i = 0; i < page.records().size(); i++) {
          SourceRecord r = page.records().get(i);
          stats.records++;
          TargetIndex.Entry e = upsert(r, desired.get(i), users);
          seenUsers.add(r.id());
          if (!e.id().startsWith(PLANNED)) {
            userIds.put(r.id(), e.id());
          }
        }
        pos = page.next();
        if (page.checkpoint() != null) {
          p = p.withPendingCheckpoint(page.checkpoint());
        }
        p = pos == null ? p.at("groups", null) : p.at("users", pos);
        save(state.withRun(p));
        progress();
      } while (pos != null);
      setPendingManagers(TargetIndex.lazy(ResourceKind.USER, target, indexedUsers, mapping.matchUsersBy()));
    }
    phase = "groups";
    String pos = p.position();
    List<Object[]> deferred = new ArrayList<>();
    do {
      checkMayContinue();
      SourcePage page = listPage(ResourceKind.GROUP, pos);
      stats.pages++;
      createdGroups.clear(); // a group created on an earlier page and read again later is read: harmless
      TargetIndex groups = TargetIndex.lazy(ResourceKind.GROUP, target, managedGroups, List.of());
      List<String> ids = new ArrayList<>();
      page.records().forEach(r -> ids.add(r.id()));
      groups.prefetch(ids, s -> onTarget("find groups", s));
      List<Object[]> onPage = new ArrayList<>();
      for (SourceRecord r : page.records()) {
        stats.records++;
        TargetIndex.Entry e = upsert(r, mapping.map(r), groups);
        seenGroups.add(r.id());
        onPage.add(new Object[] {r, e});
      }
      for (Object[] x : onPage) {
        if (!membership((SourceRecord) x[0], (TargetIndex.Entry) x[1], memberLookups(), groups, true)) {
          deferred.add(x);
        }
      }
      pos = page.next();
      if (page.checkpoint() != null) {
        p = p.withPendingCheckpoint(page.checkpoint());
      }
      p = pos == null ? p.at("removals", null) : p.at("groups", pos);
      if (pos != null) {
        save(state.withRun(p)); // the removals marker is saved only once deferred memberships are done
      }
      progress();
    } while (pos != null);
    for (Object[] x : deferred) {
      membership((SourceRecord) x[0], (TargetIndex.Entry) x[1], memberLookups(),
          TargetIndex.lazy(ResourceKind.GROUP, target, Set.of(), List.of()), false);
    }
    save(state.withRun(p));
    // Member removals are checked even when a resumed listing leaves resource removals alone: the
    // groups listed in this run were read whole, and their removals were held back until now.
    phase = "removals";
    checkMayContinue();
    seenUsers.seal();
    seenGroups.seal();
    long[] synced = new long[1];
    boolean withinThreshold = removals(!removalsSkipped, synced);
    progress();
    boolean complete = withinThreshold && !removalsSkipped;
    long members = membershipsRead + stats.memberAdds - stats.memberRemoves;
    save(new SyncState(p.pendingCheckpoint(), complete ? time.now() : state.lastFullAt(),
        complete ? 0 : FORCE_FULL, null, synced[0], Math.max(0, members)));
    return withinThreshold;
  }

  /**
   * The target users a page of source users names, found with batched lookups: by externalId (the
   * users and their managers), then, for those not found, by each unmanaged-match attribute.
   */
  private TargetIndex userLookups(List<SourceRecord> records, List<ObjectNode> desired) {
    TargetIndex idx = TargetIndex.lazy(ResourceKind.USER, target, indexedUsers, mapping.matchUsersBy());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      ids.add(records.get(i).id());
      String manager = text(desired.get(i), MANAGER);
      if (manager != null) {
        ids.add(manager);
      }
    }
    idx.prefetch(ids, s -> onTarget("find users", s));
    for (String attr : mapping.matchUsersBy()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        String v = idx.byExternalId(records.get(i).id()) == null ? text(desired.get(i), attr) : null;
        if (v != null) {
          values.add(v);
        }
      }
      idx.prefetchUnmanaged(attr, values, s -> onTarget("match users", s));
    }
    return idx;
  }

  /** An index for one group's member lookups: ids only, dropped with the group. */
  private TargetIndex memberLookups() {
    return TargetIndex.lazy(ResourceKind.USER, target, Set.of(), List.of());
  }

  /**
   * One page of a full listing; when a saved position has expired (an old cursor or paging
   * cookie), the listing of that kind starts again from its first page, which is harmless.
   */
  private SourcePage listPage(ResourceKind k, String position) {
    String what = k == ResourceKind.USER ? "list users" : "list groups";
    try {
      return onSource(what, () -> source.list(k, position));
    } catch (DirectoryException x) {
      if (x.kind() != DirectoryException.Kind.CHECKPOINT_EXPIRED || position == null) {
        throw x;
      }
      LOG.info("sync {}: the saved page position expired ({}); listing {} again from the start", directoryId,
          x.getMessage(), k == ResourceKind.USER ? "users" : "groups");
      return onSource(what, () -> source.list(k, null));
    }
  }

  /**
   * Removes what left the source, unless the removals pass the threshold: then nothing at all is
   * removed (no user, group or membership) and the report names what would have been. The target
   * is streamed page by page; resources with an externalId the listing did not see are spooled to
   * a temporary file, not kept. Users and groups count against the synced resources, member
   * removals against the members the groups had; the count limit takes both. {@code resources}:
   * false leaves users and groups alone (a resumed listing did not see all of them).
   * {@code synced} receives the synced resources the target holds afterwards.
   */
  private boolean removals(boolean resources, long[] synced) {
    try (Spool gone = new Spool(options.spillDirectory())) {
      List<String> labels = new ArrayList<>();
      long managed = scanTarget(ResourceKind.USER, seenUsers, resources, gone, labels)
          + scanTarget(ResourceKind.GROUP, seenGroups, resources && options.deleteGroups(), gone, labels);
      if (dry) {
        managed += stats.creates; // the planned resources are part of the target the plan makes
      }
      synced[0] = managed;
      if (!withinThreshold(gone.size(), labels, managed, membershipsRead)) {
        return false;
      }
      applyHeldMembers();
      long deletes = stats.deletes;
      gone.forEach(rec -> {
        if (rec[0].equals("USER")) {
          removeUser(rec[1], rec[2]);
        } else {
          removeGroup(rec[1], rec[2]);
        }
      });
      synced[0] = managed - (stats.deletes - deletes);
      return true;
    }
  }

  /**
   * Streams the target's resources of kind {@code k} page by page and counts those with an
   * externalId (the synced ones); when {@code collect}, spools those whose externalId the listing
   * did not see (a user already inactive does not count when users are deactivated).
   */
  private long scanTarget(ResourceKind k, SeenSet seen, boolean collect, Spool gone, List<String> labels) {
    String what = k == ResourceKind.USER ? "list users" : "list groups";
    Iterator<List<ObjectNode>> pages = target.listPages(k, k == ResourceKind.USER
        ? List.of("externalId", "active") : List.of("externalId"));
    long managed = 0;
    while (onTarget(what, pages::hasNext)) {
      for (ObjectNode o : pages.next()) {
        managed += scanned(k, o, seen, collect, gone, labels);
      }
    }
    return managed;
  }

  /** One resource of {@link #scanTarget}: 1 when it is synced (has an externalId), else 0. */
  private long scanned(ResourceKind k, ObjectNode o, SeenSet seen, boolean collect, Spool gone, List<String> labels) {
    String ext = text(o, "externalId");
    if (ext == null) {
      return 0;
    }
    if (!collect || seen.contains(ext)
        || k == ResourceKind.USER && options.deletedUsers() == DeletedUsers.DEACTIVATE && inactive(o)) {
      return 1;
    }
    String id = text(o, "id");
    gone.add(k.name(), id, ext);
    if (labels.size() < options.examples()) {
      labels.add((k == ResourceKind.USER ? "user " : "group ") + ext + " (" + id + ")");
    }
    return 1;
  }

  /**
   * Whether removing {@code n} users and groups and the held member removals stays within the
   * threshold: users and groups count against {@code synced} resources, member removals against
   * {@code members}; the count limit takes both. When not, reports what would have been removed
   * ({@code labels}: examples of the users and groups).
   */
  private boolean withinThreshold(long n, List<String> labels, long synced, long members) {
    long memberRemovals = 0;
    for (MemberRemovals m : heldMembers.values()) {
      memberRemovals += m.removes().size();
    }
    boolean overCount = options.maxRemovals() >= 0 && n + memberRemovals > options.maxRemovals();
    if (n + memberRemovals == 0 || !(overCount || overPercent(n, synced) || overPercent(memberRemovals, members))) {
      return true;
    }
    wouldRemove = n + memberRemovals;
    for (String l : labels) {
      example("wouldRemove", l);
    }
    for (MemberRemovals m : heldMembers.values()) {
      if (!m.removes().isEmpty()) {
        example("wouldRemove", "members of group " + m.sourceGroupId() + ": -" + m.removes().size());
      }
    }
    String msg = "the run would remove " + n + " of " + synced + " synced resources ("
        + percent(n, synced) + ") and " + memberRemovals + " of " + members + " group members ("
        + percent(memberRemovals, members) + "), above the threshold of "
        + (overCount ? options.maxRemovals() + " removals" : options.maxRemovalPercent() + "%")
        + "; nothing was removed";
    failures.accept(new SyncFailure(directoryId, SyncFailure.Kind.THRESHOLD_EXCEEDED, msg));
    return false;
  }

  private void applyHeldMembers() {
    for (MemberRemovals m : heldMembers.values()) {
      applyMembers(m.sourceGroupId(), m.groupId(), List.of(), new ArrayList<>(m.removes()));
    }
    heldMembers.clear();
  }

  private boolean overPercent(long removed, long of) {
    return options.maxRemovalPercent() >= 0 && of > 0 && removed * 100.0 / of > options.maxRemovalPercent();
  }

  private static String percent(long part, long of) {
    return of == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", part * 100.0 / of);
  }

  private static boolean inactive(TargetIndex.Entry e) {
    return inactive(e.projection());
  }

  private static boolean inactive(JsonNode resource) {
    JsonNode a = resource.get("active");
    return a != null && a.isBoolean() && !a.booleanValue();
  }

  /** Deactivates or deletes the user {@code id}; the caller has checked that it is not inactive already. */
  private void removeUser(String id, String externalId) {
    if (options.deletedUsers() == DeletedUsers.DEACTIVATE) {
      stats.deactivations++;
      example("deactivate", "user " + externalId);
      if (!dry) {
        onTarget("deactivate user", () -> {
          target.patch(ResourceKind.USER, id, PatchRequest.of(PatchOperation.replace("active",
              ScimJson.mapper().getNodeFactory().booleanNode(false))));
          return null;
        });
      }
    } else {
      stats.deletes++;
      example("delete", "user " + externalId);
      if (!dry) {
        delete(ResourceKind.USER, id);
      }
    }
  }

  private void removeGroup(String id, String externalId) {
    stats.deletes++;
    example("delete", "group " + externalId);
    if (!dry) {
      delete(ResourceKind.GROUP, id);
    }
  }

  private void delete(ResourceKind k, String id) {
    try {
      onTarget("delete", () -> {
        target.delete(k, id);
        return null;
      });
    } catch (DirectoryException x) {
      if (x.kind() != DirectoryException.Kind.NOT_FOUND) {
        throw x; // a delete whose response was lost answers 404 when repeated: done
      }
    }
  }

  // ------------------------------------------------------------------ incremental

  /**
   * An incremental run from the change feed. Deletions and member removals are held back until the
   * whole feed is read and then checked against the threshold, measured on the target's size after
   * the last run; above it nothing is removed, the checkpoint stays and the next run is a full
   * reconciliation. While removals are held the saved position stays at the page that brought the
   * first of them, so that a resumed run reads them again. False when the threshold stopped it.
   */
  private boolean incremental(SyncState state, RunProgress resume, Instant start) {
    RunProgress p = resume != null ? resume : new RunProgress(false, "changes", null, null, start);
    save(state.withRun(p));
    phase = "changes";
    TargetIndex users = TargetIndex.lazy(ResourceKind.USER, target, indexedUsers, mapping.matchUsersBy());
    TargetIndex groups = TargetIndex.lazy(ResourceKind.GROUP, target, managedGroups, List.of());
    String pos = p.position();
    do {
      checkMayContinue();
      String at = pos;
      ChangePage page = onSource("changes", () -> source.changes(state.checkpoint(), at));
      stats.pages++;
      List<String> userIds = new ArrayList<>();
      List<String> groupIds = new ArrayList<>();
      for (SourceRecord r : page.upserts()) {
        (r.kind() == ResourceKind.USER ? userIds : groupIds).add(r.id());
        String manager = r.kind() == ResourceKind.USER ? text(mapping.map(r), MANAGER) : null;
        if (manager != null) {
          userIds.add(manager);
        }
      }
      for (Tombstone t : page.deletions()) {
        (t.kind() == ResourceKind.USER ? userIds : groupIds).add(t.id());
      }
      for (MembershipChange c : page.memberChanges()) {
        groupIds.add(c.groupId());
      }
      users.prefetch(userIds, s -> onTarget("find users", s));
      groups.prefetch(groupIds, s -> onTarget("find groups", s));
      List<Object[]> groupsOnPage = new ArrayList<>();
      for (SourceRecord r : page.upserts()) {
        stats.records++;
        heldDeletes.remove(r.kind() + ":" + r.id()); // back in the source later in the feed
        if (r.kind() == ResourceKind.USER) {
          upsert(r, users);
        } else {
          groupsOnPage.add(new Object[] {r, upsert(r, groups)});
        }
      }
      for (Object[] x : groupsOnPage) {
        membership((SourceRecord) x[0], (TargetIndex.Entry) x[1], users, groups, false);
      }
      for (MembershipChange c : page.memberChanges()) {
        memberDelta(c, users, groups);
      }
      for (Tombstone t : page.deletions()) {
        TargetIndex.Entry e = (t.kind() == ResourceKind.USER ? users : groups).byExternalId(t.id());
        boolean removable = t.kind() == ResourceKind.USER
            ? !(options.deletedUsers() == DeletedUsers.DEACTIVATE && e != null && inactive(e))
            : options.deleteGroups();
        if (e != null && removable) {
          heldDeletes.put(t.kind() + ":" + t.id(), new HeldDelete(t.kind(), e));
        }
      }
      pos = page.next();
      if (page.last()) {
        p = p.withPendingCheckpoint(page.checkpoint() != null ? page.checkpoint() : state.checkpoint());
      }
      p = p.at("changes", pos);
      if (pos == null) {
        setPendingManagers(users); // before the checkpoint moves past these users
      }
      if (heldDeletes.isEmpty() && heldMembers.isEmpty()) {
        save(state.withRun(p));
      }
      progress();
    } while (pos != null);
    phase = "removals";
    checkMayContinue();
    List<TargetIndex.Entry> goneUsers = new ArrayList<>();
    List<TargetIndex.Entry> goneGroups = new ArrayList<>();
    for (HeldDelete d : heldDeletes.values()) {
      (d.kind() == ResourceKind.USER ? goneUsers : goneGroups).add(d.entry());
    }
    List<String> labels = new ArrayList<>();
    goneUsers.forEach(e -> labels.add("user " + e.externalId() + " (" + e.id() + ")"));
    goneGroups.forEach(e -> labels.add("group " + e.externalId() + " (" + e.id() + ")"));
    if (!withinThreshold(goneUsers.size() + goneGroups.size(), labels, state.syncedResources(),
        state.syncedMembers())) {
      save(new SyncState(state.checkpoint(), state.lastFullAt(), FORCE_FULL, null, state.syncedResources(),
          state.syncedMembers()));
      return false;
    }
    applyHeldMembers();
    for (TargetIndex.Entry e : goneUsers) {
      if (!(options.deletedUsers() == DeletedUsers.DEACTIVATE && inactive(e))) {
        removeUser(e.id(), e.externalId());
      }
    }
    for (TargetIndex.Entry e : goneGroups) {
      removeGroup(e.id(), e.externalId());
    }
    progress();
    save(new SyncState(p.pendingCheckpoint(), state.lastFullAt(), state.runsSinceFull() + 1, null,
        Math.max(0, state.syncedResources() + stats.creates - stats.deletes),
        Math.max(0, state.syncedMembers() + stats.memberAdds - stats.memberRemoves)));
    return true;
  }

  // ------------------------------------------------------------------ one record

  private TargetIndex.Entry upsert(SourceRecord r, TargetIndex idx) {
    return upsert(r, mapping.map(r), idx);
  }

  /** Creates or updates the target resource of {@code r}, whose mapped form is {@code desired}. */
  private TargetIndex.Entry upsert(SourceRecord r, ObjectNode desired, TargetIndex idx) {
    ResourceKind k = r.kind();
    Set<String> managed = k == ResourceKind.USER ? managedUsers : managedGroups;
    TargetIndex.Entry e = idx.byExternalId(r.id());
    boolean adopt = false;
    if (e == null && k == ResourceKind.USER) {
      e = matchUnmanaged(desired, idx);
      adopt = e != null;
    }
    if (k == ResourceKind.USER) {
      managerToTargetId(r, desired, e, idx);
    }
    if (e == null) {
      stats.creates++;
      example("create", label(k, desired));
      if (dry) {
        return idx.put(PLANNED + r.id(), desired);
      }
      ObjectNode body = withSchemas(desired, k);
      try {
        ObjectNode stored = onTarget("create", () -> target.create(k, body));
        if (k == ResourceKind.GROUP) {
          createdGroups.add(text(stored, "id"));
        }
        return idx.put(text(stored, "id"), desired);
      } catch (DirectoryException x) {
        if (x.kind() != DirectoryException.Kind.CONFLICT) {
          throw x;
        }
        // A create whose response was lost, or a clash with an existing resource: find it and converge.
        List<ObjectNode> found = onTarget("find", () -> target.find(k, "externalId", List.of(r.id())));
        if (!found.isEmpty()) {
          e = idx.add(found.get(0));
        } else if (k == ResourceKind.USER && (e = matchUnmanaged(desired, idx)) != null) {
          stats.creates--; // not a create after all: an existing user is adopted
          adopt = true;
        } else {
          stats.error("cannot create " + label(k, desired) + ": " + x.getMessage());
          throw x;
        }
      }
    }
    ObjectNode current = e.projection();
    List<PatchOperation> ops = new ArrayList<>(Diff.operations(desired, current, managed));
    if (adopt) {
      ops.add(PatchOperation.replace("externalId", ScimJson.mapper().getNodeFactory().stringNode(r.id())));
    }
    if (!ops.isEmpty()) {
      stats.updates++;
      example("update", label(k, desired) + ": " + paths(ops));
      if (!dry && !e.id().startsWith(PLANNED)) {
        String id = e.id();
        onTarget("update", () -> {
          target.patch(k, id, new PatchRequest(ops));
          return null;
        });
      }
      ObjectNode merged = desired.deepCopy();
      JsonNode active = current.get("active");
      if (active != null && !merged.has("active")) {
        merged.set("active", active);
      }
      e = idx.put(e.id(), merged);
    }
    return e;
  }

  /**
   * Replaces the manager's source id in {@code desired} by the manager's target id. A manager not
   * yet in the target (later in the listing, on a later page) is set by {@link #setPendingManagers}
   * after the users are written; until then the user keeps the manager the target has, because a
   * target checks that a manager is one of its users.
   */
  private void managerToTargetId(SourceRecord r, ObjectNode desired, TargetIndex.Entry existing, TargetIndex users) {
    String ref = text(desired, MANAGER);
    if (ref == null) {
      return;
    }
    users.prefetch(List.of(ref), s -> onTarget("find manager", s));
    TargetIndex.Entry manager = users.byExternalId(ref);
    if (manager != null) {
      Paths.set(desired, MANAGER, ScimJson.mapper().getNodeFactory().stringNode(manager.id()));
      return;
    }
    pendingManagers.add(new PendingManager(r.id(), ref));
    JsonNode have = existing == null ? null : Paths.get(existing.projection(), MANAGER);
    if (have != null) {
      Paths.set(desired, MANAGER, have.deepCopy());
    } else if (dev.scimsync.filter.internal.JsonNodes.get(desired, ENTERPRISE) instanceof ObjectNode ext) {
      dev.scimsync.filter.internal.JsonNodes.remove(ext, "manager");
      if (ext.isEmpty()) {
        dev.scimsync.filter.internal.JsonNodes.remove(desired, ENTERPRISE);
      }
    }
  }

  /** Sets the managers that were not in the target when their users were written. */
  private void setPendingManagers(TargetIndex users) {
    if (pendingManagers.isEmpty()) {
      return;
    }
    List<String> refs = new ArrayList<>();
    for (PendingManager pm : pendingManagers) {
      refs.add(pm.userSourceId());
      refs.add(pm.managerSourceId());
    }
    users.prefetch(refs, s -> onTarget("find managers", s));
    for (PendingManager pm : pendingManagers) {
      TargetIndex.Entry found = users.byExternalId(pm.userSourceId());
      TargetIndex.Entry manager = users.byExternalId(pm.managerSourceId());
      // a dry run's planned user: the real run would create it, then set the manager
      TargetIndex.Entry user = found == null && planned(seenUsers, pm.userSourceId())
          ? new TargetIndex.Entry(PLANNED + pm.userSourceId(), pm.userSourceId(), ScimJson.object()) : found;
      if (manager == null && planned(seenUsers, pm.managerSourceId())) {
        manager = new TargetIndex.Entry(PLANNED + pm.managerSourceId(), pm.managerSourceId(), ScimJson.object());
      }
      if (user == null) {
        continue;
      }
      if (manager == null) {
        stats.error("user " + pm.userSourceId() + ": manager " + pm.managerSourceId()
            + " is not in the target; manager left as it was");
        continue;
      }
      ObjectNode current = user.projectionJson();
      JsonNode have = Paths.get(current, MANAGER);
      if (have != null && have.isString() && have.stringValue().equals(manager.id())) {
        continue;
      }
      stats.updates++;
      example("update", "user " + pm.userSourceId() + ": " + MANAGER);
      if (!dry && !user.id().startsWith(PLANNED) && !manager.id().startsWith(PLANNED)) {
        PatchRequest req = PatchRequest.of(PatchOperation.replace(MANAGER,
            ScimJson.mapper().getNodeFactory().stringNode(manager.id())));
        onTarget("set manager", () -> {
          target.patch(ResourceKind.USER, user.id(), req);
          return null;
        });
      }
      Paths.set(current, MANAGER, ScimJson.mapper().getNodeFactory().stringNode(manager.id()));
      current.put("externalId", user.externalId());
      users.put(user.id(), current);
    }
    pendingManagers.clear();
  }

  private TargetIndex.Entry matchUnmanaged(ObjectNode desired, TargetIndex idx) {
    for (String attr : mapping.matchUsersBy()) {
      String v = text(desired, attr);
      if (v != null) {
        TargetIndex.Entry e = idx.unmanagedBy(attr, v, s -> onTarget("match", s));
        if (e != null) {
          return e;
        }
      }
    }
    return null;
  }

  /**
   * Brings the target group's members to the source's: adds and removes, never a rewrite. False
   * when a member is a group not yet in the target and {@code mayDefer} (the caller retries later).
   * The removals wait in {@link #heldMembers} for the threshold check.
   */
  private boolean membership(SourceRecord r, TargetIndex.Entry group, TargetIndex users, TargetIndex groups,
      boolean mayDefer) {
    List<SourceMember> members;
    if (source.capabilities().membership() == MembershipShape.PER_GROUP) {
      members = new ArrayList<>();
      String pos = null;
      do {
        String at = pos;
        MemberPage mp = onSource("members", () -> source.members(r.id(), at));
        members.addAll(mp.members());
        pos = mp.next();
      } while (pos != null);
    } else if (r.members() == null) {
      return true; // the source did not say; leave the target's members alone
    } else {
      members = r.members();
    }
    List<String> userRefs = new ArrayList<>();
    List<String> groupRefs = new ArrayList<>();
    for (SourceMember m : members) {
      if (m.kind() == ResourceKind.GROUP) {
        groupRefs.add(m.id());
      } else if (userIds == null || userIds.get(m.id()) == null) {
        userRefs.add(m.id());
      }
    }
    users.prefetch(userRefs, s -> onTarget("find members", s));
    groups.prefetch(groupRefs, s -> onTarget("find members", s));
    Set<String> desired = new LinkedHashSet<>();
    for (SourceMember m : members) {
      String known = m.kind() == ResourceKind.GROUP || userIds == null ? null : userIds.get(m.id());
      if (known != null) { // a user this run wrote or found
        desired.add(known);
        continue;
      }
      TargetIndex.Entry e = m.kind() == ResourceKind.GROUP ? null : users.byExternalId(m.id());
      if (e == null && m.kind() != ResourceKind.GROUP && planned(seenUsers, m.id())) {
        desired.add(PLANNED + m.id());
        continue;
      }
      if (e == null && m.kind() != ResourceKind.USER) {
        e = groups.byExternalId(m.id());
        if (e == null && m.kind() == null) {
          groups.prefetch(List.of(m.id()), s -> onTarget("find members", s));
          e = groups.byExternalId(m.id());
        }
        if (e == null && planned(seenGroups, m.id())) {
          desired.add(PLANNED + m.id());
          continue;
        }
        if (e == null && mayDefer) {
          return false;
        }
      }
      if (e == null) {
        stats.error("group " + r.id() + ": member " + m.id() + " is not in the target; skipped");
        continue;
      }
      desired.add(e.id());
    }
    Set<String> current = new LinkedHashSet<>();
    if (!group.id().startsWith(PLANNED) && !createdGroups.contains(group.id())) {
      ObjectNode g = onTarget("get group", () -> target.get(ResourceKind.GROUP, group.id()).orElse(null));
      JsonNode ms = g == null ? null : dev.scimsync.filter.internal.JsonNodes.get(g, "members");
      if (ms != null && ms.isArray()) {
        for (JsonNode m : ms) {
          JsonNode v = m.get("value");
          if (v != null && v.isString()) {
            current.add(v.stringValue());
          }
        }
      }
    }
    List<String> adds = new ArrayList<>();
    for (String id : desired) {
      if (!current.contains(id)) {
        adds.add(id);
      }
    }
    List<String> removes = new ArrayList<>();
    for (String id : current) {
      if (!desired.contains(id)) {
        removes.add(id);
      }
    }
    membershipsRead += current.size();
    // the group's complete membership was read: its removals replace any held before
    heldMembers.remove(group.id());
    if (!removes.isEmpty()) {
      heldMembers.put(group.id(), new MemberRemovals(r.id(), group.id(), new LinkedHashSet<>(removes)));
    }
    applyMembers(r.id(), group.id(), adds, List.of());
    return true;
  }

  /**
   * Whether a dry run planned to create the resource with source id {@code id}: it listed it, and
   * the target does not have it (the caller looked).
   */
  private boolean planned(SeenSet seen, String id) {
    return dry && seen != null && seen.contains(id);
  }

  /** Member adds and removes on the target group {@code groupId}, in chunks; replays are harmless. */
  private void applyMembers(String sourceGroupId, String groupId, List<String> adds, List<String> removes) {
    stats.memberAdds += adds.size();
    stats.memberRemoves += removes.size();
    if (!adds.isEmpty()) {
      example("memberAdd", "group " + sourceGroupId + ": +" + adds.size());
    }
    if (!removes.isEmpty()) {
      example("memberRemove", "group " + sourceGroupId + ": -" + removes.size());
    }
    if (dry || groupId.startsWith(PLANNED)) {
      return;
    }
    int chunk = options.memberChunk();
    for (int i = 0; i < adds.size(); i += chunk) {
      ArrayNode values = ScimJson.array();
      for (String id : adds.subList(i, Math.min(adds.size(), i + chunk))) {
        values.addObject().put("value", id);
      }
      PatchRequest req = PatchRequest.of(PatchOperation.add("members", values));
      onTarget("add members", () -> {
        target.patch(ResourceKind.GROUP, groupId, req);
        return null;
      });
    }
    int removeChunk = Math.min(chunk, 50);
    for (int i = 0; i < removes.size(); i += removeChunk) {
      StringBuilder f = new StringBuilder("members[");
      List<String> part = removes.subList(i, Math.min(removes.size(), i + removeChunk));
      for (int j = 0; j < part.size(); j++) {
        f.append(j == 0 ? "" : " or ").append("value eq \"").append(part.get(j).replace("\\", "\\\\")
            .replace("\"", "\\\"")).append('"');
      }
      PatchRequest req = PatchRequest.of(PatchOperation.remove(f.append(']').toString()));
      try {
        onTarget("remove members", () -> {
          target.patch(ResourceKind.GROUP, groupId, req);
          return null;
        });
      } catch (DirectoryException x) {
        if (x.kind() != DirectoryException.Kind.NOT_FOUND) {
          throw x; // a replayed removal finds nothing to remove (noTarget): done
        }
      }
    }
  }

  /** Applies a change feed's membership delta of one group; its removals are held for the threshold check. */
  private void memberDelta(MembershipChange c, TargetIndex users, TargetIndex groups) {
    TargetIndex.Entry g = groups.byExternalId(c.groupId());
    if (g == null) {
      stats.error("membership change for group " + c.groupId() + ", which is not in the target; skipped");
      return;
    }
    List<String> refs = new ArrayList<>();
    c.added().forEach(m -> refs.add(m.id()));
    c.removed().forEach(m -> refs.add(m.id()));
    users.prefetch(refs, s -> onTarget("find members", s));
    groups.prefetch(refs, s -> onTarget("find members", s));
    List<String> adds = resolve(c.added(), users, groups, c.groupId());
    List<String> removes = resolve(c.removed(), users, groups, c.groupId());
    MemberRemovals held = heldMembers.get(g.id());
    if (held != null) {
      held.removes().removeAll(adds); // removed earlier in the feed, added back since
    }
    applyMembers(c.groupId(), g.id(), adds, List.of());
    if (!removes.isEmpty()) {
      heldMembers.computeIfAbsent(g.id(), k -> new MemberRemovals(c.groupId(), k, new LinkedHashSet<>()))
          .removes().addAll(removes);
    }
  }

  private List<String> resolve(List<SourceMember> members, TargetIndex users, TargetIndex groups, String groupId) {
    List<String> out = new ArrayList<>();
    for (SourceMember m : members) {
      TargetIndex.Entry e = m.kind() == ResourceKind.GROUP ? null : users.byExternalId(m.id());
      if (e == null && m.kind() != ResourceKind.USER) {
        e = groups.byExternalId(m.id());
      }
      if (e == null) {
        stats.error("group " + groupId + ": member " + m.id() + " is not in the target; skipped");
      } else {
        out.add(e.id());
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ helpers

  private static ObjectNode withSchemas(ObjectNode desired, ResourceKind k) {
    ObjectNode body = desired.deepCopy();
    ArrayNode schemas = ScimJson.array();
    schemas.add(k == ResourceKind.USER ? USER_SCHEMA : GROUP_SCHEMA);
    if (k == ResourceKind.USER && dev.scimsync.filter.internal.JsonNodes.get(desired, ENTERPRISE) != null) {
      schemas.add(ENTERPRISE);
    }
    body.set("schemas", schemas);
    return body;
  }

  private static String label(ResourceKind k, ObjectNode r) {
    String name = text(r, k == ResourceKind.USER ? "userName" : "displayName");
    return (k == ResourceKind.USER ? "user " : "group ") + (name != null ? name : text(r, "externalId"));
  }

  private static String paths(List<PatchOperation> ops) {
    List<String> out = new ArrayList<>();
    for (PatchOperation o : ops) {
      out.add(o.path());
    }
    return String.join(", ", out);
  }

  private static String text(JsonNode o, String name) {
    return TargetIndex.text(o, name);
  }
}
