package dev.scimsync.server.store.memory;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ETags;
import dev.scimsync.core.resource.Meta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.SortOrder;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory implementation shared by {@link InMemoryUserStore}, {@link InMemoryGroupStore} and
 * {@link InMemoryResourceStore}; the subclasses only choose indexes, unique attributes and the
 * delegated attribute. See the package documentation for locking, indexes, the search planner,
 * ordering and cursors.
 */
public abstract sealed class InMemoryStore implements ResourceStore
    permits InMemoryUserStore, InMemoryGroupStore, InMemoryResourceStore {

  private final ResourceSchema schema;
  private final String resourceType;
  private final Clock clock;
  private final FilterEvaluator evaluator;
  private final List<IndexSpec> indexes;
  private final String delegated;
  private final boolean delegatedCaseExact;
  private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final List<WriteListener> writeListeners = new CopyOnWriteArrayList<>();

  /** Told after each write, outside the tenant's lock, which resources of which tenant changed. */
  @FunctionalInterface
  interface WriteListener {
    void written(String tenant, Collection<String> ids);
  }

  /** Test hook: how many times a filter was evaluated against a resource. */
  final LongAdder evaluations = new LongAdder();

  InMemoryStore(ResourceSchema schema, Clock clock, List<IndexSpec> indexes, String delegated) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.resourceType = schema.resourceType().name();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.evaluator = FilterEvaluator.builder().schema(schema).tolerant(true).build();
    this.indexes = List.copyOf(indexes);
    this.delegated = delegated;
    AttributeInfo value = delegated == null ? null : schema.attribute(null, delegated, "value");
    this.delegatedCaseExact = value != null && value.caseExact();
  }

  /** One stored resource. Mutable, guarded by its tenant's lock. */
  static final class Entry {
    final String id;
    final long seq;
    final Instant created;
    /** Every attribute but the delegated one, with id and meta. */
    ObjectNode doc;
    long version;
    /** The delegated attribute's values by {@code value}, or null when nothing is delegated. */
    LinkedHashMap<String, ObjectNode> members;
    /** Per index, the keys this resource has (for unindexing). */
    List<Set<String>> keys;

    Entry(String id, long seq, Instant created) {
      this.id = id;
      this.seq = seq;
      this.created = created;
    }
  }

  /** One tenant's data. */
  static final class Tenant {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final Map<String, Entry> byId = new HashMap<>();
    /** The default order: by sequence number, i.e. creation order. */
    final TreeMap<Long, Entry> bySeq = new TreeMap<>();
    /** Per index: key to the ids of the resources with that key. */
    final List<Map<String, Set<String>>> index = new ArrayList<>();
    /** The delegated attribute's reverse index: member value to ids of resources holding it. */
    final Map<String, Set<String>> byMember = new HashMap<>();
    long nextSeq = 1;

    Tenant(int indexCount) {
      for (int i = 0; i < indexCount; i++) {
        index.add(new HashMap<>());
      }
    }
  }

  // ---- ResourceStore ----------------------------------------------------------------------

  @Override
  public String resourceType() {
    return resourceType;
  }

  @Override
  public String delegatedAttribute() {
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

  /** The schema this store evaluates filters and sorts with. */
  public ResourceSchema schema() {
    return schema;
  }

  @Override
  public ScimResource create(StoreContext ctx, ScimResource resource) {
    Objects.requireNonNull(resource, "resource");
    ObjectNode doc = strip(resource.json());
    LinkedHashMap<String, ObjectNode> members = takeMembers(doc);
    List<Map<String, String>> keys = keysOf(doc);
    Tenant t = tenants.computeIfAbsent(ctx.tenantId(), k -> new Tenant(indexes.size()));
    ScimResource out;
    Lock w = t.lock.writeLock();
    w.lock();
    try {
      checkUnique(t, keys, null);
      String id = UUID.randomUUID().toString();
      while (t.byId.containsKey(id)) {
        id = UUID.randomUUID().toString();
      }
      Instant now = clock.instant();
      Entry e = new Entry(id, t.nextSeq++, now);
      e.members = members;
      write(t, e, doc, keys, now);
      t.byId.put(id, e);
      t.bySeq.put(e.seq, e);
      if (members != null) {
        members.keySet().forEach(m -> addMember(t, m, e.id));
      }
      out = render(e, Set.of());
    } finally {
      w.unlock();
    }
    fireWrite(ctx.tenantId(), List.of(out.id()));
    return out;
  }

  @Override
  public Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null || id == null) {
      return Optional.empty();
    }
    Lock r = t.lock.readLock();
    r.lock();
    try {
      Entry e = t.byId.get(id);
      return e == null ? Optional.empty() : Optional.of(render(e, omit == null ? Set.of() : omit));
    } finally {
      r.unlock();
    }
  }

  @Override
  public ScimResource replace(StoreContext ctx, String id, ScimResource resource, String expectedVersion) {
    Objects.requireNonNull(resource, "resource");
    ObjectNode doc = strip(resource.json());
    LinkedHashMap<String, ObjectNode> members = takeMembers(doc);
    List<Map<String, String>> keys = keysOf(doc);
    Tenant t = tenantOr404(ctx, id);
    ScimResource out;
    Lock w = t.lock.writeLock();
    w.lock();
    try {
      Entry e = entryOr404(t, id);
      checkVersion(e, expectedVersion);
      checkUnique(t, keys, id);
      if (members != null) {
        e.members.keySet().forEach(m -> removeMember(t, m, e.id));
        e.members = members;
        members.keySet().forEach(m -> addMember(t, m, e.id));
      }
      unindex(t, e);
      write(t, e, doc, keys, clock.instant());
      out = render(e, Set.of());
    } finally {
      w.unlock();
    }
    fireWrite(ctx.tenantId(), List.of(out.id()));
    return out;
  }

  /**
   * With {@code delegated == null}, {@code patch.resource()} is the whole resource and replaces
   * the stored one (as {@link #replace}); {@link UpdateResult#applied()} is then empty. With the
   * delegated attribute, the other attributes are replaced and the attribute's {@link
   * ValueDelta} is applied to the stored values in O(size of the delta) (a {@code cleared} delta
   * costs O(values)); the result leaves the delegated values out and reports the real change.
   *
   * @throws IllegalArgumentException when {@code delegated} is not {@link #delegatedAttribute()}
   */
  @Override
  public UpdateResult update(StoreContext ctx, String id, PatchResult patch, String delegated, String expectedVersion) {
    Objects.requireNonNull(patch, "patch");
    if (delegated == null) {
      return new UpdateResult(replace(ctx, id, patch.resource(), expectedVersion), Map.of());
    }
    if (this.delegated == null || !this.delegated.equalsIgnoreCase(delegated)) {
      throw new IllegalArgumentException(resourceType + " store does not delegate '" + delegated + "'");
    }
    ObjectNode doc = strip(patch.resource().json());
    Json.remove(doc, this.delegated);
    List<Map<String, String>> keys = keysOf(doc);
    ValueDelta delta = patch.changes().delta(this.delegated);
    Tenant t = tenantOr404(ctx, id);
    UpdateResult out;
    Lock w = t.lock.writeLock();
    w.lock();
    try {
      Entry e = entryOr404(t, id);
      checkVersion(e, expectedVersion);
      checkUnique(t, keys, id);
      ValueDelta applied = applyDelta(t, e, delta);
      unindex(t, e);
      write(t, e, doc, keys, clock.instant());
      out = new UpdateResult(render(e, Set.of(this.delegated)), Map.of(this.delegated, applied));
    } finally {
      w.unlock();
    }
    fireWrite(ctx.tenantId(), List.of(id));
    return out;
  }

  @Override
  public void delete(StoreContext ctx, String id, String expectedVersion) {
    Tenant t = tenantOr404(ctx, id);
    Lock w = t.lock.writeLock();
    w.lock();
    try {
      Entry e = entryOr404(t, id);
      checkVersion(e, expectedVersion);
      unindex(t, e);
      if (e.members != null) {
        e.members.keySet().forEach(m -> removeMember(t, m, e.id));
      }
      t.byId.remove(id);
      t.bySeq.remove(e.seq);
    } finally {
      w.unlock();
    }
    fireWrite(ctx.tenantId(), List.of(id));
  }

  @Override
  public ResourcePage search(StoreContext ctx, ResourceQuery query) {
    Filter filter = query.filter();
    Predicate<JsonNode> predicate;
    try {
      predicate = filter == null ? null : evaluator.compile(filter);
    } catch (FilterException e) {
      throw ScimException.from(e);
    }
    boolean sorted = query.sortBy() != null;
    Cursor cursor = query.usesCursor() ? Cursor.decode(query.cursor(), sorted) : null;
    SortKey.Extractor extractor = sorted ? new SortKey.Extractor(schema, query.sortBy()) : null;
    boolean filterNeedsMembers = delegated != null && filter != null && mentions(filter, delegated);
    boolean sortNeedsMembers = delegated != null && sorted && query.sortBy().name().equalsIgnoreCase(delegated);
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null) {
      return new ResourcePage(List.of(), 0, null, null);
    }
    Lock r = t.lock.readLock();
    r.lock();
    try {
      if (filter == null && !sorted && cursor == null) {
        // every resource in the default order: walk to the page, no O(n) copy
        int total = t.bySeq.size();
        List<Positioned> page = new ArrayList<>(Math.min(query.count(), Math.max(0, total - query.startIndex() + 1)));
        int skip = query.startIndex() - 1;
        if (skip < total && query.count() > 0) {
          for (Entry e : t.bySeq.values()) {
            if (skip-- > 0) {
              continue;
            }
            page.add(new Positioned(e, null));
            if (page.size() == query.count()) {
              break;
            }
          }
        }
        return ResourcePage.of(renderAll(page, query.omit()), total);
      }
      // 1. candidates: from an index when the filter allows, else every resource
      Collection<Entry> candidates = filter == null ? null : candidates(t, filter);
      if (candidates == null) {
        candidates = t.bySeq.values();
      }
      // 2. matches, in the default order
      List<Positioned> matches = new ArrayList<>();
      for (Entry e : candidates) {
        if (predicate != null) {
          evaluations.increment();
          if (!predicate.test(filterNeedsMembers ? withMembers(e) : e.doc)) {
            continue;
          }
        }
        SortKey key = sorted ? extractor.key(sortNeedsMembers ? withMembers(e) : e.doc) : null;
        matches.add(new Positioned(e, key));
      }
      // 3. order: the sort, ties by the default order (a stable sort keeps it)
      Comparator<Positioned> order = order(sorted, query.sortOrder());
      if (sorted) {
        matches.sort(order);
      }
      // 4. the page
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
    } finally {
      r.unlock();
    }
  }

  // ---- group membership (used by InMemoryGroupStore) ---------------------------------------

  /** The resources whose delegated attribute holds {@code value}, in the default order. */
  List<ObjectNode> holdersOf(StoreContext ctx, String value) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null || value == null) {
      return List.of();
    }
    Lock r = t.lock.readLock();
    r.lock();
    try {
      List<ObjectNode> out = new ArrayList<>();
      for (Entry e : bySeq(t, t.byMember.getOrDefault(value, Set.of()))) {
        out.add(e.doc.deepCopy());
      }
      return out;
    } finally {
      r.unlock();
    }
  }

  /** Removes {@code value} from the delegated attribute of every resource; a new version for each. */
  List<String> removeEverywhere(StoreContext ctx, String value) {
    Tenant t = tenants.get(ctx.tenantId());
    if (t == null || value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Lock w = t.lock.writeLock();
    w.lock();
    try {
      Set<String> holders = t.byMember.remove(value);
      if (holders == null) {
        return List.of();
      }
      Instant now = clock.instant();
      for (Entry e : bySeq(t, holders)) {
        e.members.remove(value);
        touch(e, now);
        out.add(e.id);
      }
    } finally {
      w.unlock();
    }
    fireWrite(ctx.tenantId(), out);
    return out;
  }

  // ---- writing ------------------------------------------------------------------------------

  /** The incoming JSON without id and meta, which the store owns. */
  private static ObjectNode strip(ObjectNode doc) {
    Json.remove(doc, "id");
    Json.remove(doc, "meta");
    return doc;
  }

  /** Takes the delegated attribute's values out of {@code doc}; null when nothing is delegated. */
  private LinkedHashMap<String, ObjectNode> takeMembers(ObjectNode doc) {
    if (delegated == null) {
      return null;
    }
    LinkedHashMap<String, ObjectNode> members = new LinkedHashMap<>();
    JsonNode arr = Json.remove(doc, delegated);
    if (arr == null || arr.isNull()) {
      return members;
    }
    if (!arr.isArray()) {
      throw ScimException.invalidValue("'" + delegated + "' must be an array");
    }
    for (JsonNode m : arr) {
      JsonNode v = Json.get(m, "value");
      if (v == null || !v.isString()) {
        throw ScimException.invalidValue("every value of '" + delegated + "' needs a \"value\"");
      }
      ObjectNode cur = members.get(v.stringValue());
      if (cur == null) {
        members.put(v.stringValue(), (ObjectNode) m);
      } else {
        m.properties().forEach(p -> cur.set(p.getKey(), p.getValue()));
      }
    }
    return members;
  }

  /** Sets {@code doc} (with id and meta) as the entry's content, a new version, and indexes it. */
  private void write(Tenant t, Entry e, ObjectNode doc, List<Map<String, String>> keys, Instant now) {
    ObjectNode stored = ScimJson.object();
    JsonNode schemas = doc.remove("schemas");
    if (schemas != null) {
      stored.set("schemas", schemas);
    }
    stored.put("id", e.id);
    stored.setAll(doc);
    e.doc = stored;
    touch(e, now);
    e.keys = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      Set<String> ks = keys.get(i).keySet();
      e.keys.add(ks);
      for (String k : ks) {
        t.index.get(i).computeIfAbsent(k, x -> new LinkedHashSet<>()).add(e.id);
      }
    }
  }

  /** A new version and lastModified. */
  private void touch(Entry e, Instant now) {
    e.version++;
    e.doc.set("meta", new Meta(resourceType, e.created, now, null, ETags.fromCounter(e.version)).toJson());
  }

  private void unindex(Tenant t, Entry e) {
    for (int i = 0; i < e.keys.size(); i++) {
      Map<String, Set<String>> idx = t.index.get(i);
      for (String k : e.keys.get(i)) {
        Set<String> ids = idx.get(k);
        if (ids != null) {
          ids.remove(e.id);
          if (ids.isEmpty()) {
            idx.remove(k);
          }
        }
      }
    }
  }

  private static void addMember(Tenant t, String member, String holder) {
    t.byMember.computeIfAbsent(member, x -> new LinkedHashSet<>()).add(holder);
  }

  private static void removeMember(Tenant t, String member, String holder) {
    Set<String> s = t.byMember.get(member);
    if (s != null) {
      s.remove(holder);
      if (s.isEmpty()) {
        t.byMember.remove(member);
      }
    }
  }

  /**
   * Applies {@code d} in its order (cleared, removed, added; an added value equal to a present one
   * merges into it) and returns the net change: values that were not there before and are now,
   * and values that were there and are not any more.
   */
  private ValueDelta applyDelta(Tenant t, Entry e, ValueDelta d) {
    LinkedHashMap<String, ObjectNode> m = e.members;
    Set<String> gone = new LinkedHashSet<>();
    if (d.cleared()) {
      gone.addAll(m.keySet());
      m.clear();
    }
    for (String r : d.removed()) {
      if (m.remove(r) != null) {
        gone.add(r);
      }
    }
    Map<String, ObjectNode> added = new LinkedHashMap<>();
    d.added().forEach((k, v) -> {
      ObjectNode cur = m.get(k);
      if (cur == null) {
        m.put(k, v.deepCopy());
        if (!gone.remove(k)) {
          added.put(k, v);
          addMember(t, k, e.id);
        }
      } else {
        v.properties().forEach(p -> cur.set(p.getKey(), p.getValue().deepCopy()));
      }
    });
    gone.forEach(r -> removeMember(t, r, e.id));
    return new ValueDelta(false, gone, added);
  }

  private void checkVersion(Entry e, String expectedVersion) {
    if (expectedVersion != null && !ETags.matches(expectedVersion, ETags.fromCounter(e.version))) {
      throw new ScimException(412, null, resourceType + " " + e.id + " has version "
          + ETags.fromCounter(e.version) + ", not " + expectedVersion);
    }
  }

  /** Per index, the keys of {@code doc} mapped to the value as written. */
  private List<Map<String, String>> keysOf(ObjectNode doc) {
    List<Map<String, String>> out = new ArrayList<>(indexes.size());
    for (IndexSpec spec : indexes) {
      Map<String, String> keys = new LinkedHashMap<>();
      for (String v : Json.strings(doc, spec.name(), spec.sub())) {
        keys.putIfAbsent(spec.key(v), v);
      }
      out.add(keys);
    }
    return out;
  }

  private void checkUnique(Tenant t, List<Map<String, String>> keys, String self) {
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
  private ObjectNode withMembers(Entry e) {
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
      out.add(render(p.entry, omit));
    }
    return out;
  }

  /** A match with its sort key; {@code entry} is null for a cursor position. */
  private record Positioned(Entry entry, SortKey key, long seq) {
    Positioned(Entry entry, SortKey key) {
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

  // ---- the search planner -------------------------------------------------------------------

  /**
   * The resources that may match {@code filter}, in the default order, taken from the indexes; or
   * null when the filter has no indexed equality that bounds it and every resource must be
   * tested. Always a superset of the matches: the caller evaluates the whole filter on each.
   */
  private Collection<Entry> candidates(Tenant t, Filter filter) {
    Set<String> ids = candidateIds(t, filter);
    return ids == null ? null : bySeq(t, ids);
  }

  private Set<String> candidateIds(Tenant t, Filter f) {
    if (f instanceof ComparisonFilter c) {
      return lookup(t, c.path(), c);
    }
    if (f instanceof ValuePathFilter v && v.filter() instanceof ComparisonFilter c
        && c.path().schema() == null && c.path().subAttribute() == null && c.path().name().equalsIgnoreCase("value")) {
      return lookup(t, v.attribute().withSubAttribute("value"), c);
    }
    if (f instanceof AndFilter and) {
      Set<String> best = null;
      for (Filter o : and.operands()) {
        Set<String> s = candidateIds(t, o);
        if (s != null && (best == null || s.size() < best.size())) {
          best = s;
        }
      }
      return best;
    }
    if (f instanceof OrFilter or) {
      Set<String> union = new LinkedHashSet<>();
      for (Filter o : or.operands()) {
        Set<String> s = candidateIds(t, o);
        if (s == null) {
          return null;
        }
        union.addAll(s);
      }
      return union;
    }
    return null;
  }

  /** The ids an {@code eq} on {@code path} can match, or null when no index answers it. */
  private Set<String> lookup(Tenant t, AttributePath path, ComparisonFilter c) {
    if (c.operator() != ComparisonOperator.EQ || !(c.value() instanceof Literal.StringLiteral lit)) {
      return null;
    }
    if (path.schema() != null && !schema.isCoreUrn(path.schema())) {
      return null;
    }
    String value = lit.value();
    String name = path.name();
    String sub = path.subAttribute();
    if (sub == null && name.equalsIgnoreCase("id")) {
      AttributeInfo info = schema.attribute(null, "id", null);
      if (info != null && !info.caseExact()) {
        return null;
      }
      return t.byId.containsKey(value) ? Set.of(value) : Set.of();
    }
    if (delegated != null && name.equalsIgnoreCase(delegated) && (sub == null || sub.equalsIgnoreCase("value"))) {
      return delegatedCaseExact ? t.byMember.getOrDefault(value, Set.of()) : null;
    }
    for (int i = 0; i < indexes.size(); i++) {
      IndexSpec spec = indexes.get(i);
      if (spec.covers(name, sub)) {
        if (spec.caseExact()) {
          // an exact key answers only an exact comparison, else it would miss matches
          AttributeInfo info = schema.attribute(null, spec.name(), spec.sub());
          if (info == null || !info.caseExact()) {
            return null;
          }
        }
        return t.index.get(i).getOrDefault(spec.key(value), Set.of());
      }
    }
    return null;
  }

  private static List<Entry> bySeq(Tenant t, Set<String> ids) {
    List<Entry> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      Entry e = t.byId.get(id);
      if (e != null) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparingLong(e -> e.seq));
    return out;
  }

  /** Whether {@code f} reads attribute {@code name}. */
  private static boolean mentions(Filter f, String name) {
    if (f instanceof ComparisonFilter c) {
      return c.path().name().equalsIgnoreCase(name);
    }
    if (f instanceof PresentFilter p) {
      return p.path().name().equalsIgnoreCase(name);
    }
    if (f instanceof ValuePathFilter v) {
      return v.attribute().name().equalsIgnoreCase(name);
    }
    if (f instanceof NotFilter n) {
      return mentions(n.operand(), name);
    }
    if (f instanceof AndFilter a) {
      return a.operands().stream().anyMatch(o -> mentions(o, name));
    }
    if (f instanceof OrFilter o) {
      return o.operands().stream().anyMatch(x -> mentions(x, name));
    }
    return true;
  }

  // ---- listeners and snapshots --------------------------------------------------------------

  void addWriteListener(WriteListener listener) {
    writeListeners.add(listener);
  }

  void removeWriteListener(WriteListener listener) {
    writeListeners.remove(listener);
  }

  private void fireWrite(String tenant, Collection<String> ids) {
    for (WriteListener l : writeListeners) {
      l.written(tenant, ids);
    }
  }

  /**
   * One resource as {@link #exportTenants()} writes it ({@code {"seq": s, "resource": {...}}}),
   * read under its tenant's lock, or null when it does not exist.
   */
  ObjectNode exportEntry(String tenant, String id) {
    Tenant t = tenants.get(tenant);
    if (t == null) {
      return null;
    }
    Lock r = t.lock.readLock();
    r.lock();
    try {
      Entry e = t.byId.get(id);
      if (e == null) {
        return null;
      }
      ObjectNode ej = ScimJson.object();
      ej.put("seq", e.seq);
      ej.set("resource", withMembers(e).deepCopy());
      return ej;
    } finally {
      r.unlock();
    }
  }

  /**
   * Every tenant's resources as JSON: {@code {"<tenant>": {"nextSeq": n, "resources": [{"seq":
   * s, "resource": {...}}, ...]}}}, each tenant read under its lock.
   */
  ObjectNode exportTenants() {
    ObjectNode out = ScimJson.object();
    for (Map.Entry<String, Tenant> te : new TreeMap<>(tenants).entrySet()) {
      Tenant t = te.getValue();
      Lock r = t.lock.readLock();
      r.lock();
      try {
        ObjectNode tj = out.putObject(te.getKey());
        tj.put("nextSeq", t.nextSeq);
        ArrayNode arr = tj.putArray("resources");
        for (Entry e : t.bySeq.values()) {
          ObjectNode ej = arr.addObject();
          ej.put("seq", e.seq);
          ej.set("resource", withMembers(e).deepCopy());
        }
      } finally {
        r.unlock();
      }
    }
    return out;
  }

  /**
   * Replaces every tenant's data with what {@link #exportTenants()} wrote. Not atomic for
   * concurrent requests: load before serving.
   */
  void importTenants(JsonNode data) {
    Map<String, Tenant> loaded = new HashMap<>();
    for (Map.Entry<String, JsonNode> te : data.properties()) {
      Tenant t = new Tenant(indexes.size());
      JsonNode resources = te.getValue().get("resources");
      long maxSeq = 0;
      for (JsonNode ej : resources) {
        long seq = ej.get("seq").longValue();
        ObjectNode doc = ((ObjectNode) ej.get("resource")).deepCopy();
        String id = doc.get("id").stringValue();
        Meta meta = Meta.from(doc.get("meta"));
        String version = meta.version();
        strip(doc);
        Entry e = new Entry(id, seq, meta.created());
        e.members = takeMembers(doc);
        write(t, e, doc, keysOf(doc), meta.lastModified());
        e.version = Long.parseLong(version.substring(3, version.length() - 1));
        e.doc.set("meta", new Meta(resourceType, e.created, meta.lastModified(), null, ETags.fromCounter(e.version)).toJson());
        t.byId.put(id, e);
        t.bySeq.put(seq, e);
        if (e.members != null) {
          e.members.keySet().forEach(m -> addMember(t, m, e.id));
        }
        maxSeq = Math.max(maxSeq, seq);
      }
      t.nextSeq = Math.max(te.getValue().path("nextSeq").asLong(1), maxSeq + 1);
      loaded.put(te.getKey(), t);
    }
    tenants.clear();
    tenants.putAll(loaded);
  }
}
