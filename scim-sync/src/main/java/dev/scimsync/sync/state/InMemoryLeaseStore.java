package dev.scimsync.sync.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link LeaseStore} for one process (or for tests, with a fixed clock). Thread-safe. */
public final class InMemoryLeaseStore implements LeaseStore {

  private final Clock clock;
  private final Map<String, Lease> leases = new HashMap<>();

  /** A store on the system clock. */
  public InMemoryLeaseStore() {
    this(Clock.systemUTC());
  }

  /** A store on {@code clock}. */
  public InMemoryLeaseStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Lease> tryAcquire(String key, String owner, Duration ttl) {
    Instant now = clock.instant();
    Lease held = leases.get(key);
    if (held != null && !held.owner().equals(owner) && held.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    Lease lease = new Lease(key, owner, now.plus(ttl));
    leases.put(key, lease);
    return Optional.of(lease);
  }

  @Override
  public synchronized boolean renew(Lease lease, Duration ttl) {
    Lease held = leases.get(lease.key());
    if (held == null || !held.owner().equals(lease.owner())) {
      return false;
    }
    leases.put(lease.key(), new Lease(lease.key(), lease.owner(), clock.instant().plus(ttl)));
    return true;
  }

  @Override
  public synchronized void release(Lease lease) {
    Lease held = leases.get(lease.key());
    if (held != null && held.owner().equals(lease.owner())) {
      leases.remove(lease.key());
    }
  }
}
