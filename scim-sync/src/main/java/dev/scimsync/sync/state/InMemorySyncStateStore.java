package dev.scimsync.sync.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** A {@link SyncStateStore} in memory, for tests and for applications that accept full runs after a restart. */
public final class InMemorySyncStateStore implements SyncStateStore {

  private final Map<String, SyncState> states = new ConcurrentHashMap<>();

  @Override
  public Optional<SyncState> load(String directoryId) {
    return Optional.ofNullable(states.get(directoryId));
  }

  @Override
  public void save(String directoryId, SyncState state) {
    states.put(directoryId, state);
  }
}
