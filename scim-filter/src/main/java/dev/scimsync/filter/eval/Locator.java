package dev.scimsync.filter.eval;

import dev.scimsync.filter.internal.JsonNodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the values an attribute path denotes in a resource (or, inside a value filter, in one
 * value of a multi-valued attribute). Multi-valued attributes yield each of their values; a complex
 * value compared without sub-attribute yields its {@code value} sub-attribute.
 *
 * <p>Besides one resource at a time, a locator looks up its attribute in a batch of resources one
 * step at a time ({@link #attributes}): each step's look-ups are independent of each other, so the
 * processor fetches the trees of many resources from memory at once instead of one after another.
 */
final class Locator {

  /** Tests one JSON value; never called with null or JSON null. */
  interface ValueTest {
    boolean test(JsonNode value);
  }

  // Not final: each is replaced, once, by the equal String that a resource holds as its property
  // name ({@link #learn}). A racing thread may see either; both are equal, so both find the same.
  private @Nullable String extension;
  private String name;
  private @Nullable String sub;
  private final boolean insideValue;
  /** Inside a value filter, {@code value} names a simple element itself. */
  private final boolean valueOfSimple;
  /**
   * Whether names are looked up by their exact spelling only ({@link NameSpellings}): then {@code
   * extension}, {@code name}, {@code sub} and {@code value} are the recorded spellings.
   */
  private final boolean exact;
  /** The spelling of {@code value}, which a complex attribute compared without sub-attribute compares. */
  private String value;
  /** The names ({@link #EXTENSION}, ...) whose instance in the resources {@link #learn} took. */
  private int learned;
  /** Where a {@link ResourceTable} keeps what this finds; null inside a value filter. */
  private final @Nullable Path path;

  /**
   * A path at the top level of a filter, as a {@link ResourceTable} keys its columns: the names as
   * given to the locator, so that two locators with equal paths find the same nodes in every
   * resource that either applies to.
   */
  record Path(@Nullable String extension, String name, @Nullable String sub) {
    /** A locator of this path that looks names up in any case, as for any resource. */
    Locator locator() {
      return new Locator(extension, name, sub, false, null);
    }
  }

  private static final int EXTENSION = 1;
  private static final int NAME = 2;
  private static final int SUB = 4;
  private static final int VALUE = 8;

  /**
   * @param extension the URN of the extension object to look in, or null for the top level
   * @param insideValue true inside a value filter, where {@code value} names a simple element itself
   */
  Locator(@Nullable String extension, String name, @Nullable String sub, boolean insideValue) {
    this(extension, name, sub, insideValue, null);
  }

  /**
   * @param spellings when not null, names are looked up in their spelling there, exactly: for
   *     resources that {@code spellings} accepted
   */
  Locator(@Nullable String extension, String name, @Nullable String sub, boolean insideValue,
      @Nullable NameSpellings spellings) {
    this.valueOfSimple = insideValue && name.equalsIgnoreCase("value") && extension == null;
    this.insideValue = insideValue;
    this.exact = spellings != null;
    if (spellings != null) {
      this.extension = extension == null ? null : spellings.spelling(extension);
      this.name = spellings.spelling(name);
      this.sub = sub == null ? null : spellings.spelling(sub);
      this.value = spellings.spelling("value");
    } else {
      this.extension = extension;
      this.name = name;
      this.sub = sub;
      this.value = "value";
    }
    this.path = insideValue ? null : new Path(this.extension, this.name, this.sub);
  }

  /**
   * The key of this locator's column in a {@link ResourceTable}, null inside a value filter. A
   * locator with exact look-ups ({@link NameSpellings}) has the path of its spellings: on the
   * resources it applies to, looking those up in any case finds what it finds.
   */
  @Nullable Path path() {
    return path;
  }

  /**
   * {@code key}, or the String equal to it that a resource the batch look-up of {@code key} found
   * it in holds as the property's name, once: then {@code bit} is set in {@link #learned}. A parser
   * that canonicalizes names (Jackson does, per factory) gives every resource it reads that same
   * instance, and a hash look-up with it finds the property by identity, without comparing the
   * characters. Found in {@code out[outFrom + i]} for the first bit {@code i} of {@code mask} that
   * found something, in {@code in[inFrom + i]}.
   */
  private String learn(int bit, String key, @Nullable JsonNode[] in, int inFrom, long mask,
      @Nullable JsonNode[] out, int outFrom) {
    for (long m = mask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      JsonNode object = in[inFrom + i];
      if (out[outFrom + i] != null && object != null) {
        learned |= bit;
        return JsonNodes.nameInstance(object, key);
      }
    }
    return key;
  }

  /** The property of {@code object} named {@code key} (a spelling of this locator's), or null. */
  private @Nullable JsonNode get(@Nullable JsonNode object, String key) {
    if (exact) {
      return object instanceof ObjectNode o ? o.get(key) : null;
    }
    return JsonNodes.get(object, key);
  }

  /** The attribute's node, or null when absent. */
  @Nullable JsonNode attribute(JsonNode root) {
    JsonNode base = root;
    if (extension != null) {
      base = get(root, extension);
      if (base == null) {
        return null;
      }
    }
    return in(base);
  }

  /** The attribute in the object (top level or extension) that holds it. */
  private @Nullable JsonNode in(JsonNode base) {
    if (!(base instanceof ObjectNode)) {
      return valueOfSimple ? base : null;
    }
    return get(base, name);
  }

  /**
   * Looks the attribute up in {@code resources[from + i]} for each bit {@code i} of {@code mask}
   * and puts it (or null) in {@code out[i]}; for a path with sub-attribute, a single complex
   * attribute is replaced by its sub-attribute's value, and those {@code i} are the bits of the
   * result. {@code out[i]} then holds what {@link #anyValueIn} or {@link #anyLeaf} takes. {@code
   * out} has room for {@code 2 * }{@link Node#BATCH} nodes (of {@link Node#SCRATCH}); the upper
   * half is work space.
   */
  long attributes(JsonNode[] resources, int from, long mask, @Nullable JsonNode[] out) {
    JsonNode[] bases = resources;
    int basesFrom = from;
    String ext = extension;
    if (ext != null) {
      JsonNodes.getAll(resources, from, mask, ext, out, Node.BATCH, exact);
      if ((learned & EXTENSION) == 0) {
        extension = learn(EXTENSION, ext, resources, from, mask, out, Node.BATCH);
      }
      bases = out;
      basesFrom = Node.BATCH;
    }
    JsonNodes.getAll(bases, basesFrom, mask, name, out, 0, exact);
    if ((learned & NAME) == 0) {
      name = learn(NAME, name, bases, basesFrom, mask, out, 0);
    }
    if (valueOfSimple) {
      for (long m = mask; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        JsonNode base = bases[basesFrom + i];
        if (base != null && !(base instanceof ObjectNode)) {
          out[i] = base;
        }
      }
    }
    String sub = this.sub;
    if (sub == null) {
      return 0;
    }
    long leaves = 0;
    for (long m = mask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      if (out[i] instanceof ObjectNode) {
        leaves |= 1L << i;
      }
    }
    JsonNodes.getAll(out, 0, leaves, sub, out, Node.BATCH, exact);
    if ((learned & SUB) == 0) {
      this.sub = learn(SUB, sub, out, 0, leaves, out, Node.BATCH);
    }
    for (long m = leaves; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      out[i] = out[Node.BATCH + i];
    }
    return leaves;
  }

  /** Where in the work space {@link #anyValueInArrays} takes its arrays. */
  static final int ARRAYS = 2 * Node.BATCH;

  /** Where in the work space {@link #anyValueInArrays} puts the values of one round. */
  private static final int ELEMENTS = 3 * Node.BATCH;

  /**
   * Whether {@link #anyValueInArrays} may be used: not inside a value filter, whose {@link
   * Node.ValuePath} keeps its own values in the same part of the work space.
   */
  boolean testsArraysInRounds() {
    return !insideValue;
  }

  /**
   * {@link #anyValueIn} for the arrays {@code scratch[}{@link #ARRAYS}{@code + i]}, each bit {@code
   * i} of {@code arrays}: the bits of those with a value passing {@code test}. The arrays are
   * walked in rounds, the k-th value of each one still unmatched in round k, so that the look-ups
   * of the values' sub-attributes run across the batch; {@code scratch[0..2 * BATCH)} and the
   * round's values are overwritten.
   */
  long anyValueInArrays(@Nullable JsonNode[] scratch, long arrays, ValueTest test) {
    String key = sub != null ? sub : value;
    long hit = 0;
    long pending = arrays;
    for (int k = 0; pending != 0; k++) {
      long objects = 0;
      for (long m = pending; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        ArrayNode array = (ArrayNode) scratch[ARRAYS + i];
        if (k >= array.size()) {
          pending &= ~(1L << i);
          continue;
        }
        JsonNode e = array.get(k);
        if (e instanceof ObjectNode) {
          scratch[ELEMENTS + i] = e;
          objects |= 1L << i;
        } else if (sub == null && !(e instanceof NullNode) && !(e instanceof ContainerNode) && test.test(e)) {
          hit |= 1L << i;
          pending &= ~(1L << i);
        }
      }
      if (objects == 0) {
        continue;
      }
      JsonNodes.getAll(scratch, ELEMENTS, objects, key, scratch, 0, exact);
      int bit = sub != null ? SUB : VALUE;
      if ((learned & bit) == 0) {
        String instance = learn(bit, key, scratch, ELEMENTS, objects, scratch, 0);
        if (sub != null) {
          sub = instance;
        } else {
          value = instance;
        }
      }
      for (long m = objects; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        JsonNode v = scratch[i];
        boolean any = sub != null ? anyLeaf(v, test)
            : v != null && !(v instanceof NullNode) && !(v instanceof ContainerNode) && test.test(v);
        if (any) {
          hit |= 1L << i;
          pending &= ~(1L << i);
        }
      }
    }
    return hit;
  }

  /** True when some value at this path passes {@code test}. */
  boolean anyValue(JsonNode root, ValueTest test) {
    return anyValueIn(attribute(root), test);
  }

  /** True when some value of the attribute node {@code a} (null when absent) passes {@code test}. */
  boolean anyValueIn(@Nullable JsonNode a, ValueTest test) {
    if (a == null || a instanceof NullNode) {
      return false;
    }
    if (sub == null) {
      if (a instanceof ArrayNode array) {
        for (int i = 0, n = array.size(); i < n; i++) {
          JsonNode e = array.get(i);
          JsonNode v = e instanceof ObjectNode ? get(e, value) : e;
          if (v != null && !(v instanceof NullNode) && !(v instanceof ContainerNode) && test.test(v)) {
            return true;
          }
        }
        return false;
      }
      if (a instanceof ObjectNode) {
        JsonNode v = get(a, value);
        return v != null && !(v instanceof NullNode) && !(v instanceof ContainerNode) && test.test(v);
      }
      return test.test(a);
    }
    if (a instanceof ArrayNode array) {
      for (int i = 0, n = array.size(); i < n; i++) {
        JsonNode e = array.get(i);
        if (e instanceof ObjectNode && anyLeaf(get(e, sub), test)) {
          return true;
        }
      }
      return false;
    }
    return a instanceof ObjectNode && anyLeaf(get(a, sub), test);
  }

  /** True when the sub-attribute value {@code v} (null when absent) is or holds a value passing {@code test}. */
  static boolean anyLeaf(@Nullable JsonNode v, ValueTest test) {
    if (v == null || v instanceof NullNode) {
      return false;
    }
    if (v instanceof ArrayNode array) {
      for (int i = 0, n = array.size(); i < n; i++) {
        JsonNode e = array.get(i);
        if (!(e instanceof NullNode) && !(e instanceof ContainerNode) && test.test(e)) {
          return true;
        }
      }
      return false;
    }
    return !(v instanceof ObjectNode) && test.test(v);
  }

  /** True when the path has a value that {@code pr} counts. */
  boolean present(JsonNode root) {
    return presentIn(attribute(root));
  }

  /** {@link #present} for the attribute node {@code a}, null when absent. */
  boolean presentIn(@Nullable JsonNode a) {
    if (a == null) {
      return false;
    }
    if (sub == null) {
      return JsonNodes.isPresent(a);
    }
    if (a instanceof ArrayNode array) {
      for (int i = 0, n = array.size(); i < n; i++) {
        JsonNode e = array.get(i);
        if (e instanceof ObjectNode && JsonNodes.isPresent(get(e, sub))) {
          return true;
        }
      }
      return false;
    }
    return a instanceof ObjectNode && JsonNodes.isPresent(get(a, sub));
  }
}
