package dev.scimsync.sync.internal;

import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.target.DirectoryTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the engine knows of some target resources of one kind: id, externalId and the managed
 * attributes, kept as compact JSON text, filled by batched lookups (by externalId, or by the
 * unmanaged-match attributes) of what a page or a group names. A full run makes one per source
 * page and one per group's member list and drops it after, so memory follows the page, not the
 * directory; an incremental run keeps one for its change feed.
 */
public final class TargetIndex {

  /**
   * One target resource as the index keeps it: its managed attributes as a node that nobody
   * changes (an index lives for a page or a group, so a node costs less than writing and parsing
   * text).
   */
  public record Entry(String id, String externalId, ObjectNode projection) {
    /** A copy of the managed attributes, for the caller to change. */
    public ObjectNode projectionJson() {
      return projection.deepCopy();
    }
  }

  private static final int BATCH = 50;
  /** The longest filter a lookup sends, below common server limits (ours: 4096). */
  private static final int FILTER_CHARS = 3000;

  private final ResourceKind kind;
  private final DirectoryTarget target;
  private final Set<String> managed;
  private final List<String> matchBy;
  private final List<String> attributes;
  private final Map<String, Entry> byExternalId = new HashMap<>();
  private final Set<String> knownMissing = new java.util.HashSet<>();
  private final Map<String, Map<String, Entry>> unmanagedBy = new HashMap<>();
  /** Unmanaged-match values (attribute, lower-cased value) a lookup found no unmanaged resource for. */
  private final Set<List<String>> unmanagedMissing = new java.util.HashSet<>();
  private final Map<String, Entry> byId = new HashMap<>();
  /** The unmanaged-match keys of each unmanaged resource by id, in {@code matchBy} order, to forget them on adoption. */
  private final Map<String, List<String>> unmanagedKeys = new HashMap<>();

  /** True when the target had nothing of this kind: lookups would find nothing, so none are made. */
  private boolean knownEmpty;

  private TargetIndex(ResourceKind kind, DirectoryTarget target, Set<String> managed, List<String> matchBy) {
    this.kind = kind;
    this.target = target;
    this.managed = managed;
    this.matchBy = matchBy;
    this.attributes = List.copyOf(attributes(managed, matchBy));
  }

  /** An index filled on demand; it keeps the {@code managed} attributes of what it finds. */
  public static TargetIndex lazy(ResourceKind kind, DirectoryTarget target, Set<String> managed,
      List<String> matchBy) {
    return new TargetIndex(kind, target, managed, matchBy);
  }

  /**
   * An index for a target that had no resource of {@code kind} when the run began (a first sync):
   * it knows what the run puts in it and asks the target nothing. A resource someone else creates
   * meanwhile still converges: the create clashes, and the clash is looked up.
   */
  public static TargetIndex ofEmptyTarget(ResourceKind kind, DirectoryTarget target, Set<String> managed,
      List<String> matchBy) {
    TargetIndex idx = new TargetIndex(kind, target, managed, matchBy);
    idx.knownEmpty = true;
    return idx;
  }

  /** The attributes a lookup asks for: externalId, the managed ones (their top-level names) and the match ones. */
  static Set<String> attributes(Set<String> managed, List<String> matchBy) {
    Set<String> out = new LinkedHashSet<>();
    out.add("externalId");
    for (String m : managed) {
      out.add(Paths.keys(m).size() > 1 && m.regionMatches(true, 0, "urn:", 0, 4) ? m : Paths.keys(m).get(0));
    }
    out.addAll(matchBy);
    return out;
  }

  /** Adds or replaces what the index knows of {@code resource}. */
  public Entry add(ObjectNode resource) {
    return index(text(resource, "id"), resource);
  }

  private Entry index(String id, ObjectNode resource) {
    String ext = text(resource, "externalId");
    Entry e = new Entry(id, ext, Diff.project(resource, managed));
    Entry old = byId.put(id, e);
    if (old != null && old.externalId() != null && !old.externalId().equals(ext)) {
      byExternalId.remove(old.externalId());
    }
    if (ext != null) {
      byExternalId.put(ext, e);
      knownMissing.remove(ext);
    } else {
      List<String> keys = new ArrayList<>(matchBy.size());
      for (String a : matchBy) {
        String v = text(resource, a);
        String key = v == null ? null : v.toLowerCase(Locale.ROOT);
        keys.add(key);
        if (key != null) {
          unmanagedBy.computeIfAbsent(a, k -> new HashMap<>()).put(key, e);
        }
      }
      unmanagedKeys.put(id, keys);
    }
    return e;
  }

