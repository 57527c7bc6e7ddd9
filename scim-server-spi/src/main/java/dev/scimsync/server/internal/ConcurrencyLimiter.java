package dev.scimsync.server.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests in progress per key (a tenant) and refuses entry beyond a cap, so that one
 * tenant's slow requests cannot take every worker thread. A counter that falls back to zero is
 * removed, so idle tenants cost nothing.
 */
public final class ConcurrencyLimiter {

  private final int max;
  private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  /** A limiter allowing {@code max} requests at once per key; 0 for no limit. */
  public ConcurrencyLimiter(int max) {
    this.max = max;
  }

  /** Enters for {@code key}: true when under the cap (then call {@link #exit} once), false when full. */
  public boolean tryEnter(String key) {
    if (max <= 0) {
      return true;
    }
    boolean[] entered = new boolean[1];
    counts.compute(key, (k, c) -> {
      AtomicInteger n = c == null ? new AtomicInteger() : c;
      if (n.get() < max) {
        n.incrementAndGet();
        entered[0] = true;
      }
      return n.get() == 0 ? null : n;
    });
    return entered[0];
  }

  /** Leaves after a successful {@link #tryEnter}. */
  public void exit(String key) {
    if (max <= 0) {
      return;
    }
    counts.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  /** Requests in progress for {@code key}. */
  public int inFlight(String key) {
    AtomicInteger n = counts.get(key);
    return n == null ? 0 : n.get();
  }
}
