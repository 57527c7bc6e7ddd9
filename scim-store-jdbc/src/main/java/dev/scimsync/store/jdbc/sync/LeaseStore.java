package dev.scimsync.store.jdbc.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases so that, of several application instances, one at a time runs a given sync: a lease is
 * held by one owner until it expires, is renewed or is released. Every acquisition gets a larger
 * fencing token, so a store can refuse writes of an owner whose lease was taken over.
 */
public interface LeaseStore {

  /**
   * A held lease.
   *
   * @param name what is leased, e.g. {@code sync:<tenant>:<directory>}
   * @param owner who holds it
   * @param expiresAt when it lapses unless renewed
   * @param fencingToken grows with every acquisition of {@code name}
   */
  record Lease(String name, String owner, Instant expiresAt, long fencingToken) {}

  /** Takes {@code name} for {@code owner} for {@code ttl} if it is free, expired or already {@code owner}'s. */
  Optional<Lease> tryAcquire(String name, String owner, Duration ttl);

  /** Extends a lease still held; empty when it was lost (expired and taken, or released). */
  Optional<Lease> renew(Lease lease, Duration ttl);

  /** Gives a lease up; nothing happens when it is no longer held. */
  void release(Lease lease);
}
