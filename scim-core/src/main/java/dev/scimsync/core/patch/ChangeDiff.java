package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The {@link ChangeSet} of one PATCH: the touched attributes whose value really changed. */
final class ChangeDiff {

  private ChangeDiff() {}

  /**
   * Compares each touched attribute before and after; an attribute applied as a delta reports its
   * recorded delta instead.
   */
  static ChangeSet changes(WorkingCopy copy, @Nullable DeltaRecorder delta) {
    // ChangeSet keeps unordered immutable copies, so plain lists will do here; each key is once in touched()
    List<String> changed = new ArrayList<>(4);
    List<String> deltaKeys = new ArrayList<>(2);
    List<ValueDelta> deltas = new ArrayList<>(2);
    for (ResolvedAttribute r : copy.touched()) {
      String key = r.canonicalPath();
      if (delta != null && delta.isFor(r)) {
        ValueDelta d = delta.toDelta();
        if (!d.isEmpty()) {
          changed.add(key);
          deltaKeys.add(key);
          deltas.add(d);
        }
        continue;
      }
      JsonNode was = WorkingCopy.valueIn(copy.before(), r);
      JsonNode now = WorkingCopy.valueIn(copy.doc(), r);
      ValueLookup appended = copy.appendedTo(r, was, now);
      if (appended != null) {
        // the list only gained values and had some replaced by their merged copies: compare those
        List<JsonNode> gone = new ArrayList<>();
        List<JsonNode> fresh = new ArrayList<>();
        // appendedTo answers only when both are the lookup's arrays
        ArrayNode wasArray = (ArrayNode) Objects.requireNonNull(was, "was");
        ArrayNode nowArray = (ArrayNode) Objects.requireNonNull(now, "now");
        appended.changes(wasArray, gone, fresh);
        if (!gone.isEmpty() || !fresh.isEmpty()) {
          changed.add(key);
          ValueIndex index = copy.beforeIndex(r, appended.caseExact(), was);
          deltaKeys.add(key);
          deltas.add(index == null && gone.isEmpty() && appended.scans() ? appendedOnly(fresh, appended::inStart)
              : delta(wasArray, nowArray, gone, fresh, index));
        }
        continue;
      }
      if (!Objects.equals(was, now)) {
        changed.add(key);
        AttributeDefinition def = r.attribute();
        if (def.multiValued() && def.subAttribute("value") != null) {
          AttributeDefinition valueDef = def.subAttribute("value");
          ValueIndex index = copy.beforeIndex(r, valueDef.caseExact(), was);
          ValueDelta d = was instanceof ArrayNode b && now instanceof ArrayNode a ? sharedDiff(copy, b, a, index) : null;
          deltaKeys.add(key);
          deltas.add(d != null ? d : diff(was, now));
        }
      }
    }
    // immutable sets and maps made here are not copied again by ChangeSet
    Set<String> attributes = changed.isEmpty() ? Set.of() : changed.size() == 1 ? Set.of(changed.get(0))
        : new HashSet<>(changed);
    Map<String, ValueDelta> byKey;
    if (deltas.isEmpty()) {
      byKey = Map.of();
    } else if (deltas.size() == 1) {
      byKey = Map.of(deltaKeys.get(0), deltas.get(0));
    } else {
      byKey = new HashMap<>();
      for (int i = 0; i < deltas.size(); i++) {
        byKey.put(deltaKeys.get(i), deltas.get(i));
      }
    }
    return new ChangeSet(attributes, byKey);
  }

  /**
   * {@link #diff} for a list the working copy edited in place, in one pass without a map of all
   * values: the values it did not change are the same nodes in both lists, in the same order (the
   * engine only removes values, appends values and replaces a value by its copy), so walking both
   * lists side by side finds the few that differ, and only their {@code value}s are looked for
   * among the others. Null when the lists are not related that way (a list replaced as a whole),
   * for {@link #diff} to compare them by value.
   */
  private static @Nullable ValueDelta sharedDiff(WorkingCopy copy, ArrayNode was, ArrayNode now,
      @Nullable ValueIndex index) {
    List<JsonNode> gone = new ArrayList<>();
    List<JsonNode> fresh = new ArrayList<>();
    // compared as references through the lists behind the arrays: ArrayNode.get casts each value
    // to JsonNode, which reads every member object (a cache miss each in a long list), where
    // only the references are needed
    List<?> w = elements(was);
    List<?> v = elements(now);
    int i = 0;
    int before = w.size();
    // a node the copy did not make is either shared with the input or taken from an operation's
    // value; searching ahead for it stays linear until the budget says the lists are unrelated
    int budget = before + v.size();
    for (int j = 0, n = v.size(); j < n; j++) {
      Object e = v.get(j);
      if (i < before && w.get(i) == e) {
        i++;
        continue;
      }
      if (copy.owns((JsonNode) e)) {
        fresh.add((JsonNode) e);
        continue;
      }
      int k = i;
      while (k < before && w.get(k) != e) {
        k++;
      }
      budget -= k - i;
      if (budget < 0) {
        return null;
      }
      if (k == before) {
        fresh.add((JsonNode) e);
        continue;
      }
      for (; i < k; i++) {
        gone.add(was.get(i));
      }
      i = k + 1;
    }
    for (; i < before; i++) {
      gone.add(was.get(i));
    }
    return delta(was, now, gone, fresh, index);
  }

  /** The values of {@code arr} as a list, read only; the array's own list when it is one. */
  static List<?> elements(ArrayNode arr) {
    return arr.values() instanceof List<?> l ? l : new ArrayList<>(arr.values());
  }

