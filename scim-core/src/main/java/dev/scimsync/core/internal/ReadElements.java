package dev.scimsync.core.internal;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The elements of an {@code ArrayNode} as {@link TreeReader} builds it: a list in one array, as an
 * {@code ArrayList}, that also keeps, for each element the reader made as a small object, that
 * object's {@link CompactProperties}. A scan of a long list of objects for one property (a group's
 * members by {@code value}) then reads each object's properties without {@code ObjectNode.get}:
 * that call goes through {@code Map.get}, an interface call whose receiver type is profiled in
 * {@code ObjectNode.get} for every caller at once, so that in a program that also reads other
 * objects it is dispatched through the interface table (about three times the cost of the read
 * itself for a list in the cache), and it reads the node before its map (one more dependent load
 * for a list that is not in the cache).
 *
 * <p>An object's map is its own for good ({@code ObjectNode} holds it in a final field), so a kept
 * map stays right while its element stays at its place: setting an element forgets its map, and any
 * other change but an append forgets them all.
 */
public final class ReadElements extends AbstractList<JsonNode> implements RandomAccess, Serializable {

  private static final long serialVersionUID = 1L;

  private JsonNode[] elements;
  private int size;
  /** Per element, its map when it is an object the reader made small; null once forgotten. */
  private transient CompactProperties @Nullable [] maps;

  /**
   * Per element with a map, the first property the map had when read (null when forgotten): a scan
   * for the first property reads it at the same time as the map, instead of after the map and its
   * array (one dependent read less per element for a list not in the cache).
   */
  private transient CompactProperties.Property @Nullable [] firsts;

  /** Takes the {@code size} first of {@code elements} and of {@code maps}, and the arrays themselves. */
  ReadElements(JsonNode[] elements, int size, CompactProperties @Nullable [] maps) {
    this.elements = elements;
    this.size = size;
    this.maps = maps;
    if (maps != null) {
      CompactProperties.Property[] f = new CompactProperties.Property[maps.length];
      for (int i = 0; i < size; i++) {
        CompactProperties m = maps[i];
        f[i] = m == null ? null : m.first();
      }
      firsts = f;
    }
  }

  /**
   * The first property the map {@link #mapAt} gives had when read, or null; only a hint: {@link
   * CompactProperties#get(String, String[], CompactProperties.Property)} checks that it still is.
   */
  public CompactProperties.@Nullable Property firstAt(int index) {
    CompactProperties.Property[] f = firsts;
    return f != null && index < f.length ? f[index] : null;
  }

  @Override
  public JsonNode get(int index) {
    Objects.checkIndex(index, size);
    return elements[index];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public JsonNode set(int index, JsonNode element) {
    Objects.checkIndex(index, size);
    JsonNode old = elements[index];
    elements[index] = element;
    CompactProperties[] m = maps;
    if (m != null) {
      m[index] = null;
    }
    return old;
  }

  @Override
  public boolean add(JsonNode element) {
    modCount++;
    if (size == elements.length) {
      int grown = Math.max(8, size + (size >> 1));
      elements = Arrays.copyOf(elements, grown);
      CompactProperties[] m = maps;
      if (m != null) {
        maps = Arrays.copyOf(m, grown);
      }
    }
    elements[size++] = element;
    return true;
  }

  @Override
  public void add(int index, JsonNode element) {
    Objects.checkIndex(index, size + 1);
    if (index == size) {
      add(element);
      return;
    }
    maps = null;
    add(element);
    System.arraycopy(elements, index, elements, index + 1, size - 1 - index);
    elements[index] = element;
  }

  @Override
  public JsonNode remove(int index) {
    Objects.checkIndex(index, size);
    modCount++;
    maps = null;
    JsonNode old = elements[index];
    System.arraycopy(elements, index + 1, elements, index, size - 1 - index);
    elements[--size] = null;
    return old;
  }

  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    modCount++;
    maps = null;
    System.arraycopy(elements, toIndex, elements, fromIndex, size - toIndex);
    int n = size - (toIndex - fromIndex);
    Arrays.fill(elements, n, size, null);
    size = n;
  }

  @Override
  public void clear() {
    removeRange(0, size);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    // sizes first, as ArrayList compares two ArrayLists (AbstractList would walk to the first
    // difference): the change set compares a list with its copy after one value was removed
    if (o == this) {
      return true;
    }
    if (!(o instanceof List<?> l) || l.size() != size) {
      return false;
    }
    if (!(l instanceof RandomAccess)) {
      return super.equals(o);
    }
    for (int i = 0, n = size; i < n; i++) {
      if (!Objects.equals(elements[i], l.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0, n = size; i < n; i++) {
      h = 31 * h + Objects.hashCode(elements[i]);
    }
    return h;
  }

  @Override
  public Object[] toArray() {
    // what ArrayList.addAll copies from (an ArrayNode's copy): one array copy, not an iteration
    return Arrays.copyOf(elements, size, Object[].class);
  }

  @Override
  public Iterator<JsonNode> iterator() {
    // its own iterator, not AbstractList's, whose calls of get are profiled for every list that uses it
    return new Iterator<>() {
      private int next;
      private int last = -1;
      private int expected = modCount;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public JsonNode next() {
        if (modCount != expected) {
          throw new ConcurrentModificationException();
        }
        if (next >= size) {
          throw new NoSuchElementException();
        }
        last = next++;
        return elements[last];
      }

      @Override
      public void remove() {
        if (last < 0) {
          throw new IllegalStateException();
        }
        if (modCount != expected) {
          throw new ConcurrentModificationException();
        }
        ReadElements.this.remove(last);
        next = last;
        last = -1;
        expected = modCount;
      }
    };
  }

  /**
   * The map of the object at {@code index} when the reader made it small and {@code element} is
   * still that object (a reference compared, not followed: the element is not read); else null.
   */
  public @Nullable CompactProperties mapAt(int index, @Nullable Object element) {
    CompactProperties[] m = maps;
    return m != null && index < size && elements[index] == element ? m[index] : null;
  }
}
