package dev.scimsync.core.patch;

import dev.scimsync.core.internal.CompactProperties;
import dev.scimsync.core.internal.ReadElements;
import dev.scimsync.core.schema.AttributeDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import org.jspecify.annotations.Nullable;

/**
 * The values of one array of a {@link WorkingCopy} by key, while one PATCH only appends to it or
 * merges into values (which keeps their key): the {@link ValueIndex} of the values it started with,
 * and the positions of the values appended since. Any other change to the array ends it ({@link
 * WorkingCopy#array}); the operations then scan.
 */
final class ValueLookup {

  private final ArrayNode array;
  private final boolean caseExact;
  private final @Nullable ValueIndex base;
  /** The key and position of the one value appended so far (most PATCHes append one), or null. */
  private @Nullable String oneKey;
  private int onePosition;
  /** Positions of the values appended, by key, once more than one was; else null. */
  private @Nullable Map<String, Object> added;
  private boolean valid = true;
  /** How many of the values appended have no key. */
  private int keyless;
  /** Positions below the base's size whose value was replaced by a copy (to merge into it). */
  private final List<Integer> replaced = new ArrayList<>();

  /**
   * Without an index: the list the array started from, whose values {@link #find} scans (a list
   * patched once need not pay for an index it will not use again); null with {@code base}.
   */
  private final @Nullable ArrayNode scanned;
  /**
   * For each exact {@code value} of a value a scan found no equal to: whether a value of {@code
   * scanned} has that {@code value} exactly (what the change set asks); null until one is.
   */
  private @Nullable Map<String, Boolean> inScanned;

  /**
   * A lookup of {@code array}, whose first values are those of {@code base}'s array (same nodes,
   * same order); without {@code base}, {@code array} must be empty.
   */
  ValueLookup(ArrayNode array, boolean caseExact, @Nullable ValueIndex base) {
    this.array = array;
    this.caseExact = caseExact;
    this.base = base;
    this.scanned = null;
  }

  /** A lookup of {@code array}, a copy of {@code was}, that scans instead of using an index. */
  ValueLookup(ArrayNode array, boolean caseExact, ArrayNode was) {
    this.array = array;
    this.caseExact = caseExact;
    this.base = null;
    this.scanned = was;
  }

  ArrayNode array() {
    return array;
  }

  boolean valid() {
    return valid;
  }

  void invalidate() {
    valid = false;
  }

  boolean caseExact() {
    return caseExact;
  }

  /** Whether this lookup started from {@code was}'s values (so {@link #changes} may be asked). */
  boolean startedFrom(@Nullable JsonNode was) {
    return was != null && (base != null ? base.array() == was : scanned == was);
  }

  /** Records that the value at {@code position} was replaced by its copy, to be changed. */
  void replaced(int position) {
    ArrayNode from = base != null ? base.array() : scanned;
    if (from != null && position < from.size()) {
      replaced.add(position);
    }
  }

  /**
   * The values of {@code was} (the array this lookup started from) that the array no longer has,
   * and the values it has that {@code was} has not, each in list order: the replaced values whose
   * copies differ and those copies, then the values appended. Both empty: the lists are equal.
   */
  void changes(ArrayNode was, List<JsonNode> gone, List<JsonNode> fresh) {
    int[] ps = replaced.isEmpty() ? new int[0] : replaced.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    for (int p : ps) {
      if (!array.get(p).equals(was.get(p))) {
        gone.add(was.get(p));
        fresh.add(array.get(p));
      }
    }
    for (int p = was.size(), n = array.size(); p < n; p++) {
      fresh.add(array.get(p));
    }
  }

  /**
   * The first position of a value {@code same} holds for, among the values with the key of {@code
   * value}; -1 when there is none; -2 when {@code value} has no key, so only a scan can tell. A
   * lookup without an index scans every value (and never answers -2).
   */
  int find(JsonNode value, ValueIdentity.Same given) {
    if (scanned != null) {
      return scan(value, given);
    }
    Predicate<JsonNode> same = ValueIdentity.test(given);
    String k = ValueIndex.key(value, caseExact);
    if (k == null) {
      return -2;
    }
    int found = base == null ? -1 : base.first(k, p -> same.test(array.get(p)));
    Object at = added != null ? added.get(k) : k.equals(oneKey) ? (Object) onePosition : null;
    return ValueIndex.min(found, ValueIndex.firstIn(at, p -> same.test(array.get(p))));
  }

