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

/**
 * The properties of an {@code ObjectNode} as {@link TreeReader} builds it: an insertion-ordered
 * map that holds up to {@value #SMALL} properties in one array of names and values, without an
 * object per property (a third of the memory of a {@link LinkedHashMap}, found by a scan that
 * costs no more than hashing for so few)
 * and moves them into a {@link LinkedHashMap} when it grows beyond, so that a large object is not
 * scanned. It behaves as a {@link LinkedHashMap} in insertion order: {@code equals} and {@code
 * hashCode} of {@link Map}, views and entries that write through, iterators that fail on a
 * concurrent change. Null names are refused, as {@code ObjectNode} never stores them.
 */
public final class CompactProperties extends AbstractMap<String, JsonNode> implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Most properties held in the array; a SCIM resource or a complex value has fewer. */
  public static final int SMALL = 16;

  /**
   * A property as iteration hands it out, made on demand: the map holds names and values in one
   * array, not an entry per property. It reads and writes through the map while the map holds its
   * name (the same String; as a LinkedHashMap's entry does while in the map) in the array, and
   * holds its last value otherwise (so two entries of a property removed since are two copies,
   * where a LinkedHashMap has one entry).
   */
  private final class Property implements Map.Entry<String, JsonNode> {
    private final int at;
    private final String name;
    private JsonNode value;

    Property(int at, String name, JsonNode value) {
      this.at = at;
      this.name = name;
      this.value = value;
    }

    /** Where the map holds this property's name now, or -1. */
    private int place() {
      Object[] a = kv;
      if (a == null) {
        return -1;
      }
      int n = 2 * size;
      if (at < n && a[at] == name) {
        return at;
      }
      for (int i = 0; i < n; i += 2) {
        if (a[i] == name) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public String getKey() {
      return name;
    }

    @Override
    public JsonNode getValue() {
      int i = place();
      if (i >= 0) {
        value = (JsonNode) kv[i + 1];
      }
      return value;
    }

    @Override
    public JsonNode setValue(JsonNode value) {
      JsonNode old = getValue();
      int i = place();
      if (i >= 0) {
        kv[i + 1] = value;
      }
      this.value = value;
      return old;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Map.Entry<?, ?> e && name.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return name.hashCode() ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return name + "=" + getValue();
    }
  }

  /** Names and values in order, {@code kv[2i]} and {@code kv[2i + 1]}; null once {@link #big} holds them. */
  private Object @Nullable [] kv;
  private int size;
  private @Nullable LinkedHashMap<String, JsonNode> big;
  private transient int modCount;
  private transient @Nullable Set<Map.Entry<String, JsonNode>> entries;

  /**
   * Takes the {@code size} first properties of {@code kv} (names at even places, their values
   * after them; distinct names, at most {@link #SMALL}), and the array itself: the caller gives it
   * up.
   */
  public CompactProperties(Object[] kv, int size) {
    if (size > SMALL || 2 * size > kv.length) {
      throw new IllegalArgumentException("at most " + SMALL + " properties");
    }
    this.kv = kv;
    this.size = size;
  }

  /** The place of {@code name}'s name in {@link #kv}, or -1. */
  private int indexOf(@Nullable Object name) {
    Object[] a = kv;
    for (int i = 0, n = 2 * size; i < n; i += 2) {
      Object k = a[i];
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
    return i < 0 ? null : (JsonNode) kv[i + 1];
  }

  @Override
  public @Nullable JsonNode put(String name, JsonNode value) {
    Objects.requireNonNull(name, "name");
    if (big != null) {
      return big.put(name, value);
    }
    int i = indexOf(name);
    Object[] a = kv;
    if (i >= 0) {
      JsonNode old = (JsonNode) a[i + 1];
      a[i + 1] = value;
      return old;
    }
    modCount++;
    if (size == SMALL) {
      LinkedHashMap<String, JsonNode> m = new LinkedHashMap<>(SMALL * 4);
      for (int j = 0; j < 2 * size; j += 2) {
        m.put((String) a[j], (JsonNode) a[j + 1]);
      }
      m.put(name, value);
      big = m;
      kv = null;
      size = 0;
      return null;
    }
    int at = 2 * size;
    if (at == a.length) {
      a = kv = Arrays.copyOf(a, Math.max(8, a.length * 2));
    }
    a[at] = name;
    a[at + 1] = value;
    size++;
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
    JsonNode old = (JsonNode) kv[i + 1];
    removeAt(i);
    return old;
  }

  /** Removes the property whose name is at {@code i}. */
  private void removeAt(int i) {
    modCount++;
    Object[] a = kv;
    int end = 2 * size;
    System.arraycopy(a, i + 2, a, i, end - i - 2);
    a[end - 2] = null;
    a[end - 1] = null;
    size--;
  }

  @Override
  public void clear() {
    if (big != null) {
      big.clear();
      return;
    }
    modCount++;
    Arrays.fill(kv, 0, 2 * size, null);
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
      Object[] a = kv;
      return new Property(2 * last, (String) a[2 * last], (JsonNode) a[2 * last + 1]);
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException();
      }
      check();
      removeAt(2 * last);
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
