package dev.scimsync.sync.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The target ids of users a full run wrote or found, by a 128-bit hash of their source ids, so
 * that group members resolve without a lookup: at most {@code capacity} of them (a table of twice
 * that many slots of 33 bytes, 4 MB at the default 65,536), and only target ids in the canonical
 * UUID form (they fit in two longs; others, and users beyond the capacity, are looked up).
 * Fixed-size open addressing: the memory is set when the run starts and does not grow with the
 * directory.
 */
final class IdCache {

  private final int capacity;
  private final long[] h1;
  private final long[] h2;
  private final long[] msb;
  private final long[] lsb;
  private final boolean[] used;
  private final int mask;
  private int size;

  IdCache(int capacity) {
    this.capacity = Math.max(1, capacity);
    int slots = Integer.highestOneBit(this.capacity * 2 - 1) << 1;
    h1 = new long[slots];
    h2 = new long[slots];
    msb = new long[slots];
    lsb = new long[slots];
    used = new boolean[slots];
    mask = slots - 1;
  }

  /** Remembers {@code targetId} for {@code sourceId}, when there is room and it is a canonical UUID. */
  void put(String sourceId, String targetId) {
    if (size >= capacity || targetId.length() != 36) {
      return;
    }
    UUID u;
    try {
      u = UUID.fromString(targetId);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (!u.toString().equals(targetId)) {
      return; // not the canonical spelling: it would not come back the same
    }
    long[] k = keys(sourceId);
    int i = slot(k);
    if (!used[i]) {
      used[i] = true;
      h1[i] = k[0];
      h2[i] = k[1];
      size++;
    }
    msb[i] = u.getMostSignificantBits();
    lsb[i] = u.getLeastSignificantBits();
  }

  /** The target id remembered for {@code sourceId}, or null. */
  @Nullable String get(String sourceId) {
    long[] k = keys(sourceId);
    int i = slot(k);
    return used[i] ? new UUID(msb[i], lsb[i]).toString() : null;
  }

  private int slot(long[] k) {
    int i = (int) k[0] & mask;
    while (used[i] && (h1[i] != k[0] || h2[i] != k[1])) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static long[] keys(String id) {
    byte[] d = SeenSet.digest(id.getBytes(StandardCharsets.UTF_8));
    long a = 0;
    long b = 0;
    for (int i = 0; i < 8; i++) {
      a = (a << 8) | (d[i] & 0xff);
      b = (b << 8) | (d[i + 8] & 0xff);
    }
    return new long[] {a, b};
  }
}
