package dev.scimsync.store.jdbc.sync;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a sync engine keeps its checkpoint per (tenant, directory): an opaque blob (a delta token,
 * a high-water mark), replaced with optimistic concurrency so that two instances never both
 * advance it. Shaped after what a sync engine needs; see the module README for connecting it to
 * scim-sync's own interface.
 */
public interface SyncStateStore {

  /**
   * A stored checkpoint.
   *
   * @param data the blob as saved
   * @param version 1 for the first save, one more for each later one
   * @param updatedAt when it was saved
   */
  record Checkpoint(byte[] data, long version, Instant updatedAt) {
    /** Copies the blob. */
    public Checkpoint {
      data = data.clone();
    }

    /** A copy of the blob. */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Checkpoint c && Arrays.equals(data, c.data) && version == c.version
          && updatedAt.equals(c.updatedAt);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data) * 31 + Long.hashCode(version);
    }
  }

  /** The checkpoint of {@code directory} in {@code tenant}, or empty before the first save. */
  Optional<Checkpoint> load(String tenant, String directory);

  /**
   * Saves {@code data} if the stored version is still {@code expectedVersion} (0: nothing saved
   * yet).
   *
   * @return the new version, or empty when another instance saved in between (nothing written)
   */
  Optional<Long> save(String tenant, String directory, byte[] data, long expectedVersion);
}
