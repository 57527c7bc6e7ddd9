package dev.scimsync.sync.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Makes sure each directory syncs on exactly one instance of the application at a time. A lease
 * expires by itself after its time-to-live, so an instance that crashed holding it blocks others
 * only until then. Implementations: {@link InMemoryLeaseStore} (one instance); a database can use
 * lease rows or advisory locks.
 */
public interface LeaseStore {

  /**
   * Takes the lease on {@code key} for {@code owner} for {@code ttl}, when nobody else holds an
   * unexpired one (the owner itself may take it again); empty when someone else does.
   */
  Optional<Lease> tryAcquire(String key, String owner, Duration ttl);

  /** Extends {@code lease} by {@code ttl} from now; false when it was lost (expired and taken). */
  boolean renew(Lease lease, Duration ttl);

  /** Gives {@code lease} up, when still held by its owner. */
  void release(Lease lease);
}
