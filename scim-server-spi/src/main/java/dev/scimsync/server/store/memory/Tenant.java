package dev.scimsync.server.store.memory;

import dev.scimsync.filter.eval.NameSpellings;
import dev.scimsync.filter.eval.ResourceTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's data in one store: the resources, their indexes and the reverse index of the
 * delegated attribute, and what the tenant uses of its quota. Every access goes through {@link
 * #read} or {@link #write}, the only places that take the lock.
 */
final class Tenant {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  final Map<String, Entry> byId = new HashMap<>();
  /** The default order: by sequence number, i.e. creation order. */
  final TreeMap<Long, Entry> bySeq = new TreeMap<>();
  /** Per index: key to the ids of the resources with that key. */
  final List<Map<String, Set<String>>> index = new ArrayList<>();
  /** The delegated attribute's reverse index: member value to ids of resources holding it. */
  final Map<String, Set<String>> byMember = new HashMap<>();
  long nextSeq = 1;
  /** Counts the changes of {@link #bySeq}: a {@link Walk} is good for one value of it. */
  long orderChanges;

  /**
   * Where the last page of an in-order walk ({@code startIndex} paging, no filter) ended: the
   * entry at the 1-based {@code nextIndex} has sequence number {@code nextSeq}, while the order has
   * seen {@code orderChanges} changes. The next page starts there rather than walking from the
   * first entry, so reading all n resources a page at a time costs O(n), not O(n²/page).
   * Replaced whole (readers share the read lock); a stale one is simply not used.
   */
  record Walk(long orderChanges, int nextIndex, long nextSeq) {}

  volatile @Nullable Walk walk;
  /** The sum of {@link Entry#bytes()}. */
  long bytes;
  /**
   * The spelling of every property name in the tenant's documents, case aside: an entry whose
   * document has only these is {@link Entry#spelled}, and a search filters such entries by exact
   * look-ups of the names ({@link dev.scimsync.filter.eval.FilterEvaluator#compile(
   * dev.scimsync.filter.Filter, NameSpellings)}). Admitted under the write lock, read under the
   * read lock, so a filter compiled in a search holds for the whole search.
   */
  final NameSpellings spellings = new NameSpellings();

  /**
   * The entries in the default order as the rows of a {@link ResourceTable}, whose columns let a
   * search read an attribute of every resource from one array instead of walking each tree from
   * its root; null when it is to be made again (an entry came back out of order, or many rows were
   * emptied). Kept up to date under the write lock; made again under the read lock by the first
   * search that needs it ({@link #rows()}).
   */
  private volatile @Nullable Rows rows = new Rows();
  private final Object rowsLock = new Object();

  /** The table and, row by row, its entries; an emptied row holds null. */
  static final class Rows {
    final ResourceTable table = new ResourceTable();
    final List<@Nullable Entry> entries = new ArrayList<>();
    /** The sequence number of the last row's entry: a new entry with a higher one is appended. */
    private long lastSeq;
    private int emptied;

    private void append(Entry e) {
      e.row = table.add(e.doc);
      entries.add(e);
      lastSeq = e.seq;
    }

    private boolean holds(Entry e) {
      return e.row >= 0 && e.row < entries.size() && entries.get(e.row) == e;
    }
  }

  /**
   * The rows of every entry in the default order, made now when they are to be made again. Called
   * under the read lock (or the write lock): no entry changes meanwhile, and readers that come
   * together make them once.
   */
  Rows rows() {
    Rows r = rows;
    if (r != null) {
      return r;
    }
    synchronized (rowsLock) {
      r = rows;
      if (r == null) {
        r = new Rows();
        for (Entry e : bySeq.values()) {
          r.append(e);
        }
        rows = r;
      }
      return r;
    }
  }

  /** Puts the entry's document, just changed, in its row. */
  void docChanged(Entry e) {
    Rows r = rows;
    if (r != null && r.holds(e)) {
      r.table.set(e.row, e.doc);
    }
  }

  Tenant(int indexCount) {
    for (int i = 0; i < indexCount; i++) {
      index.add(new HashMap<>());
    }
  }

  /** Runs {@code body} under the read lock. */
  <T> T read(Supplier<T> body) {
    return locked(lock.readLock(), body);
  }

  /** Runs {@code body} under the write lock. */
  <T> T write(Supplier<T> body) {
    return locked(lock.writeLock(), body);
  }

  private static <T> T locked(Lock l, Supplier<T> body) {
    l.lock();
    try {
      return body.get();
    } finally {
      l.unlock();
    }
  }

  /** Adds a new entry (already written) to the maps and its members to the reverse index. */
  void add(Entry e) {
    byId.put(e.id, e);
    bySeq.put(e.seq, e);
    orderChanges++;
    Rows r = rows;
    if (r != null) {
      if (e.seq > r.lastSeq) {
        r.append(e);
      } else {
        rows = null; // back in the middle (a write undone): made again when a search needs them
      }
    }
    if (e.members != null) {
      e.members.keySet().forEach(m -> addMember(m, e.id));
    }
  }

  /** Removes an entry from every map and index. */
  void remove(Entry e) {
    unindex(e);
    if (e.members != null) {
      e.members.keySet().forEach(m -> removeMember(m, e.id));
    }
    byId.remove(e.id);
    bySeq.remove(e.seq);
    orderChanges++;
    bytes -= e.bytes();
    Rows r = rows;
    if (r != null && r.holds(e)) {
      r.table.set(e.row, null);
      r.entries.set(e.row, null);
      r.emptied++;
      if (r.emptied > 64 && 2 * r.emptied > r.entries.size()) {
        rows = null; // mostly empty rows: made again, dense, when a search needs them
      }
    }
  }

  /** Indexes {@code e} under {@code keys}, one map of keys per index. */
  void index(Entry e, List<Map<String, String>> keys) {
    List<Set<String>> sets = new ArrayList<>(keys.size());
    keys.forEach(k -> sets.add(k.keySet()));
    reindex(e, sets);
  }

  /** Indexes {@code e} under the keys it had before ({@link Entry#keys}), e.g. when a write is undone. */
  void reindex(Entry e, List<Set<String>> keys) {
    e.keys = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      Set<String> ks = keys.get(i);
      e.keys.add(ks);
      for (String k : ks) {
        index.get(i).computeIfAbsent(k, x -> new LinkedHashSet<>()).add(e.id);
      }
    }
  }

  void unindex(Entry e) {
    if (e.keys == null) {
      return;
    }
    for (int i = 0; i < e.keys.size(); i++) {
      Map<String, Set<String>> idx = index.get(i);
      for (String k : e.keys.get(i)) {
        Set<String> ids = idx.get(k);
        if (ids != null) {
          ids.remove(e.id);
          if (ids.isEmpty()) {
            idx.remove(k);
          }
        }
      }
    }
  }

  void addMember(String member, String holder) {
    byMember.computeIfAbsent(member, x -> new LinkedHashSet<>()).add(holder);
  }

  void removeMember(String member, String holder) {
    Set<String> s = byMember.get(member);
    if (s != null) {
      s.remove(holder);
      if (s.isEmpty()) {
        byMember.remove(member);
      }
    }
  }

  /** The entries with {@code ids}, in the default order. */
  List<Entry> inOrder(Set<String> ids) {
    List<Entry> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      Entry e = byId.get(id);
      if (e != null) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparingLong(e -> e.seq));
    return out;
  }
}