  /**
   * Records a resource after a create or update, as the engine made it ({@code desired} is read,
   * not kept). An adopted resource stops being matchable as unmanaged.
   */
  public Entry put(String id, ObjectNode desired) {
    List<String> keys = unmanagedKeys.remove(id);
    if (keys != null) {
      for (int i = 0; i < keys.size(); i++) {
        Map<String, Entry> m = unmanagedBy.get(matchBy.get(i));
        if (keys.get(i) != null && m != null) {
          m.remove(keys.get(i));
        }
      }
    }
    return index(id, desired);
  }

  /** Forgets the resource with {@code id} (after a delete). */
  public void remove(String id) {
    Entry e = byId.remove(id);
    if (e != null && e.externalId() != null) {
      byExternalId.remove(e.externalId());
    }
  }

  /**
   * {@code values} in lookups of at most 50, each of whose filter ({@code attr eq "v" or ...})
   * stays within {@link #FILTER_CHARS}: servers refuse longer filters (ours at 4096 by default),
   * and long values such as LDAP DNs would pass that at 50.
   */
  static List<List<String>> chunks(String attr, List<String> values) {
    List<List<String>> out = new ArrayList<>();
    int from = 0;
    int chars = 0;
    for (int i = 0; i < values.size(); i++) {
      int c = attr.length() + values.get(i).length() + 12; // ` eq "` + `"` + ` or `, and escapes' slack
      if (i > from && (i - from == BATCH || chars + c > FILTER_CHARS)) {
        out.add(values.subList(from, i));
        from = i;
        chars = 0;
      }
      chars += c;
    }
    if (from < values.size()) {
      out.add(values.subList(from, values.size()));
    }
    return out;
  }

  /** Looks up, in batched requests of up to 50, the externalIds not yet known. */
  public void prefetch(Collection<String> externalIds, Function<java.util.function.Supplier<List<ObjectNode>>,
      List<ObjectNode>> call) {
    if (knownEmpty) {
      return;
    }
    List<String> wanted = new ArrayList<>();
    Set<String> asked = new java.util.HashSet<>();
    for (String x : externalIds) {
      if (!byExternalId.containsKey(x) && !knownMissing.contains(x) && asked.add(x)) {
        wanted.add(x);
      }
    }
    for (List<String> chunk : chunks("externalId", wanted)) {
      List<ObjectNode> found = call.apply(() -> target.find(kind, "externalId", chunk, attributes));
      knownMissing.addAll(chunk);
      for (ObjectNode o : found) {
        add(o);
      }
    }
  }

  /**
   * Looks up, in one batched request per 50, the resources whose {@code attribute} equals one of
   * {@code values}, keeping those without externalId as adoption candidates for {@link
   * #unmanagedBy}.
   */
  public void prefetchUnmanaged(String attribute, Collection<String> values,
      Function<java.util.function.Supplier<List<ObjectNode>>, List<ObjectNode>> call) {
    if (knownEmpty) {
      return;
    }
    Map<String, Entry> known = unmanagedBy.getOrDefault(attribute, Map.of());
    List<String> wanted = new ArrayList<>();
    Set<String> asked = new java.util.HashSet<>();
    for (String v : values) {
      String key = v.toLowerCase(Locale.ROOT);
      if (!known.containsKey(key) && !unmanagedMissing.contains(List.of(attribute, key)) && asked.add(key)) {
        wanted.add(v);
      }
    }
    for (List<String> chunk : chunks(attribute, wanted)) {
      List<ObjectNode> found = call.apply(() -> target.find(kind, attribute, chunk, attributes));
      for (String v : chunk) {
        unmanagedMissing.add(List.of(attribute, v.toLowerCase(Locale.ROOT)));
      }
      for (ObjectNode o : found) {
        if (text(o, "externalId") == null) {
          add(o);
        }
      }
    }
  }

  /** The resource with source id {@code externalId}, or null; it must have been prefetched. */
  public Entry byExternalId(String externalId) {
    return byExternalId.get(externalId);
  }

  /**
   * An existing target resource without externalId whose {@code attribute} equals {@code value}
   * (case-insensitively), to adopt; asks the target unless a lookup already answered.
   */
  public Entry unmanagedBy(String attribute, String value,
      Function<java.util.function.Supplier<List<ObjectNode>>, List<ObjectNode>> call) {
    String key = value.toLowerCase(Locale.ROOT);
    Map<String, Entry> m = unmanagedBy.get(attribute);
    Entry known = m == null ? null : m.get(key);
    if (known != null || knownEmpty || unmanagedMissing.contains(List.of(attribute, key))) {
      return known;
    }
    for (ObjectNode o : call.apply(() -> target.find(kind, attribute, List.of(value), attributes))) {
      if (text(o, "externalId") == null) {
        return add(o);
      }
    }
    return null;
  }

  /** How many resources the index holds. */
  public int size() {
    return byId.size();
  }

  static String text(JsonNode o, String name) {
    JsonNode v = Paths.get(o, name);
    return v == null || !v.isString() ? null : v.stringValue();
  }
}
