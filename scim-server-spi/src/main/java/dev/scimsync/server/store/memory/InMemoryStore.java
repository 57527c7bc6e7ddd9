package dev.scimsync.server.store.memory;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ETags;
import dev.scimsync.core.resource.Meta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.SortKey;
import dev.scimsync.core.resource.Sorting;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.eval.CompiledFilter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory implementation shared by {@link InMemoryUserStore}, {@link InMemoryGroupStore} and
 * {@link InMemoryResourceStore}; the subclasses only choose indexes, unique attributes and the
 * delegated attribute. This class holds the write rules (versions, uniqueness, quotas, no-op
 * writes) and the search; {@link Tenant} holds one tenant's data and its lock, {@link Documents}
 * prepares incoming resources, {@link QueryPlanner} picks index candidates, {@link SnapshotCodec}
 * writes and reads snapshots, and {@link Passwords} hashes passwords. See the package
 * documentation for locking, indexes, ordering and cursors.
 */
public abstract sealed class InMemoryStore implements ResourceStore
    permits InMemoryUserStore, InMemoryGroupStore, InMemoryResourceStore {

  private final ResourceSchema schema;
  private final String resourceType;
  private final Clock clock;
  private final FilterEvaluator evaluator;
  private final List<IndexSpec> indexes;
  private final @Nullable String delegated;
  private final StoreLimits limits;
  private final Documents documents;
  private final QueryPlanner planner;
  private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final List<WriteListener> writeListeners = new CopyOnWriteArrayList<>();

  /** Told after each write, outside the tenant's lock, which resources of which tenant changed. */
  @FunctionalInterface
  interface WriteListener {
    void written(String tenant, Collection<String> ids);
  }

  InMemoryStore(ResourceSchema schema, Clock clock, List<IndexSpec> indexes, @Nullable String delegated, StoreLimits limits) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.resourceType = schema.resourceType().name();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.evaluator = FilterEvaluator.builder().schema(schema).tolerant(true).build();
    this.indexes = List.copyOf(indexes);
    this.delegated = delegated;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.documents = new Documents(this.indexes, delegated, limits);
    this.planner = new QueryPlanner(schema, this.indexes, delegated);
  }

  // ---- ResourceStore ----------------------------------------------------------------------

  @Override
  public String resourceType() {
    return resourceType;
  }

  @Override
  public @Nullable String deltaAttribute() {
    return delegated;
  }

  @Override
  public boolean supportsFilter(Filter filter) {
    return true;
  }

  @Override
  public boolean supportsCursors() {
    return true;
  }

  /** The unique attributes: those of the unique indexes ({@code userName}, {@code externalId}, ...). */
  @Override
  public Set<String> uniqueAttributes() {
    Set<String> out = new LinkedHashSet<>();
    indexes.stream().filter(IndexSpec::unique).forEach(i -> out.add(i.display()));
    return out;
  }

  /** The schema this store evaluates filters and sorts with. */
  public ResourceSchema schema() {
    return schema;
  }

  /** The per-tenant quotas. */
  public StoreLimits limits() {
    return limits;
  }

  /**
   * Stores the resource; a {@code password} is kept only as a salted hash (PBKDF2) and never
   * returned.
   *
   * @throws ScimException 409 uniqueness; 413 when the tenant's quota is reached; 400 invalidValue
   *     when a multi-valued attribute has more values than {@link StoreLimits#maxValues()}
   */
  @Override
  public ScimResource create(StoreContext ctx, ScimResource resource) {
    Objects.requireNonNull(resource, "resource");
    Documents.Incoming in = documents.prepare(resource.json(), true);
    Tenant t = tenants.computeIfAbsent(ctx.tenantId(), k -> newTenant());
    ScimResource out = t.write(() -> {
      checkUnique(t, in.keys(), null);
      checkQuota(t, 1, in.docBytes() + in.memberBytes());
      String id = UUID.randomUUID().toString();
      while (t.byId.containsKey(id)) {
        id = UUID.randomUUID().toString();
      }
      Instant now = now();
      Entry e = new Entry(id, t.nextSeq++, now);
      e.members = in.members();
      e.memberBytes = in.memberBytes();
      t.bytes += in.memberBytes();
      e.passwordHash = in.passwordHash();
      setDoc(t, e, in.doc(), in.keys(), in.docBytes());
      touch(t, e, now);
      t.add(e);
      saveForRollback(t, e, true);
      return render(e, Set.of());
    });
    fireWrite(ctx.tenantId(), List.of(out.id()));
    return out;
  }

  @Override
  public Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null || id == null) {
      return Optional.empty();
    }
    return t.read(() -> {
      Entry e = t.byId.get(id);
      return e == null ? Optional.<ScimResource>empty() : Optional.of(render(e, omit == null ? Set.of() : omit));
    });
  }

  /**
   * As {@link ResourceStore#replace}; a {@code password} left out keeps the stored hash, and a
   * replacement equal to the stored resource keeps its version.
   */
  @Override
  public ScimResource replace(StoreContext ctx, String id, ScimResource resource, @Nullable String expectedVersion) {
    Objects.requireNonNull(resource, "resource");
    Documents.Incoming in = documents.prepare(resource.json(), true);
    Tenant t = tenantOr404(ctx, id);
    ScimResource out = t.write(() -> {
      Entry e = entryOr404(t, id);
      checkVersion(e, expectedVersion);
      boolean membersSame = in.members() == null || in.members().equals(e.members);
      if (membersSame && in.passwordHash() == null && sameContent(e, in.doc())) {
        return render(e, Set.of()); // nothing changes: the version stays
      }
      checkUnique(t, in.keys(), id);
      long memberBytes = in.members() == null ? e.memberBytes : in.memberBytes();
      checkQuota(t, 0, in.docBytes() + memberBytes - e.bytes());
      saveForRollback(t, e, false);
      LinkedHashMap<String, ObjectNode> newMembers = in.members();
      if (newMembers != null) {
        members(e).keySet().forEach(m -> t.removeMember(m, e.id));
        e.members = newMembers;
        newMembers.keySet().forEach(m -> t.addMember(m, e.id));
        t.bytes += memberBytes - e.memberBytes;
        e.memberBytes = memberBytes;
      }
      if (in.passwordHash() != null) {
        e.passwordHash = in.passwordHash();
      }
      t.unindex(e);
      setDoc(t, e, in.doc(), in.keys(), in.docBytes());
      touch(t, e, now());
      return render(e, Set.of());
    });
    fireWrite(ctx.tenantId(), List.of(id));
    return out;
  }

  /**
   * With {@code delegated == null}, {@code patch.resource()} is the whole resource and replaces
   * the stored one (as {@link #replace}); {@link UpdateResult#applied()} is then empty. With the
   * delegated attribute, the other attributes are replaced and the attribute's {@link
   * ValueDelta} is applied to the stored values in O(size of the delta) (a {@code cleared} delta
   * costs O(values)); the result leaves the delegated values out and reports the real change. A
   * PATCH that changes nothing (re-adding a member) keeps the version.
   *
   * @throws IllegalArgumentException when {@code delegated} is not {@link #deltaAttribute()}
   */
  @Override
  public UpdateResult update(StoreContext ctx, String id, PatchResult patch, @Nullable String delegated,
      @Nullable String expectedVersion) {
    Objects.requireNonNull(patch, "patch");
    if (delegated == null) {
      return new UpdateResult(replace(ctx, id, patch.resource(), expectedVersion), Map.of());
    }
    if (this.delegated == null || !this.delegated.equalsIgnoreCase(delegated)) {
      throw new IllegalArgumentException(resourceType + " store does not delegate '" + delegated + "'");
    }
    Documents.Incoming in = documents.prepare(patch.resource().json(), false);
    ValueDelta delta = patch.changes().delta(this.delegated);
    Tenant t = tenantOr404(ctx, id);
    UpdateResult out = t.write(() -> {
      Entry e = entryOr404(t, id);
      checkVersion(e, expectedVersion);
      boolean docSame = in.passwordHash() == null && sameContent(e, in.doc());
      if (!docSame) {
        checkUnique(t, in.keys(), id);
      }
      long before = t.bytes;
      MemoryTransaction tx = MemoryTransaction.current();
      if (tx != null) {
        tx.save(this, t, e, false);
        Set<String> touched = new LinkedHashSet<>(delta.removed());
        touched.addAll(delta.added().keySet());
        if (delta.cleared()) {
          touched.addAll(members(e).keySet());
        }
        tx.saveMembers(e, touched);
      }
      ValueDelta applied = applyDelta(t, e, delta);
      boolean membersSame = applied.removed().isEmpty() && applied.added().isEmpty();
      if (docSame && membersSame) {
        return new UpdateResult(render(e, Set.of(this.delegated)), Map.of(this.delegated, applied));
      }
      if (in.passwordHash() != null) {
        e.passwordHash = in.passwordHash();
      }
      long growth = t.bytes - before + in.docBytes() - e.docBytes;
      if (growth > 0 && before + growth > limits.maxBytes()) {
        undoDelta(t, e, applied);
        throw bytesQuota();
      }
      t.unindex(e);
      setDoc(t, e, in.doc(), in.keys(), in.docBytes());
      touch(t, e, now());
      return new UpdateResult(render(e, Set.of(this.delegated)), Map.of(this.delegated, applied));
    });
    fireWrite(ctx.tenantId(), List.of(id));
    return out;
  }

  @Override
  public void delete(StoreContext ctx, String id, @Nullable String expectedVersion) {
    Tenant t = tenantOr404(ctx, id);
    t.write(() -> {
      Entry e = entryOr404(t, id);
      checkVersion(e, expectedVersion);
      saveForRollback(t, e, false);
      t.remove(e);
      return null;
    });
    fireWrite(ctx.tenantId(), List.of(id));
  }

  @Override
  public ResourcePage search(StoreContext ctx, ResourceQuery query) {
    Filter filter = query.filter();
    CompiledFilter predicate;
    try {
      predicate = filter == null ? null : evaluator.compile(filter);
    } catch (FilterException e) {
      throw ScimException.from(e);
    }
    boolean sorted = query.sortBy() != null;
    String cursorText = query.cursor();
    Cursor cursor = cursorText != null ? Cursor.decode(cursorText, sorted) : null;
    AttributePath sortBy = query.sortBy();
    Function<JsonNode, SortKey> sortKey = sortBy != null ? Sorting.keys(schema, sortBy) : null;
    Function<Entry, JsonNode> filterView = filter == null ? null : viewFor(ctx, filter);
    Function<Entry, JsonNode> sortView = sortBy != null ? viewFor(ctx, new PresentFilter(sortBy)) : null;
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null) {
      return new ResourcePage(List.of(), 0, null, null);
    }
    return t.read(() -> {
      if (filter == null && !sorted && cursor == null) {
        return firstInOrder(t, query);
      }
      // 1. candidates: from an index when the filter allows, else every resource
      Set<String> ids = filter == null ? null : planner.candidateIds(t, filter);
      Collection<Entry> candidates = ids == null ? t.bySeq.values() : t.inOrder(ids);
      // 2. matches, in the default order
      List<Positioned> matches = new ArrayList<>();
      Function<Entry, @Nullable SortKey> key = e -> sortKey != null && sortView != null ? sortKey.apply(sortView.apply(e)) : null;
      if (predicate == null || filterView == null) {
        for (Entry e : candidates) {
          matches.add(new Positioned(e, key.apply(e)));
        }
      } else {
        // in batches: the filter walks the batch's trees one step at a time, so that their cache
        // misses overlap (CompiledFilter#matches). A batch of entries whose names are all in the
        // tenant's spelling is filtered by exact look-ups: compiled here, under the read lock, so
        // that no write admits a new spelling before the search ends.
        CompiledFilter spelled = filterView == DOC && filter != null ? evaluator.compile(filter, t.spellings) : null;
        CompiledFilter general = Objects.requireNonNull(predicate, "predicate");
        if (ids == null && filterView == DOC) {
          // every resource: from the tenant's table, whose columns hold what the filter reads
          Tenant.Rows rows = t.rows();
          List<@Nullable Entry> entries = rows.entries;
          for (int from = 0, n = entries.size(); from < n; from += CompiledFilter.MAX_BATCH) {
            int k = Math.min(CompiledFilter.MAX_BATCH, n - from);
            boolean allSpelled = spelled != null;
            for (int i = 0; i < k && allSpelled; i++) {
              Entry e = entries.get(from + i);
              allSpelled = e == null || e.spelled;
            }
            long hits = (allSpelled && spelled != null ? spelled : general).matches(rows.table, from, k);
            for (long m = hits; m != 0; m &= m - 1) {
              Entry e = Objects.requireNonNull(entries.get(from + Long.numberOfTrailingZeros(m)), "a row that matches holds an entry");
              matches.add(new Positioned(e, key.apply(e)));
            }
          }
          return finish(matches, query, cursor, sorted);
        }
        Entry[] batch = new Entry[CompiledFilter.MAX_BATCH];
        JsonNode[] views = new JsonNode[CompiledFilter.MAX_BATCH];
        int k = 0;
        boolean allSpelled = spelled != null;
        for (Entry e : candidates) {
          batch[k] = e;
          views[k++] = filterView.apply(e);
          allSpelled &= e.spelled;
          if (k == batch.length) {
            addMatches((allSpelled && spelled != null ? spelled : general).matches(views, 0, k), batch, k, key, matches);
            k = 0;
            allSpelled = spelled != null;
          }
        }
        addMatches((allSpelled && spelled != null ? spelled : general).matches(views, 0, k), batch, k, key, matches);
      }
      return finish(matches, query, cursor, sorted);
    });
  }

  /** The page of the matches (in the default order): sorted first when asked, ties by the default order. */
  private ResourcePage finish(List<Positioned> matches, ResourceQuery query, @Nullable Cursor cursor, boolean sorted) {
    Comparator<Positioned> order = order(sorted, query.sortOrder());
    if (sorted) {
      matches.sort(order); // stable: ties keep the default order
    }
    return page(matches, query, cursor, order, sorted);
  }

  /** Adds the entries of {@code batch[0, k)} whose bit is set in {@code hits}, in order. */
  private static void addMatches(long hits, Entry[] batch, int k, Function<Entry, @Nullable SortKey> key,
      List<Positioned> matches) {
    for (int i = 0; i < k; i++) {
      if ((hits & (1L << i)) != 0) {
        matches.add(new Positioned(batch[i], key.apply(batch[i])));
      }
    }
  }

  /** Every resource in the default order: walks to the page, no O(n) copy. */
  private ResourcePage firstInOrder(Tenant t, ResourceQuery query) {
    int total = t.bySeq.size();
    List<Positioned> page = new ArrayList<>(Math.min(query.count(), Math.max(0, total - query.startIndex() + 1)));
    int skip = query.startIndex() - 1;
    if (skip < total && query.count() > 0) {
      Tenant.Walk w = t.walk;
      java.util.Iterator<Entry> it;
      if (w != null && w.orderChanges() == t.orderChanges && w.nextIndex() == query.startIndex()) {
        it = t.bySeq.tailMap(w.nextSeq(), true).values().iterator(); // continues the last page's walk
        skip = 0;
      } else {
        it = t.bySeq.values().iterator();
      }
      while (it.hasNext()) {
        Entry e = it.next();
        if (skip-- > 0) {
          continue;
        }
        page.add(new Positioned(e, null));
        if (page.size() == query.count()) {
          break;
        }
      }
      if (it.hasNext()) {
        t.walk = new Tenant.Walk(t.orderChanges, query.startIndex() + page.size(), it.next().seq);
      }
    }
    return ResourcePage.of(renderAll(page, query.omit()), total);
  }

  private ResourcePage page(List<Positioned> matches, ResourceQuery query, @Nullable Cursor cursor,
      Comparator<Positioned> order, boolean sorted) {
    int total = matches.size();
    if (cursor == null) {
      int from = Math.min(query.startIndex() - 1, total);
      int to = (int) Math.min((long) from + query.count(), total);
      return ResourcePage.of(renderAll(matches.subList(from, to), query.omit()), total);
    }
    if (query.count() == 0) {
      return new ResourcePage(List.of(), total, null, null);
    }
    int from = cursor.begin() ? 0 : firstAfter(matches, new Positioned(null, cursor.key(), cursor.seq()), order);
    int to = (int) Math.min((long) from + query.count(), total);
    List<Positioned> page = matches.subList(from, to);
    String next = to < total ? page.get(page.size() - 1).cursor(sorted) : null;
    String previous = null;
    if (from > 0) {
      int prevStart = from - query.count();
      previous = prevStart <= 0 ? Cursor.BEGIN.encode() : matches.get(prevStart - 1).cursor(sorted);
    }
    return new ResourcePage(renderAll(page, query.omit()), total, next, previous);
  }

  /** The view of an entry a filter reads when it names neither members nor computed groups. */
  private static final Function<Entry, JsonNode> DOC = e -> e.doc;

  /**
   * What a filter or sort on the entries reads: the document, with the delegated values when it
   * names them, and with the computed {@code groups} when {@link #computedGroups} is set and it
   * names them.
   */
  private Function<Entry, JsonNode> viewFor(StoreContext ctx, Filter f) {
    boolean members = delegated != null && QueryPlanner.mentions(f, delegated);
    GroupStore groups = computedGroups();
    boolean withGroups = groups != null && QueryPlanner.mentions(f, "groups");
    if (!members && !withGroups) {
      return DOC;
    }
    return e -> {
      JsonNode doc = members ? withMembers(e) : e.doc;
      return withGroups && groups != null ? GroupsView.with((ObjectNode) doc, groups.groupsOf(ctx, e.id)) : doc;
    };
  }

  /**
   * The group store whose memberships this store shows as a read-only {@code groups} attribute to
   * filters and sorts, or null; the user store answers {@code groups.value}, {@code
   * groups.display} and {@code groups pr} through it.
   */
  @Nullable GroupStore computedGroups() {
    return null;
  }

  // ---- group membership (used by InMemoryGroupStore) ---------------------------------------

  /** The resources whose delegated attribute holds {@code value}, in the default order. */
  List<ObjectNode> holdersOf(StoreContext ctx, String value) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null || value == null) {
      return List.of();
    }
    return t.read(() -> {
      List<ObjectNode> out = new ArrayList<>();
      for (Entry e : t.inOrder(t.byMember.getOrDefault(value, Set.of()))) {
        out.add(e.doc.deepCopy());
      }
      return out;
    });
  }

  /** Removes {@code value} from the delegated attribute of every resource; a new version for each. */
  List<String> removeEverywhere(StoreContext ctx, String value) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null || value == null) {
      return List.of();
    }
    List<String> out = t.write(() -> {
      Set<String> holders = t.byMember.remove(value);
      if (holders == null) {
        return List.<String>of();
      }
      Instant now = now();
      List<String> changed = new ArrayList<>();
      MemoryTransaction tx = MemoryTransaction.current();
      for (Entry e : t.inOrder(holders)) {
        if (tx != null) {
          tx.save(this, t, e, false);
          tx.saveMembers(e, List.of(value));
        }
        ObjectNode m = Objects.requireNonNull(members(e).remove(value), "byMember indexes only held values");
        long freed = Documents.size(m);
        e.memberBytes -= freed;
        t.bytes -= freed;
        touch(t, e, now);
        changed.add(e.id);
      }
      return changed;
    });
    fireWrite(ctx.tenantId(), out);
    return out;
  }

  /**
   * Whether the names of resource {@code id} are all in its tenant's spelling, so that a search
   * filters it by exact look-ups ({@link Entry#spelled}); false when there is no such resource.
   */
  boolean spelled(StoreContext ctx, String id) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null) {
      return false;
    }
    return t.read(() -> {
      Entry e = t.byId.get(id);
      return e != null && e.spelled;
    });
  }

  /** Whether {@code id} has a password whose hash matches {@code candidate}. */
  boolean passwordMatches(StoreContext ctx, String id, String candidate) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null || id == null) {
      return false;
    }
    String hash = t.read(() -> {
      Entry e = t.byId.get(id);
      return e == null ? null : e.passwordHash;
    });
    return Passwords.matches(hash, candidate);
  }

  // ---- writing ------------------------------------------------------------------------------

  Tenant newTenant() {
    return new Tenant(indexes.size());
  }

  /** Sets {@code doc} (with id added) as the entry's content and indexes it; the caller touches. */
  private static void setDoc(Tenant t, Entry e, ObjectNode doc, List<Map<String, String>> keys, long docBytes) {
    ObjectNode stored = ScimJson.object();
    JsonNode schemas = doc.remove("schemas");
    if (schemas != null) {
      stored.set("schemas", schemas);
    }
    stored.put("id", e.id);
    stored.setAll(doc);
    e.doc = stored;
    t.bytes += docBytes - e.docBytes;
    e.docBytes = docBytes;
    t.index(e, keys);
  }

  /** A new version and lastModified. */
  /** The clock's time at the millisecond precision the store SPI defines. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void touch(Tenant t, Entry e, Instant now) {
    e.version++;
    e.doc.set("meta", new Meta(resourceType, e.created, now, null, ETags.fromCounter(e.version)).toJson());
    spell(t, e);
  }

  /**
   * Records whether the entry's document, just changed, has only its tenant's spellings of names:
   * every write ends here, so that a search may filter the entries that have by exact look-ups.
   */
  static void spell(Tenant t, Entry e) {
    e.spelled = t.spellings.admit(e.doc);
    t.docChanged(e);
  }

  /** Whether {@code doc} (stripped) holds exactly what the entry holds, meta aside. */
  private static boolean sameContent(Entry e, ObjectNode doc) {
    ObjectNode was = e.doc.deepCopy();
    was.remove("meta");
    was.remove("id");
    return was.equals(doc);
  }

  /** Adds a snapshot's entry to {@code t} as it was: version and timestamps kept. */
  void load(Tenant t, Entry e, ObjectNode doc, @Nullable String passwordHash, long version,
      @Nullable Instant lastModified) {
    Documents.strip(doc);
    e.members = documents.takeMembers(doc);
    e.passwordHash = passwordHash;
    e.memberBytes = memberBytes(e);
    t.bytes += e.memberBytes;
    setDoc(t, e, doc, documents.keysOf(doc), Documents.size(doc));
    e.version = version;
    e.doc.set("meta", new Meta(resourceType, e.created, lastModified, null, ETags.fromCounter(version)).toJson());
    spell(t, e);
    t.add(e);
  }

  private static long memberBytes(Entry e) {
    long n = 0;
    if (e.members != null) {
      for (ObjectNode m : e.members.values()) {
        n += Documents.size(m);
      }
    }
    return n;
  }

  /** 413 when {@code more} resources and {@code moreBytes} would exceed the tenant's quota. */
  private void checkQuota(Tenant t, int more, long moreBytes) {
    if (more > 0 && t.byId.size() + more > limits.maxResources()) {
      throw ScimException.payloadTooLarge("this tenant already has " + t.byId.size() + " " + resourceType
          + " resources, the most this store keeps per tenant (maxResources " + limits.maxResources() + ")");
    }
    if (moreBytes > 0 && t.bytes + moreBytes > limits.maxBytes()) {
      throw bytesQuota();
    }
  }

  private ScimException bytesQuota() {
    return ScimException.payloadTooLarge("this write would take the tenant's " + resourceType + " data past "
        + limits.maxBytes() + " bytes, the most this store keeps per tenant (maxBytes)");
  }

  /**
   * Applies {@code d} in its order (cleared, removed, added; an added value equal to a present one
   * merges into it) and returns the net change: values that were not there before and are now,
   * and values that were there and are not any more.
   */
  private ValueDelta applyDelta(Tenant t, Entry e, ValueDelta d) {
    LinkedHashMap<String, ObjectNode> m = members(e);
    Map<String, ObjectNode> gone = new LinkedHashMap<>();
    if (d.cleared()) {
      gone.putAll(m);
      m.clear();
    }
    for (String r : d.removed()) {
      ObjectNode was = m.remove(r);
      if (was != null) {
        gone.put(r, was);
      }
    }
    Map<String, ObjectNode> added = new LinkedHashMap<>();
    long bytes = 0;
    for (Map.Entry<String, ObjectNode> a : d.added().entrySet()) {
      String k = a.getKey();
      ObjectNode cur = m.get(k);
      if (cur == null) {
        ObjectNode copy = a.getValue().deepCopy();
        m.put(k, copy);
        bytes += Documents.size(copy);
        ObjectNode was = gone.remove(k);
        if (was == null) {
          added.put(k, a.getValue());
          t.addMember(k, e.id);
        } else {
          bytes -= Documents.size(was);
        }
      } else {
        bytes -= Documents.size(cur);
        a.getValue().properties().forEach(p -> cur.set(p.getKey(), p.getValue().deepCopy()));
        bytes += Documents.size(cur);
      }
    }
    if (m.size() > limits.maxValues()) {
      added.keySet().forEach(k -> {
        m.remove(k);
        t.removeMember(k, e.id);
      });
      m.putAll(gone);
      throw documents.tooManyValues(delegated);
    }
    for (Map.Entry<String, ObjectNode> g : gone.entrySet()) {
      t.removeMember(g.getKey(), e.id);
      bytes -= Documents.size(g.getValue());
    }
    e.memberBytes += bytes;
    t.bytes += bytes;
    return new ValueDelta(false, new LinkedHashSet<>(gone.keySet()), added);
  }

  /** The delegated values of an entry of a store with a delegated attribute, where they are never null. */
  private static LinkedHashMap<String, ObjectNode> members(Entry e) {
    return Objects.requireNonNull(e.members, "a store with a delegated attribute keeps its entries' members");
  }

  /** Reverts an applied delta (when the write fails after it). */
  private static void undoDelta(Tenant t, Entry e, ValueDelta applied) {
    long bytes = 0;
    for (String k : applied.added().keySet()) {
      ObjectNode m = members(e).remove(k);
      bytes -= m == null ? 0 : Documents.size(m);
      t.removeMember(k, e.id);
    }
    // removed values come back without their other attributes: the write is refused anyway
    for (String r : applied.removed()) {
      ObjectNode m = ScimJson.object().put("value", r);
      members(e).put(r, m);
      bytes += Documents.size(m);
      t.addMember(r, e.id);
    }
    e.memberBytes += bytes;
    t.bytes += bytes;
  }

  private void checkVersion(Entry e, @Nullable String expectedVersion) {
    if (expectedVersion != null && !ETags.matches(expectedVersion, ETags.fromCounter(e.version))) {
      throw ScimException.preconditionFailed(resourceType + " " + e.id + " has version "
          + ETags.fromCounter(e.version) + ", not " + expectedVersion);
    }
  }

  private void checkUnique(Tenant t, List<Map<String, String>> keys, @Nullable String self) {
    for (int i = 0; i < indexes.size(); i++) {
      IndexSpec spec = indexes.get(i);
      if (!spec.unique()) {
        continue;
      }
      for (Map.Entry<String, String> k : keys.get(i).entrySet()) {
        Set<String> holders = t.index.get(i).get(k.getKey());
        if (holders != null && (holders.size() > 1 || !holders.contains(self))) {
          throw ScimException.uniqueness(spec.display() + " \"" + k.getValue() + "\" is already taken");
        }
      }
    }
  }

  private Tenant tenantOr404(StoreContext ctx, String id) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null) {
      throw notFound(id);
    }
    return t;
  }

  private Entry entryOr404(Tenant t, String id) {
    Entry e = id == null ? null : t.byId.get(id);
    if (e == null) {
      throw notFound(id);
    }
    return e;
  }

  private ScimException notFound(String id) {
    return ScimException.notFound(resourceType + " \"" + id + "\" not found");
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The resource as stored, with the delegated values unless {@code omit} names them. */
  private ScimResource render(Entry e, Set<String> omit) {
    if (e.members == null || omitted(omit)) {
      return ScimResource.of(e.doc);
    }
    return ScimResource.of(withMembers(e));
  }

  private boolean omitted(Set<String> omit) {
    for (String o : omit) {
      if (o.equalsIgnoreCase(delegated)) {
        return true;
      }
    }
    return false;
  }

  /** A shallow view of the entry with its delegated values, before meta; not to be mutated. */
  ObjectNode withMembers(Entry e) {
    if (e.members == null) {
      return e.doc;
    }
    ObjectNode out = ScimJson.object();
    ArrayNode arr = ScimJson.array();
    e.members.values().forEach(arr::add);
    e.doc.properties().forEach(p -> {
      if (p.getKey().equals("meta") && !arr.isEmpty()) {
        out.set(delegated, arr);
      }
      out.set(p.getKey(), p.getValue());
    });
    return out;
  }

  private List<ScimResource> renderAll(List<Positioned> page, Set<String> omit) {
    List<ScimResource> out = new ArrayList<>(page.size());
    for (Positioned p : page) {
      out.add(render(Objects.requireNonNull(p.entry, "only a cursor position has no entry"), omit));
    }
    return out;
  }

  /** A match with its sort key; {@code entry} is null for a cursor position. */
  private record Positioned(@Nullable Entry entry, @Nullable SortKey key, long seq) {
    Positioned(Entry entry, @Nullable SortKey key) {
      this(entry, key, entry.seq);
    }

    String cursor(boolean sorted) {
      return new Cursor(false, sorted, key, seq).encode();
    }
  }

  private static Comparator<Positioned> order(boolean sorted, SortOrder sortOrder) {
    Comparator<Positioned> bySeq = Comparator.comparingLong(Positioned::seq);
    if (!sorted) {
      return bySeq;
    }
    Comparator<Positioned> byKey = Comparator.comparing(Positioned::key);
    if (sortOrder == SortOrder.DESCENDING) {
      byKey = byKey.reversed();
    }
    return byKey.thenComparing(bySeq);
  }

  /** The index of the first match after {@code position} in {@code order}. */
  private static int firstAfter(List<Positioned> matches, Positioned position, Comparator<Positioned> order) {
    int lo = 0;
    int hi = matches.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order.compare(matches.get(mid), position) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The planner, for tests of which filters the indexes answer. */
  Set<String> candidateIds(StoreContext ctx, Filter filter) {
    Tenant t = tenants.get(ctx.tenantId());
    return t == null ? Set.of() : t.read(() -> planner.candidateIds(t, filter));
  }

  // ---- listeners and snapshots --------------------------------------------------------------

  void addWriteListener(WriteListener listener) {
    writeListeners.add(listener);
  }

  void removeWriteListener(WriteListener listener) {
    writeListeners.remove(listener);
  }

  /** Tells the listeners about a write; within a {@link MemoryTransaction}, the transaction, which tells them at commit. */
  private void fireWrite(String tenant, Collection<String> ids) {
    MemoryTransaction tx = MemoryTransaction.current();
    if (tx != null) {
      tx.written(this, tenant, ids);
    } else {
      tellListeners(tenant, ids);
    }
  }

  /** Tells the listeners (the journal) that {@code ids} of {@code tenant} changed. */
  void tellListeners(String tenant, Collection<String> ids) {
    for (WriteListener l : writeListeners) {
      l.written(tenant, ids);
    }
  }


  /** Saves {@code e} for a rollback of the transaction open on this thread, if any. */
  private void saveForRollback(Tenant t, Entry e, boolean created) {
    MemoryTransaction tx = MemoryTransaction.current();
    if (tx != null) {
      tx.save(this, t, e, created);
    }
  }

  /**
   * Puts an entry back as a {@link MemoryTransaction} saved it: removed when the transaction
   * created it, else its document, version, password hash, members and index keys as they were.
   */
  void restore(MemoryTransaction.Saved s) {
    Tenant t = s.tenant;
    Entry e = s.entry;
    t.write(() -> {
      if (t.byId.get(e.id) == e) {
        t.remove(e);
      }
      if (s.created) {
        return null;
      }
      e.doc = Objects.requireNonNull(s.doc, "an entry saved before a change has its document");
      spell(t, e);
      e.version = s.version;
      e.passwordHash = s.passwordHash;
      e.docBytes = s.docBytes;
      e.memberBytes = s.memberBytes;
      LinkedHashMap<String, ObjectNode> m = s.members;
      if (m != null) {
        s.memberPriors.forEach((k, v) -> {
          if (v == null) {
            m.remove(k);
          } else {
            m.put(k, v);
          }
        });
      }
      e.members = m;
      t.add(e);
      t.bytes += e.bytes();
      t.reindex(e, s.keys == null ? List.of() : s.keys);
      return null;
    });
  }

  /**
   * One resource as {@link #exportTenants()} writes it, read under its tenant's lock, or null
   * when it does not exist.
   */
  @Nullable ObjectNode exportEntry(String tenant, String id) {
    Tenant t = tenants.get(tenant);
    if (t == null) {
      return null;
    }
    return t.read(() -> {
      Entry e = t.byId.get(id);
      return e == null ? null : SnapshotCodec.entry(this, e);
    });
  }


  /** Every tenant's resources as snapshot JSON ({@link SnapshotCodec}). */
  ObjectNode exportTenants() {
    return SnapshotCodec.export(this, tenants);
  }

  /**
   * Replaces every tenant's data with what {@link #exportTenants()} wrote. Not atomic for
   * concurrent requests: load before serving.
   */
  void importTenants(JsonNode data) {
    Map<String, Tenant> loaded = SnapshotCodec.read(this, data);
    tenants.clear();
    tenants.putAll(loaded);
  }
}
