package dev.scimsync.core.internal;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The properties of an {@code ObjectNode} as {@link TreeReader} builds it: an insertion-ordered
 * map that holds up to {@value #SMALL} properties in one array of entries (less than half the
 * memory of a {@link LinkedHashMap}, found by a scan that costs no more than hashing for so few)
 * and moves them into a {@link LinkedHashMap} when it grows beyond, so that a large object is not
 * scanned. It behaves as a {@link LinkedHashMap} in insertion order: {@code equals} and {@code
 * hashCode} of {@link Map}, views and entries that write through, iterators that fail on a
 * concurrent change. Null names are refused, as {@code ObjectNode} never stores them.
 */
public final class CompactProperties extends AbstractMap<String, JsonNode> implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Most properties held in the array; a SCIM resource or a complex value has fewer. */
  public static final int SMALL = 16;

  /** A property; the map holds it, so its {@code setValue} writes through, as a LinkedHashMap's. */
  public static final class Property implements Map.Entry<String, JsonNode>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private JsonNode value;

    /** A property of {@code name} with {@code value}. */
    public Property(String name, JsonNode value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public String getKey() {
      return name;
    }

    @Override
    public JsonNode getValue() {
      return value;
    }

    @Override
    public JsonNode setValue(JsonNode value) {
      JsonNode old = this.value;
      this.value = value;
      return old;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Map.Entry<?, ?> e && name.equals(e.getKey()) && Objects.equals(value, e.getValue());
    }

    @Override
    public int hashCode() {
      return name.hashCode() ^ Objects.hashCode(value);
    }

    @Override
    public String toString() {
      return name + "=" + value;
    }
  }

  /** The properties in order; null once {@link #big} holds them. */
  private Property @Nullable [] props;
  private int size;
  private @Nullable LinkedHashMap<String, JsonNode> big;
  private transient int modCount;
  private transient @Nullable Set<Map.Entry<String, JsonNode>> entries;

  /**
   * Takes the {@code size} first of {@code props} (distinct names, at most {@link #SMALL}), and
   * the array itself: the caller gives it up.
   */
  public CompactProperties(Property[] props, int size) {
    if (size > SMALL || size > props.length) {
      throw new IllegalArgumentException("at most " + SMALL + " properties");
    }
    this.props = props;
    this.size = size;
  }

  /**
   * A new object node with the properties of {@code o} in its order, the values shared (not
   * copied): in the array form when there are at most {@link #SMALL} of them, with room for a few
   * more, so that copying a small object costs no hashing; else a node as {@code objectNode()}
   * makes it. Changing the copy does not change {@code o}.
   */
  public static ObjectNode shallowCopy(ObjectNode o) {
    int n = o.size();
    if (n > SMALL) {
      ObjectNode c = JsonNodeFactory.instance.objectNode();
      c.setAll(o);
      return c;
    }
    Property[] props = new Property[Math.min(SMALL, n + 4)];
    int i = 0;
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      props[i++] = new Property(e.getKey(), e.getValue());
    }
    return new ObjectNode(JsonNodeFactory.instance, new CompactProperties(props, i));
  }

  /**
   * A deep copy of {@code o}, equal to {@code o.deepCopy()}, with each object of at most {@link
   * #SMALL} properties in the array form: copying a small value (a group member) costs no hashing.
   */
  public static ObjectNode deepCopy(ObjectNode o) {
    int n = o.size();
    if (n > SMALL) {
      return o.deepCopy();
    }
    Property[] props = new Property[n];
    int i = 0;
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      JsonNode v = e.getValue();
      props[i++] = new Property(e.getKey(), v instanceof ObjectNode c ? deepCopy(c) : v.deepCopy());
    }
    return new ObjectNode(JsonNodeFactory.instance, new CompactProperties(props, i));
  }

  private int indexOf(@Nullable Object name) {
    Property[] a = props;
    for (int i = 0, n = size; i < n; i++) {
      String k = a[i].name;
      if (k == name || k.equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return big != null ? big.size() : size;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean containsKey(@Nullable Object name) {
    return big != null ? big.containsKey(name) : indexOf(name) >= 0;
  }

  @Override
  public @Nullable JsonNode get(@Nullable Object name) {
    if (big != null) {
      return big.get(name);
    }
    int i = indexOf(name);
    return i < 0 ? null : props[i].value;
  }

  /**
   * {@link #get} for a caller that looks one name up in many objects: {@code hint[0]}, an instance
   * of {@code name} seen before (or null), is compared by reference before the names are compared
   * as text, and the instance found is left there for the next object.
   */
  public @Nullable JsonNode get(String name, String[] hint) {
    if (big != null) {
      return big.get(name);
    }
    Property[] a = props;
    String h = hint[0];
    for (int i = 0, n = size; i < n; i++) {
      String k = a[i].name;
      if (k == h || k == name) {
        return a[i].value;
      }
    }
    int i = indexOf(name);
    if (i < 0) {
      return null;
    }
    hint[0] = a[i].name;
    return a[i].value;
  }

  /**
   * {@link #get(String, String[])}, given the property that was this map's first (or null): when it
   * still is and has the name, its value is the answer. The caller holds that property already, so
   * it is read at the same time as this map, not after it and its array.
   */
  public @Nullable JsonNode get(String name, String[] hint, @Nullable Property first) {
    if (first != null) {
      String k = first.name;
      Property[] a = props;
      if ((k == hint[0] || k == name) && a != null && size > 0 && a[0] == first) {
        return first.value;
      }
    }
    return get(name, hint);
  }

  /** The first property, or null when there is none or the map is hashed. */
  @Nullable Property first() {
    Property[] a = props;
    return a != null && size > 0 ? a[0] : null;
  }

  @Override
  public @Nullable JsonNode put(String name, JsonNode value) {
    Objects.requireNonNull(name, "name");
    if (big != null) {
      return big.put(name, value);
    }
    int i = indexOf(name);
    if (i >= 0) {
      return props[i].setValue(value);
    }
    modCount++;
    if (size == SMALL) {
      LinkedHashMap<String, JsonNode> m = new LinkedHashMap<>(SMALL * 4);
      for (int j = 0; j < size; j++) {
        m.put(props[j].name, props[j].value);
      }
      m.put(name, value);
      big = m;
      props = null;
      size = 0;
      return null;
    }
    if (size == props.length) {
      props = Arrays.copyOf(props, Math.max(4, props.length * 2));
    }
    props[size++] = new Property(name, value);
    return null;
  }

  @Override
  public @Nullable JsonNode remove(@Nullable Object name) {
    if (big != null) {
      return big.remove(name);
    }
    int i = indexOf(name);
    if (i < 0) {
      return null;
    }
    JsonNode old = props[i].value;
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    modCount++;
    System.arraycopy(props, i + 1, props, i, size - i - 1);
    props[--size] = null;
  }

  @Override
  public void clear() {
    if (big != null) {
      big.clear();
      return;
    }
    modCount++;
    Arrays.fill(props, 0, size, null);
    size = 0;
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    Set<Map.Entry<String, JsonNode>> e = entries;
    if (e == null) {
      e = new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, JsonNode>> iterator() {
          return big != null ? big.entrySet().iterator() : new Entries();
        }

        @Override
        public int size() {
          return CompactProperties.this.size();
        }

        @Override
        public void clear() {
          CompactProperties.this.clear();
        }
      };
      entries = e;
    }
    return e;
  }

  /** The array's properties in order; moving to {@link #big} while iterating is a concurrent change. */
  private final class Entries implements Iterator<Map.Entry<String, JsonNode>> {
    private int next;
    private int last = -1;
    private int expected = modCount;

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Map.Entry<String, JsonNode> next() {
      check();
      if (next >= size) {
        throw new NoSuchElementException();
      }
      last = next++;
      return props[last];
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException();
      }
      check();
      removeAt(last);
      next = last;
      last = -1;
      expected = modCount;
    }

    private void check() {
      if (modCount != expected || big != null) {
        throw new ConcurrentModificationException();
      }
    }
  }
}
