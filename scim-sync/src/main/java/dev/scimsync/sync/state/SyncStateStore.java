package dev.scimsync.sync.state;

import java.util.Optional;

/**
 * Keeps each directory's {@link SyncState}. The engine saves after every page, so a save must be
 * durable when it returns (a crash right after loses nothing) and atomic (a reader never sees half
 * a state). Implementations: {@link FileSyncStateStore}; a database one can store
 * {@link SyncState#toJson()} in a row keyed by directory id.
 */
public interface SyncStateStore {

  /** The state saved for {@code directoryId}, or empty when none was. */
  Optional<SyncState> load(String directoryId);

  /** Replaces the state of {@code directoryId}. */
  void save(String directoryId, SyncState state);
}