  /**
   * Every position of the array with key {@code key}, ascending; null when some value has no key
   * (see {@link ValueIndex#keyless}), so only a scan can tell.
   */
  int @Nullable [] all(String key) {
    if (scanned != null || keyless > 0 || base != null && base.keyless() > 0) {
      return null;
    }
    int[] ps = base == null ? new int[0] : base.all(key);
    Object at = added != null ? added.get(key) : key.equals(oneKey) ? (Object) onePosition : null;
    int[] more = ValueIndex.concat(at, new int[0]);
    if (more.length == 0) {
      return ps;
    }
    int[] out = new int[ps.length + more.length];
    System.arraycopy(ps, 0, out, 0, ps.length);
    System.arraycopy(more, 0, out, ps.length, more.length);
    return out;
  }

  /**
   * {@link #find} by a scan of the array; when no value is the same, also records whether one of
   * the list it started from has {@code value}'s {@code value} exactly ({@link #inStart}), found in
   * the same pass.
   */
  private int scan(JsonNode value, ValueIdentity.Same same) {
    String k = ChangeDiff.key(value);
    ArrayNode from = Objects.requireNonNull(scanned, "scanning");
    int start = from.size();
    boolean seen = false;
    String text = same instanceof ValueIdentity.ByValue v ? v.text() : null;
    int length = text == null ? -1 : text.length();
    List<?> values = ChangeDiff.elements(array);
    // the members as read keep their maps: each value's value read from its map, without the
    // dispatch of ObjectNode.get and without reading the member itself
    ReadElements read = from.values() instanceof ReadElements r ? r : null;
    String[] hint = new String[1];
    for (int p = 0, n = values.size(); p < n; p++) {
      Object e = values.get(p);
      CompactProperties map = read == null ? null : read.mapAt(p, e);
      // each value's value read once, for both questions
      JsonNode ev = map != null && read != null ? map.get("value", hint, read.firstAt(p)) : valueOf((JsonNode) e);
      if (length >= 0 && ev != null && ev.isString() && ev.stringValue().length() != length) {
        // text of another length: neither the same value (equal text, ignoring case or not, has
        // the same length) nor value's value exactly (k is that text)
        continue;
      }
      if (same.test((JsonNode) e, ev)) {
        return p;
      }
      if (k != null && !seen && p < start && ev != null && ev.isString()) {
        seen = k.equals(ev.stringValue()); // ChangeDiff.key's rule, the value already read
      }
    }
    if (k != null) {
      Map<String, Boolean> m = inScanned;
      if (m == null) {
        m = new HashMap<>(4);
        inScanned = m;
      }
      m.putIfAbsent(k, seen);
    }
    return -1;
  }

  /**
   * Whether a value of the list this scanning lookup started from has {@code value} {@code k}
   * exactly: recorded by the scan that found no value equal to one with {@code value} {@code k},
   * else read from the list.
   */
  boolean inStart(String k) {
    Boolean known = inScanned == null ? null : inScanned.get(k);
    if (known != null) {
      return known;
    }
    for (JsonNode e : Objects.requireNonNull(scanned, "scanning")) {
      if (k.equals(ChangeDiff.key(e))) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable JsonNode valueOf(JsonNode e) {
    return e.isObject() ? e.get("value") : null;
  }

  /** Whether this lookup scans (it has no index). */
  boolean scans() {
    return scanned != null;
  }

  /** Records the value just appended to the array. */
  void appended(JsonNode value) {
    String k = ValueIndex.key(value, caseExact);
    if (k == null) {
      keyless++;
      return;
    }
    Map<String, Object> a = added;
    if (a == null) {
      String first = oneKey;
      if (first == null) {
        oneKey = k;
        onePosition = array.size() - 1;
        return;
      }
      a = new HashMap<>(8);
      a.put(first, onePosition);
      added = a;
      oneKey = null;
    }
    a.put(k, ValueIndex.plus(a.get(k), array.size() - 1));
  }

  /**
   * The index of the array as it is now, for the resource the PATCH returns; null when it is
   * short or was changed otherwise than by appending. Call when the PATCH is done: the index
   * takes the positions this lookup kept.
   */
  @Nullable ValueIndex result(AttributeDefinition attribute) {
    if (!valid || scanned != null || array.size() < ValueIndex.MIN_SIZE) {
      return null;
    }
    String k = oneKey;
    Map<String, Object> a = added != null ? added : k != null ? Map.of(k, onePosition) : Map.of();
    return base == null ? ValueIndex.of(attribute, caseExact, array, a, keyless) : base.extend(array, a, keyless);
  }
}
