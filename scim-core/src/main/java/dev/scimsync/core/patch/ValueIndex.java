package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.OrFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Where the values of one long multi-valued attribute ({@code members}) are, by their {@code value}:
 * so that an {@code add} finds an existing equal value, and the change set a value kept, without
 * reading every member. Immutable; it describes one array of a resource, which never changes, and
 * is kept with that resource ({@link dev.scimsync.core.internal.Access#memo}) for the next PATCH.
 *
 * <p>Only a candidate filter: the key folds case the way {@link String#equalsIgnoreCase} does, so
 * every value equal to another under {@link ValueIdentity} has the same key, and each candidate is
 * then tested with the exact rule. Values that are not objects with a string {@code value} have no
 * key; they can never equal a value that has one.
 *
 * <p>A patched resource that only gained values gets this index extended by a layer (the new
 * positions); after {@value #MAX_DEPTH} layers it is built again, so the cost per PATCH stays
 * constant on average.
 */
final class ValueIndex {

  /** Shorter lists are scanned: hashing every value costs more than comparing it. */
  static final int MIN_SIZE = 32;

  private static final int MAX_DEPTH = 16;

  /**
   * Kept with a resource that was patched (or is the result of a PATCH) but has no index: the next
   * PATCH of it builds one. A resource patched once is scanned instead, which costs less than
   * building an index for one look-up.
   */
  static final Object WANTED = new Object();

  private final AttributeDefinition attribute;
  private final boolean caseExact;
  private final ArrayNode array;
  private final @Nullable ValueIndex parent;
  /** Key to an {@code Integer} position, or an {@code int[]} of positions (first is the count). */
  private final Map<String, Object> positions;
  private final int depth;
  /** How many values of the array (all layers) have no key. */
  private final int keyless;

  /**
   * Positions of the parent's array (ascending) that this layer's array no longer has: the values
   * after each shift down; empty for a layer that only appends.
   */
  private final int[] removed;

  private ValueIndex(AttributeDefinition attribute, boolean caseExact, ArrayNode array, @Nullable ValueIndex parent,
      Map<String, Object> positions, int keyless) {
    this(attribute, caseExact, array, parent, positions, keyless, NONE);
  }

  private static final int[] NONE = new int[0];

  private ValueIndex(AttributeDefinition attribute, boolean caseExact, ArrayNode array, @Nullable ValueIndex parent,
      Map<String, Object> positions, int keyless, int[] removed) {
    this.removed = removed;
    this.attribute = attribute;
    this.caseExact = caseExact;
    this.array = array;
    this.parent = parent;
    this.positions = positions;
    this.depth = parent == null ? 0 : parent.depth + 1;
    this.keyless = keyless;
  }

  /** The index of every element of {@code array}, the value of {@code attribute}. */
  static ValueIndex of(AttributeDefinition attribute, boolean caseExact, ArrayNode array) {
    Map<String, Object> m = new HashMap<>(Math.max(16, array.size() * 4 / 3 + 1));
    int keyless = 0;
    for (int i = 0, n = array.size(); i < n; i++) {
      String k = key(array.get(i), caseExact);
      if (k != null) {
        m.put(k, plus(m.get(k), i));
      } else {
        keyless++;
      }
    }
    return new ValueIndex(attribute, caseExact, array, null, m, keyless);
  }

  /**
   * The index of {@code array}, given the positions of its values by key (as kept by {@link #plus})
   * and how many have no key; takes {@code positions}, which nobody may change afterwards.
   */
  static ValueIndex of(AttributeDefinition attribute, boolean caseExact, ArrayNode array, Map<String, Object> positions,
      int keyless) {
    return new ValueIndex(attribute, caseExact, array, null, positions, keyless);
  }

  /**
   * The index of {@code grown}: this index's array followed by the values whose positions are in
   * {@code added} (as kept by {@link #plus}), {@code addedKeyless} of them without a key; takes
   * {@code added}, which nobody may change afterwards.
   */
  ValueIndex extend(ArrayNode grown, Map<String, Object> added, int addedKeyless) {
    if (depth + 1 >= MAX_DEPTH) {
      return of(attribute, caseExact, grown);
    }
    return new ValueIndex(attribute, caseExact, grown, this, added, keyless + addedKeyless);
  }

  /**
   * The index of {@code shrunk}: this index's array without the values at {@code gone} (ascending
   * positions of values that have a key), the others in the same order.
   */
  ValueIndex without(ArrayNode shrunk, int[] gone) {
    if (depth + 1 >= MAX_DEPTH) {
      return of(attribute, caseExact, shrunk);
    }
    return new ValueIndex(attribute, caseExact, shrunk, this, Map.of(), keyless, gone);
  }

  /**
   * How many values have no key (not an object with a string {@code value}): a filter on {@code
   * value} may match them in ways a key cannot tell ({@code "Value"}, a list), so only a scan can.
   */
  int keyless() {
    return keyless;
  }

  /** Every position with key {@code key}, ascending; empty when none. */
  int[] all(String key) {
    int[] own = concat(positions.get(key), NONE);
    if (parent == null) {
      return own;
    }
    // the parent's positions are all below this layer's own, once shifted past the removed ones
    int[] inherited = parent.all(key);
    int n = 0;
    for (int p : inherited) {
      int at = java.util.Arrays.binarySearch(removed, p);
      if (at < 0) {
        inherited[n++] = p - (-at - 1);
      }
    }
    int[] out = new int[n + own.length];
    System.arraycopy(inherited, 0, out, 0, n);
    System.arraycopy(own, 0, out, n, own.length);
    return out;
  }

  /** The positions in {@code at} (as kept by {@link #plus}) followed by {@code rest}. */
  static int[] concat(@Nullable Object at, int[] rest) {
    if (at == null) {
      return rest;
    }
    if (at instanceof Integer p) {
      int[] out = new int[rest.length + 1];
      out[0] = p;
      System.arraycopy(rest, 0, out, 1, rest.length);
      return out;
    }
    int[] ps = (int[]) at;
    int[] out = new int[ps[0] + rest.length];
    System.arraycopy(ps, 1, out, 0, ps[0]);
    System.arraycopy(rest, 0, out, ps[0], rest.length);
    return out;
  }

  /** Whether this is the index of {@code arr} as the value of {@code attribute}, compared by value case as given. */
  boolean describes(AttributeDefinition attribute, boolean caseExact, @Nullable JsonNode arr) {
    return array == arr && this.caseExact == caseExact && this.attribute == attribute;
  }

  boolean caseExact() {
    return caseExact;
  }

  AttributeDefinition attribute() {
    return attribute;
  }

  ArrayNode array() {
    return array;
  }

  /** The smallest position with key {@code key} for which {@code test} holds, or -1. */
  int first(String key, IntPredicate test) {
    if (parent == null) {
      return firstIn(positions.get(key), test);
    }
    for (int p : all(key)) {
      if (test.test(p)) {
        return p;
      }
    }
    return -1;
  }

  /** The smallest position in {@code at} (as kept by {@link #plus}) for which {@code test} holds, or -1. */
  static int firstIn(@Nullable Object at, IntPredicate test) {
    if (at == null) {
      return -1;
    }
    if (at instanceof Integer p) {
      return test.test(p) ? p : -1;
    }
    int[] ps = (int[]) at;
    for (int i = 1; i <= ps[0]; i++) {
      if (test.test(ps[i])) {
        return ps[i]; // kept in ascending order
      }
    }
    return -1;
  }

  static int min(int a, int b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /** {@code at} (null, an {@code Integer} or a counted {@code int[]}) with position {@code p}, larger than all in it. */
  static Object plus(@Nullable Object at, int p) {
    if (at == null) {
      return p;
    }
    if (at instanceof Integer q) {
      return new int[] {2, q, p, 0};
    }
    int[] ps = (int[]) at;
    if (ps[0] + 1 == ps.length) {
      int[] grown = new int[ps.length * 2];
      System.arraycopy(ps, 0, grown, 0, ps.length);
      ps = grown;
    }
    ps[++ps[0]] = p;
    return ps;
  }

  /**
   * The {@code value}s of which a value must have one for {@code filter}, a value filter on a list
   * whose {@code value} is text, to select it: those of {@code value eq "..."} (so spelled), of
   * every term of an {@code or}, or of one term of an {@code and}. Null when the filter does not
   * demand one: then only a scan can tell what it selects.
   */
  static @Nullable List<String> demandedValues(Filter filter) {
    if (filter instanceof ComparisonFilter c) {
      // inside a value filter the evaluator reads the sub-attribute by name alone; only the usual
      // spelling is taken, so that "value" is the exact property the key is made of
      return c.operator() == ComparisonOperator.EQ && c.path().name().equals("value")
          && c.path().subAttribute() == null && c.value() instanceof Literal.StringLiteral s ? List.of(s.value()) : null;
    }
    if (filter instanceof AndFilter and) {
      for (Filter f : and.operands()) {
        List<String> vs = demandedValues(f);
        if (vs != null) {
          return vs;
        }
      }
      return null;
    }
    if (filter instanceof OrFilter or) {
      List<String> out = new ArrayList<>();
      for (Filter f : or.operands()) {
        List<String> vs = demandedValues(f);
        if (vs == null) {
          return null;
        }
        out.addAll(vs);
      }
      return out;
    }
    return null;
  }

  /** The key of an element: its string {@code value}, case-folded unless {@code caseExact}; null without one. */
  static @Nullable String key(JsonNode element, boolean caseExact) {
    if (!(element instanceof ObjectNode o)) {
      return null;
    }
    JsonNode v = o.get("value");
    if (v == null || !v.isString()) {
      return null;
    }
    return caseExact ? v.stringValue() : fold(v.stringValue());
  }

  /**
   * Two strings are {@link String#equalsIgnoreCase} equal exactly when their folds are equal: that
   * method compares code points by upper case, then by the lower case of the upper case.
   */
  static String fold(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder b = new StringBuilder(n);
    b.append(s, 0, i);
    while (i < n) {
      int cp = s.codePointAt(i);
      b.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp)));
      i += Character.charCount(cp);
    }
    return b.toString();
  }
}
