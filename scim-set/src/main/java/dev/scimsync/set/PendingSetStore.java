package dev.scimsync.set;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Signed SETs waiting for a poll-based receiver (RFC 8936), per stream (one receiver's feed), until
 * the receiver acknowledges them or reports an error for them. A SET handed out but not yet
 * acknowledged stays pending and is handed out again on a later poll: delivery is at least once,
 * receivers drop duplicates by {@code jti}. Implementations are thread-safe; {@link
 * InMemoryPendingSetStore} is one, a database-backed one keeps SETs across restarts.
 */
public interface PendingSetStore {

  /** Adds a signed SET for {@code stream}; a {@code jti} already pending is left as it is. */
  void add(String stream, String jti, String signedSet);

  /** Up to {@code max} pending SETs of {@code stream}, oldest first: {@code jti} to signed SET. */
  Map<String, String> pending(String stream, int max);

  /** How many SETs of {@code stream} are pending. */
  int count(String stream);

  /** Forgets the acknowledged SETs; unknown ids are ignored (an acknowledgement may repeat). */
  void acknowledge(String stream, Collection<String> jtis);

  /** Forgets SETs the receiver refused, keeping the errors where the implementation records them. */
  void reject(String stream, Map<String, SetError> errors);

  /**
   * Waits until {@code stream} has a pending SET or {@code timeout} has passed, for long polling.
   *
   * @return true when a SET is pending
   * @throws InterruptedException when the waiting thread is interrupted
   */
  boolean await(String stream, Duration timeout) throws InterruptedException;
}
