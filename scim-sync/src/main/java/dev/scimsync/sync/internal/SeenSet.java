package dev.scimsync.sync.internal;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * The source ids a full listing has seen, as 64-bit hashes, so that the engine's memory does not
 * grow with the directory: up to {@code inMemory} hashes in a {@code long[]} (8 bytes each), beyond
 * that sorted runs spilled to temporary files and memory-mapped for lookups (the page cache holds
 * them, not the heap); {@link #seal()} merges the runs into one when there are several.
 *
 * <p>A hash collision can only make a resource that left the source look seen, so it is kept
 * rather than removed: the safe direction. The files live as long as the run; a crashed process
 * may leave them behind in the spill directory ({@code scimsync-seen-*.bin}), and a resumed run
 * does not read them (it leaves resource removals to the next full run).
 */
public final class SeenSet implements AutoCloseable {

  private final int budget;
  private final @Nullable Path dir;
  private long[] buffer;
  private int n;
  private boolean sorted = true;
  private final List<Run> runs = new ArrayList<>();

  /** A spilled run: its file and its sorted, distinct hashes mapped from it. */
  private record Run(Path file, LongBuffer longs) {}

  /** A set keeping up to {@code inMemory} hashes on the heap, spilling to {@code dir} (null: the system's temporary directory). */
  public SeenSet(int inMemory, @Nullable Path dir) {
    this.budget = Math.max(1, inMemory);
    this.dir = dir;
    this.buffer = new long[Math.min(budget, 1024)];
  }

  /** The 64-bit hash of a source id: the first 8 bytes of its SHA-256. */
  public static long hash(String id) {
    byte[] d = digest(id.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  });

  /** The SHA-256 of {@code bytes}. */
  static byte[] digest(byte[] bytes) {
    return SHA256.get().digest(bytes);
  }

  /** Adds the id's hash. */
  public void add(String id) {
    addHash(hash(id));
  }

  /** Adds a hash. */
  public void addHash(long h) {
    if (n == budget) {
      spill();
    }
    if (n == buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(budget, buffer.length * 2));
    }
    buffer[n++] = h;
    sorted = false;
  }

  /** Whether the id's hash was added. */
  public boolean contains(String id) {
    return containsHash(hash(id));
  }

  /** Whether {@code h} was added. */
  public boolean containsHash(long h) {
    sortBuffer();
    if (Arrays.binarySearch(buffer, 0, n, h) >= 0) {
      return true;
    }
    for (Run r : runs) {
      if (search(r.longs(), h)) {
        return true;
      }
    }
    return false;
  }

  /** How many runs are on disk (for tests and the report of the benchmark). */
  public int spilledRuns() {
    return runs.size();
  }

  /** Merges the spilled runs into one, so that a lookup searches at most the buffer and one file. */
  public void seal() {
    if (runs.size() < 2) {
      return;
    }
    Path merged = newFile();
    PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> Long.compare(runs.get(a[0]).longs().get(a[1]),
        runs.get(b[0]).longs().get(b[1])));
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).longs().limit() > 0) {
        heads.add(new int[] {i, 0});
      }
    }
    try (DataOutputStream out = open(merged)) {
      boolean any = false;
      long last = 0;
      while (!heads.isEmpty()) {
        int[] h = heads.poll();
        LongBuffer lb = runs.get(h[0]).longs();
        long v = lb.get(h[1]);
        if (!any || v != last) {
          out.writeLong(v);
          any = true;
          last = v;
        }
        if (++h[1] < lb.limit()) {
          heads.add(h);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge the seen set's spilled runs", e);
    }
    deleteRuns();
    runs.add(new Run(merged, map(merged)));
  }

  private void sortBuffer() {
    if (!sorted) {
      Arrays.sort(buffer, 0, n);
      sorted = true;
    }
  }

  private void spill() {
    sortBuffer();
    Path f = newFile();
    try (DataOutputStream out = open(f)) {
      for (int i = 0; i < n; i++) {
        if (i == 0 || buffer[i] != buffer[i - 1]) {
          out.writeLong(buffer[i]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill the seen set to " + f, e);
    }
    runs.add(new Run(f, map(f)));
    n = 0;
  }

  private static boolean search(LongBuffer lb, long h) {
    int lo = 0;
    int hi = lb.limit() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = lb.get(mid);
      if (v < h) {
        lo = mid + 1;
      } else if (v > h) {
        hi = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private Path newFile() {
    try {
      return dir == null ? Files.createTempFile("scimsync-seen-", ".bin")
          : Files.createTempFile(dir, "scimsync-seen-", ".bin");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a file for the seen set", e);
    }
  }

  private static DataOutputStream open(Path f) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16));
  }

  private static LongBuffer map(Path f) {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).asLongBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map the seen set's run " + f, e);
    }
  }

  private void deleteRuns() {
    for (Run r : runs) {
      try {
        Files.deleteIfExists(r.file());
      } catch (IOException e) {
        r.file().toFile().deleteOnExit();
      }
    }
    runs.clear();
  }

  /** Deletes the spilled files. */
  @Override
  public void close() {
    deleteRuns();
    n = 0;
  }
}
