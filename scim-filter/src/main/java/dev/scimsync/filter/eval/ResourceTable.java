package dev.scimsync.filter.eval;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Resources in numbered rows, for filtering many of them again and again: for each attribute path
 * the filters read, the table keeps what that path finds in every row in one array (a column),
 * so that {@link CompiledFilter#matches(ResourceTable, int, int)} reads an attribute of row after
 * row from that array instead of walking each resource's tree from its root. The answers are those
 * of {@link CompiledFilter#test} on each row's resource.
 *
 * <p>A column is made the first time a filter reads its path (one pass over the rows), kept up
 * to date by {@link #add} and {@link #set}, and dropped, least recently used first, when more than
 * {@link #MAX_COLUMNS} paths are read; a path read while that many columns are being made is read
 * from the resources. A column costs one reference and one bit per row.
 *
 * <p>Changes ({@link #add}, {@link #set}) must not run concurrently with each other or with
 * {@link CompiledFilter#matches(ResourceTable, int, int)}; several threads may filter at once. The
 * resources must not change while they are in the table, except through {@link #set}.
 */
public final class ResourceTable {

  /** The most columns a table keeps. */
  public static final int MAX_COLUMNS = 16;

  private @Nullable JsonNode[] rows = new JsonNode[64];
  private int size;
  private final Map<Locator.Path, Column> columns = new ConcurrentHashMap<>();
  /**
   * Ticks each time a column is made; a column used since holds the tick in {@link Column#lastUse},
   * for dropping the least recently used. Plain fields, racy by design: a lost update only makes
   * the choice of the column to drop less exact, and a column used again in the same tick is not
   * written, so that threads filtering at once do not contend for its cache line.
   */
  private long epoch;

  /** An empty table. */
  public ResourceTable() {}

  /** The number of rows, empty ones included. */
  public int size() {
    return size;
  }

  /** The resource in {@code row}, or null when the row is empty. */
  public @Nullable JsonNode get(int row) {
    Objects.checkIndex(row, size);
    return rows[row];
  }

  /** Appends {@code resource} in a new row and returns the row's number. */
  public int add(JsonNode resource) {
    Objects.requireNonNull(resource, "resource");
    if (size == rows.length) {
      int capacity = Math.max(64, rows.length + (rows.length >> 1));
      rows = Arrays.copyOf(rows, capacity);
      for (Column c : columns.values()) {
        c.grow(capacity);
      }
    }
    int row = size++;
    rows[row] = resource;
    for (Column c : columns.values()) {
      c.compute(rows, row, 1);
    }
    return row;
  }

  /** Puts {@code resource} in {@code row} in place of what was there; null empties the row, which then never matches. */
  public void set(int row, @Nullable JsonNode resource) {
    Objects.checkIndex(row, size);
    rows[row] = resource;
    for (Column c : columns.values()) {
      c.compute(rows, row, 1);
    }
  }

  /** The rows array itself, for filtering without a column; read only. */
  @Nullable JsonNode[] rows() {
    return rows;
  }

  /**
   * What {@code locator} finds in rows {@code from + i} for each bit {@code i} of {@code mask}, as
   * {@link Locator#attributes} puts it in {@code out}, and the bits of those that are leaves; from
   * its column, made now if need be, else from the resources.
   */
  long attributes(Locator locator, int from, long mask, @Nullable JsonNode[] out) {
    Locator.Path path = locator.path();
    Column c = path == null ? null : column(path);
    if (c == null) {
      return locator.attributes(rows, from, mask, out);
    }
    long now = epoch;
    if (c.lastUse != now) {
      c.lastUse = now;
    }
    return c.fill(from, mask, out);
  }

  private @Nullable Column column(Locator.Path path) {
    Column c = columns.get(path);
    if (c != null) {
      return c;
    }
    if (columns.size() >= MAX_COLUMNS) {
      dropLeastRecentlyUsed();
      if (columns.size() >= MAX_COLUMNS) {
        return null; // other threads are making columns: read the resources this time
      }
    }
    return columns.computeIfAbsent(path, p -> {
      Column made = new Column(p.locator(), rows.length);
      made.lastUse = ++epoch;
      made.compute(rows, 0, size);
      return made;
    });
  }

  private void dropLeastRecentlyUsed() {
    Locator.Path oldest = null;
    long oldestUse = Long.MAX_VALUE;
    for (Map.Entry<Locator.Path, Column> e : columns.entrySet()) {
      if (e.getValue().lastUse < oldestUse) {
        oldestUse = e.getValue().lastUse;
        oldest = e.getKey();
      }
    }
    if (oldest != null) {
      columns.remove(oldest);
    }
  }

  /** The number of columns kept now (for tests). */
  int columnCount() {
    return columns.size();
  }

  /**
   * What one path finds in every row: {@link Locator#attributes}' output node, and whether it is a
   * leaf (a single complex attribute's sub-attribute value), per row.
   */
  private static final class Column {
    /** A locator of its own: it looks up names case-insensitively, as for any resource. */
    private final Locator locator;
    private @Nullable JsonNode[] nodes;
    private long[] leaves;
    long lastUse;
    private final @Nullable JsonNode[] scratch = new JsonNode[Node.SCRATCH];

    Column(Locator locator, int capacity) {
      this.locator = locator;
      this.nodes = new JsonNode[capacity];
      this.leaves = new long[(capacity + 63) >>> 6];
    }

    void grow(int capacity) {
      nodes = Arrays.copyOf(nodes, capacity);
      leaves = Arrays.copyOf(leaves, (capacity + 63) >>> 6);
    }

    /** Looks the path up in {@code rows[from, from + count)}, in batches. */
    void compute(@Nullable JsonNode[] rows, int from, int count) {
      for (int at = from, end = from + count; at < end; at += Node.BATCH) {
        int k = Math.min(Node.BATCH, end - at);
        long mask = 0;
        for (int i = 0; i < k; i++) {
          if (rows[at + i] != null) {
            mask |= 1L << i;
          }
        }
        long leaf = mask == 0 ? 0 : locator.attributes(rows, at, mask, scratch);
        for (int i = 0; i < k; i++) {
          int row = at + i;
          boolean present = (mask & (1L << i)) != 0;
          nodes[row] = present ? scratch[i] : null;
          if ((leaf & (1L << i)) != 0) {
            leaves[row >>> 6] |= 1L << row;
          } else {
            leaves[row >>> 6] &= ~(1L << row);
          }
        }
        // keeps no resource alive: the look-up wrote its results and its work space for these k
        Arrays.fill(scratch, 0, k, null);
        Arrays.fill(scratch, Node.BATCH, Node.BATCH + k, null);
      }
    }

    long fill(int from, long mask, @Nullable JsonNode[] out) {
      long leaf = 0;
      for (long m = mask; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        int row = from + i;
        out[i] = nodes[row];
        leaf |= (leaves[row >>> 6] >>> row & 1L) << i;
      }
      return leaf;
    }
  }
}
