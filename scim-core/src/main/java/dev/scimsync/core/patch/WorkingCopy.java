package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.schema.AttributeType;
import java.util.Objects;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The private copy of the resource that one application of a PATCH edits, the resource as it was,
 * and the top-level attributes the operations touched (for {@link ChangeDiff}).
 *
 * <p>Copied on write: the copy starts as a shallow copy of the root and shares every value with
 * the resource as it was (which nobody changes); a container is copied the first time an operation
 * changes it ({@link #array}, {@link #complex}, {@link #element}), and nodes the copy made are
 * {@linkplain #owns owned}. So one change to a 50,000-member group copies the member list's
 * references and the one member changed, not 50,000 objects; the result shares the rest with the
 * input, which is safe because resources never change their nodes.
 */
final class WorkingCopy {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode before;
  private final ObjectNode doc;
  private final Map<String, ResolvedAttribute> touched = new LinkedHashMap<>();
  private final Set<JsonNode> owned = Collections.newSetFromMap(new IdentityHashMap<>(8));
  private final Map<AttributeDefinition, ValueLookup> lookups = new IdentityHashMap<>(4);
  private @Nullable ValueIndex known;
  private @Nullable ValueIndex built;
  private final boolean indexes;
  private final boolean build;
  /** The index {@link #candidates} last answered from, and the array it describes; null after a lookup answered. */
  private @Nullable ValueIndex candidatesFrom;
  /**
   * A list of the resource as it was from which one operation removed whole values found through
   * its index (or wrote values in place keeping their keys), and nothing else changed it since:
   * the index of the result is that index without them. Null when there is none.
   */
  private @Nullable Shrunk shrunk;

  private record Shrunk(AttributeDefinition attribute, ValueIndex from, ArrayNode now, int[] gone) {}

  /**
   * A copy of {@code before}, which is read only; {@code known} is the index of one of its long
   * arrays that an earlier PATCH left with it, or null; without {@code indexes} every operation
   * scans (what the index must agree with). An index is built only when {@code build}: for a
   * resource patched before, likely to be patched again; a resource patched once (as read by the
   * client's GET-patch-PUT fallback) is scanned once, which costs less than hashing every value.
   */
  WorkingCopy(ObjectNode before, @Nullable ValueIndex known, boolean indexes, boolean build) {
    this.before = before;
    this.known = indexes ? known : null;
    this.indexes = indexes;
    this.build = build;
    // a resource's root has few attributes: copied without hashing them
    this.doc = dev.scimsync.core.internal.CompactProperties.shallowCopy(before);
    owned.add(doc);
  }

  /** Whether the copy made {@code node} (so it may be changed), rather than sharing it with the input. */
  boolean owns(JsonNode node) {
    return owned.contains(node);
  }

  /** A new empty array that the copy owns. */
  ArrayNode newArray() {
    return own(NODES.arrayNode());
  }

  /** Records that {@code node} is new, not shared with the input, so it may be changed. */
  <T extends JsonNode> T own(T node) {
    owned.add(node);
    return node;
  }

  /**
   * Element {@code i} of {@code arr} (an array of this copy), ready to be changed: copied in place
   * first when it is shared with the input. Null when it is not an object.
   */
  /** {@link #element}, for an element known to be an object. */
  ObjectNode objectElement(ArrayNode arr, int i) {
    return Objects.requireNonNull(element(arr, i), "element is an object");
  }

  @Nullable ObjectNode element(ArrayNode arr, int i) {
    if (shrunk != null && shrunk.now() == arr) {
      shrunk = null; // a value about to change may change its key
    }
    JsonNode e = arr.get(i);
    if (!(e instanceof ObjectNode eo)) {
      return null;
    }
    if (owned.contains(eo)) {
      return eo;
    }
    ObjectNode c = own(eo.deepCopy());
    arr.set(i, c);
    for (ValueLookup l : lookups.values()) {
      if (l.array() == arr) {
        l.replaced(i);
      }
    }
    return c;
  }

  ObjectNode before() {
    return before;
  }

  ObjectNode doc() {
    return doc;
  }

  /** The top-level attributes touched, in order, without duplicates. */
  Collection<ResolvedAttribute> touched() {
    return touched.values();
  }

  /** Records that the top-level attribute of {@code r} may have changed. */
  void touch(ResolvedAttribute r) {
    ResolvedAttribute top = r.subAttribute() == null ? r
        : new ResolvedAttribute(r.schemaUri(), r.extension(), r.attribute(), null);
    touched.putIfAbsent(top.canonicalPath().toLowerCase(Locale.ROOT), top);
  }

  /** The object that holds {@code r}'s value, ready to be changed (copied first when shared). */
  private ObjectNode ownedContainer(ResolvedAttribute r) {
    return Objects.requireNonNull(container(r, true), "created when absent");
  }

  private @Nullable ObjectNode container(ResolvedAttribute r, boolean create) {
    if (!r.extension()) {
      return doc;
    }
    JsonNode ext = doc.get(r.schemaUri());
    if (ext instanceof ObjectNode eo) {
      if (owned.contains(eo)) {
        return eo;
      }
      ObjectNode c = own(dev.scimsync.core.internal.CompactProperties.shallowCopy(eo));
      doc.set(r.schemaUri(), c);
      return c;
    }
    return create ? own(doc.putObject(r.schemaUri())) : null;
  }

  /**
   * The value of the top-level attribute of {@code r}, or null when absent or null. Read only: it
   * may be shared with the input; change it through {@link #array} or {@link #complex}.
   */
  @Nullable JsonNode get(ResolvedAttribute r) {
    return valueIn(doc, r);
  }

  /**
   * The array value of {@code r}, ready to be changed (its elements through {@link #element}), or
   * null when it is not an array. A shared array is replaced by a copy of its references first.
   * Ends the {@link #lookup} of {@code r}: the caller may change the array in any way.
   */
  @Nullable ArrayNode array(ResolvedAttribute r) {
    if (shrunk != null && shrunk.attribute() == key(r)) {
      shrunk = null;
    }
    ValueLookup l = lookups.get(key(r));
    if (l != null) {
      l.invalidate();
    }
    return ownArray(r, get(r));
  }

  /** {@link #array} of {@code r}, whose current value is {@code current}. */
  private @Nullable ArrayNode ownArray(ResolvedAttribute r, @Nullable JsonNode current) {
    if (!(current instanceof ArrayNode a)) {
      return null;
    }
    if (owned.contains(a)) {
      return a;
    }
    // room for a few values more: an add to a copy sized exactly would grow it, copying it again
    ArrayNode c = own(NODES.arrayNode(a.size() + 8));
    c.addAll(a);
    ownedContainer(r).set(r.attribute().name(), c);
    return c;
  }

  /**
   * A lookup by value of the array of {@code r} (a long multi-valued attribute with a {@code value}
   * sub-attribute) for an operation that only appends values or merges into equal ones: of a new
   * empty array when {@code fresh} (the caller sets it as the value), else of the current array.
   * Null when there is none to be had (short list, or the list was changed otherwise before): the
   * caller then takes {@link #array} or {@link #newArray} and scans.
   */
  @Nullable ValueLookup lookup(ResolvedAttribute r, boolean caseExact, boolean fresh) {
    AttributeDefinition key = key(r);
    if (fresh && indexes) {
      ValueLookup l = new ValueLookup(newArray(), caseExact, (ValueIndex) null);
      lookups.put(key, l);
      return l;
    }
    ValueLookup l = lookups.get(key);
    if (l != null) {
      return l.valid() && get(r) == l.array() ? l : null;
    }
    JsonNode current = get(r);
    if (!indexes || !(current instanceof ArrayNode a) || owned.contains(a) || a.size() < ValueIndex.MIN_SIZE) {
      return null;
    }
    ValueIndex base = indexOf(r, caseExact, a, false);
    if (base == null) {
      l = new ValueLookup(Objects.requireNonNull(ownArray(r, a), "current is an array"), caseExact, a);
      lookups.put(key, l);
      return l;
    }
    l = new ValueLookup(Objects.requireNonNull(ownArray(r, a), "current is an array"), caseExact, base);
    lookups.put(key, l);
    return l;
  }

  /**
   * The index of {@code a}, the value of {@code r} in the resource as it was: the one at hand, else
   * built when this copy builds indexes or {@code always}; else null.
   */
  private @Nullable ValueIndex indexOf(ResolvedAttribute r, boolean caseExact, ArrayNode a, boolean always) {
    ValueIndex base = beforeIndex(r, caseExact, a);
    if (base == null && (build || always)) {
      base = ValueIndex.of(key(r), caseExact, a);
      built = base;
    }
    return base;
  }

  /**
   * The positions in the current array of {@code r} (a long multi-valued attribute with a {@code
   * value} sub-attribute) of the values whose key ({@link ValueIndex#key}) is one of {@code keys},
   * ascending: all the values that a filter demanding {@code value eq} one of them can match. Null
   * when only a scan can tell: a short list, a list changed otherwise than by appending earlier in
   * this PATCH, or a list with values that have no key.
   */
  int @Nullable [] candidates(ResolvedAttribute r, boolean caseExact, List<String> keys) {
    JsonNode current = get(r);
    if (!indexes || !(current instanceof ArrayNode a) || a.size() < ValueIndex.MIN_SIZE) {
      return null;
    }
    ValueLookup l = lookups.get(key(r));
    ValueIndex index = null;
    candidatesFrom = null;
    if (l != null) {
      if (!l.valid() || l.array() != a || l.caseExact() != caseExact) {
        return null;
      }
    } else if (owned.contains(a)) {
      return null;
    } else {
      // built even for a resource patched once: hashing the values once costs less than the
      // filter's scan and the change set's look-up of the removed values among those kept
      index = indexOf(r, caseExact, a, true);
      if (index == null || index.keyless() > 0) {
        return null;
      }
      candidatesFrom = index;
    }
    int[] out = null;
    for (String k : keys) {
      String folded = caseExact ? k : ValueIndex.fold(k);
      int[] ps = index != null ? index.all(folded) : Objects.requireNonNull(l, "a lookup").all(folded);
      if (ps == null) {
        return null;
      }
      out = out == null ? ps : union(out, ps);
    }
    return out == null ? new int[0] : out;
  }

  /**
   * {@link #candidates} for the values of {@code r} that {@code filter} may select: the values
   * with a {@code value} it demands ({@link ValueIndex#demandedValues}), compared as the evaluator
   * compares text (case-exact as the schema says). Null when only a scan can tell.
   */
  int @Nullable [] candidates(ResolvedAttribute r, Filter filter) {
    AttributeDefinition def = r.attribute();
    AttributeDefinition valueDef = def.isComplex() && r.subAttribute() == null ? def.subAttribute("value") : null;
    if (!indexes || valueDef == null || !textual(valueDef.type())) {
      return null;
    }
    List<String> keys = ValueIndex.demandedValues(filter);
    return keys == null ? null : candidates(r, valueDef.caseExact(), keys);
  }

  /** Whether the filter evaluator compares values of {@code type} with a string literal as text. */
  private static boolean textual(AttributeType type) {
    return type == AttributeType.STRING || type == AttributeType.REFERENCE || type == AttributeType.BINARY;
  }

  /**
   * Records that the operation that just asked {@link #candidates} for {@code r} removed the values
   * at {@code gone} (ascending positions of the array as it was) from {@code arr}, the array of
   * {@code r} now, and changed nothing else: when that answer came from the index of the list of
   * the resource as it was and nothing changes the list again, the result keeps that index
   * without them.
   */
  void removedWhole(ResolvedAttribute r, ArrayNode arr, int[] gone) {
    ValueIndex from = candidatesFrom;
    candidatesFrom = null;
    shrunk = from != null && from.array() == valueIn(before, r) && get(r) == arr && lookups.get(key(r)) == null
        ? new Shrunk(key(r), from, arr, gone) : null;
  }

  /**
   * Records that the operation that just asked {@link #candidates} for {@code r} wrote the values
   * at {@code written} (ascending positions) of {@code arr}, the array of {@code r} now, and
   * changed nothing else but {@code primary}: when every one of them kept its key and its place,
   * and the answer came from the index of the list as it was, the result keeps that index.
   */
  void rewroteInPlace(ResolvedAttribute r, ArrayNode arr, int[] written) {
    ValueIndex from = candidatesFrom;
    candidatesFrom = null;
    shrunk = null;
    if (from == null || from.array() != valueIn(before, r) || get(r) != arr || lookups.get(key(r)) != null
        || arr.size() != from.array().size()) {
      return;
    }
    for (int p : written) {
      String k = ValueIndex.key(arr.get(p), from.caseExact());
      if (k == null || !k.equals(ValueIndex.key(from.array().get(p), from.caseExact()))) {
        return;
      }
    }
    shrunk = new Shrunk(key(r), from, arr, new int[0]);
  }

  /** The positions of two ascending lists, ascending, each once. */
  private static int[] union(int[] a, int[] b) {
    return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
        .sorted().distinct().toArray();
  }

  /**
   * Drops from {@code arr} (the array of {@code r} in this copy) the values at {@code positions}
   * that are empty objects, and the attribute when nothing is left: {@link #removeEmptyElements}
   * when only those values can be empty.
   */
  void removeEmptyAt(ResolvedAttribute r, ArrayNode arr, int[] positions) {
    for (int j = positions.length - 1; j >= 0; j--) {
      int p = positions[j];
      JsonNode e = p < arr.size() ? arr.get(p) : null;
      if (e != null && e.isObject() && e.isEmpty()) {
        arr.remove(p);
      }
    }
    if (arr.isEmpty() && get(r) == arr) {
      set(r, null);
    }
  }

  /**
   * The lookup of {@code r} when the PATCH only appended to the list {@code was} and replaced some
   * of its values by copies, giving {@code now}; null otherwise.
   */
  @Nullable ValueLookup appendedTo(ResolvedAttribute r, @Nullable JsonNode was, @Nullable JsonNode now) {
    ValueLookup l = lookups.get(key(r));
    return l != null && l.valid() && l.array() == now && l.startedFrom(was) ? l : null;
  }

  /** The index of the value of {@code r} in the resource as it was, when one is at hand. */
  @Nullable ValueIndex beforeIndex(ResolvedAttribute r, boolean caseExact) {
    return beforeIndex(r, caseExact, valueIn(before, r));
  }

  /** {@link #beforeIndex(ResolvedAttribute, boolean)}, given {@code was}, the value of {@code r} before. */
  @Nullable ValueIndex beforeIndex(ResolvedAttribute r, boolean caseExact, @Nullable JsonNode was) {
    AttributeDefinition key = key(r);
    if (known != null && known.describes(key, caseExact, was)) {
      return known;
    }
    return built != null && built.describes(key, caseExact, was) ? built : null;
  }

  /** The index this PATCH built of an array of the resource as it was, to keep with it; or null. */
  @Nullable ValueIndex builtIndex() {
    return built;
  }

  /**
   * The index of a long array of the result, for the next PATCH of it: of an array that this
   * PATCH only appended to (or built). Null when there is none.
   */
  @Nullable ValueIndex resultIndex() {
    ValueIndex best = null;
    Shrunk sh = shrunk;
    if (sh != null) {
      for (ResolvedAttribute r : touched.values()) {
        if (key(r) == sh.attribute() && get(r) == sh.now() && sh.now().size() >= ValueIndex.MIN_SIZE) {
          best = sh.from().without(sh.now(), sh.gone());
        }
      }
    }
    for (ResolvedAttribute r : touched.values()) {
      ValueLookup l = lookups.get(key(r));
      ValueIndex x = l == null || get(r) != l.array() ? null : l.result(key(r));
      if (x != null && (best == null || x.array().size() > best.array().size())) {
        best = x;
      }
    }
    return best;
  }

  private static AttributeDefinition key(ResolvedAttribute r) {
    return r.attribute();
  }

  /** The complex value of {@code r} ready to be changed, created empty when absent and {@code create}. */
  @Nullable ObjectNode complex(ResolvedAttribute r, boolean create) {
    JsonNode v = get(r);
    if (v instanceof ObjectNode o) {
      if (owned.contains(o)) {
        return o;
      }
      ObjectNode c = own(o.deepCopy());
      set(r, c);
      return c;
    }
    if (!create) {
      return null;
    }
    ObjectNode o = own(NODES.objectNode());
    set(r, o);
    return o;
  }

  /**
   * Sets the value of {@code r}, or removes it for null (and an extension left empty). Ends the
   * {@link #lookup} of {@code r} unless {@code v} is its array.
   */
  void set(ResolvedAttribute r, @Nullable JsonNode v) {
    if (shrunk != null && shrunk.attribute() == key(r) && shrunk.now() != v) {
      shrunk = null;
    }
    ValueLookup l = lookups.get(key(r));
    if (l != null && l.array() != v) {
      l.invalidate();
    }
    if (v == null) {
      ObjectNode c = container(r, false);
      if (c != null) {
        c.remove(r.attribute().name());
        if (r.extension() && c.isEmpty()) {
          doc.remove(r.schemaUri());
        }
      }
      return;
    }
    ownedContainer(r).set(r.attribute().name(), v);
  }

  /** Drops empty objects from {@code arr} (an array of this copy), and the attribute when nothing is left. */
  void removeEmptyElements(ResolvedAttribute r, ArrayNode arr) {
    for (int i = arr.size() - 1; i >= 0; i--) {
      JsonNode e = arr.get(i);
      if (e.isObject() && e.isEmpty()) {
        arr.remove(i);
      }
    }
    if (arr.isEmpty() && get(r) == arr) {
      set(r, null);
    }
  }

  /** The value of the top-level attribute of {@code r} in {@code root}, or null when absent or null. */
  static @Nullable JsonNode valueIn(ObjectNode root, ResolvedAttribute r) {
    JsonNode c = r.extension() ? root.get(r.schemaUri()) : root;
    JsonNode v = c == null ? null : c.get(r.attribute().name());
    return v == null || v.isNull() ? null : v;
  }
}