  /**
   * The delta of {@code now} against {@code was}, given the values only in one of them (by node):
   * only the {@code value}s of those are compared. With {@code index} (of {@code was}) a value kept
   * is looked up by key instead of scanning.
   */
  private static ValueDelta delta(ArrayNode was, ArrayNode now, List<JsonNode> gone, List<JsonNode> fresh,
      @Nullable ValueIndex index) {
    if (gone.isEmpty() && index != null) {
      return appendedOnly(fresh, k -> inIndex(was, k, index));
    }
    Set<String> candidates = new HashSet<>();
    keys(gone, candidates);
    keys(fresh, candidates);
    if (candidates.isEmpty()) {
      return new ValueDelta(false, Set.of(), Map.of());
    }
    // the candidates that some value kept in both lists also has: neither removed nor added
    Set<String> kept = index != null ? kept(was, gone, candidates, index) : kept(now, fresh, candidates);
    Set<String> afterKeys = new HashSet<>(kept);
    keys(fresh, afterKeys);
    Set<String> beforeKeys = new HashSet<>(kept);
    keys(gone, beforeKeys);
    Set<String> removed = new LinkedHashSet<>();
    for (JsonNode e : gone) {
      String k = key(e);
      if (k != null && !afterKeys.contains(k)) {
        removed.add(k);
      }
    }
    Map<String, ObjectNode> plus = new LinkedHashMap<>();
    for (JsonNode e : fresh) {
      String k = key(e);
      if (k != null && !beforeKeys.contains(k)) {
        plus.putIfAbsent(k, (ObjectNode) e);
      }
    }
    return new ValueDelta(false, removed, plus);
  }

  /**
   * {@link #delta} when no value of {@code was} is gone: nothing is removed, and a fresh value is
   * added when no value of {@code was} has its {@code value} ({@code inWas}, from an index or from
   * the scan that added it) and no earlier fresh value had it.
   */
  private static ValueDelta appendedOnly(List<JsonNode> fresh, Predicate<String> inWas) {
    if (fresh.size() == 1) {
      JsonNode e = fresh.get(0);
      String k = key(e);
      return k == null || inWas.test(k) ? ValueDelta.NONE
          : new ValueDelta(false, Set.of(), Collections.singletonMap(k, (ObjectNode) e));
    }
    Map<String, ObjectNode> plus = new LinkedHashMap<>();
    for (JsonNode e : fresh) {
      String k = key(e);
      if (k != null && !plus.containsKey(k) && !inWas.test(k)) {
        plus.put(k, (ObjectNode) e);
      }
    }
    return new ValueDelta(false, Set.of(), plus);
  }

  /** Whether a value of {@code was} (indexed by {@code index}) has {@code value} {@code k} exactly. */
  private static boolean inIndex(ArrayNode was, String k, ValueIndex index) {
    String folded = index.caseExact() ? k : ValueIndex.fold(k);
    return index.first(folded, p -> k.equals(key(was.get(p)))) >= 0;
  }

  /** The {@code candidates} that a value of {@code now} has that is not one of {@code fresh}. */
  private static Set<String> kept(ArrayNode now, List<JsonNode> fresh, Set<String> candidates) {
    Set<String> kept = new HashSet<>();
    Set<JsonNode> freshNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    freshNodes.addAll(fresh);
    String only = candidates.size() == 1 ? candidates.iterator().next() : null;
    for (int j = 0, n = now.size(); j < n && kept.size() < candidates.size(); j++) {
      JsonNode e = now.get(j);
      String k = key(e);
      if (k != null && (only != null ? only.equals(k) : candidates.contains(k)) && !freshNodes.contains(e)) {
        kept.add(k);
      }
    }
    return kept;
  }

  /**
   * The same as {@link #kept(ArrayNode, List, Set)} from the other side: the values of the list
   * after that are not fresh are the values of {@code was} that are not {@code gone}, found by key.
   */
  private static Set<String> kept(ArrayNode was, List<JsonNode> gone, Set<String> candidates, ValueIndex index) {
    Set<JsonNode> goneNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    goneNodes.addAll(gone);
    Set<String> kept = new HashSet<>();
    for (String k : candidates) {
      String folded = index.caseExact() ? k : ValueIndex.fold(k);
      if (index.first(folded, p -> k.equals(key(was.get(p))) && !goneNodes.contains(was.get(p))) >= 0) {
        kept.add(k);
      }
    }
    return kept;
  }

  /** The {@code value} that identifies {@code e} in a delta, or null when it has none. */
  static @Nullable String key(JsonNode e) {
    JsonNode v = e.get("value");
    return e instanceof ObjectNode && v != null && v.isString() ? v.stringValue() : null;
  }

  private static void keys(List<JsonNode> values, Set<String> into) {
    for (JsonNode e : values) {
      String k = key(e);
      if (k != null) {
        into.add(k);
      }
    }
  }

  private static ValueDelta diff(@Nullable JsonNode was, @Nullable JsonNode now) {
    Map<String, ObjectNode> before = byValue(was);
    Map<String, ObjectNode> after = byValue(now);
    Set<String> gone = new LinkedHashSet<>();
    for (String k : before.keySet()) {
      if (!after.containsKey(k)) {
        gone.add(k);
      }
    }
    Map<String, ObjectNode> plus = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      if (!before.containsKey(k)) {
        plus.put(k, v);
      }
    });
    return new ValueDelta(false, gone, plus);
  }

  private static Map<String, ObjectNode> byValue(@Nullable JsonNode list) {
    Map<String, ObjectNode> m = new LinkedHashMap<>();
    if (list instanceof ArrayNode arr) {
      for (JsonNode e : arr) {
        JsonNode v = e.get("value");
        if (e instanceof ObjectNode eo && v != null && v.isString()) {
          m.putIfAbsent(v.stringValue(), eo);
        }
      }
    }
    return m;
  }
}
