package dev.scimsync.server.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a tenant, a client address): {@code rate} events per second sustained,
 * {@code burst} at once. Buckets that have filled up again are forgotten once there are many, so
 * that a flood of distinct keys cannot grow the map without bound.
 */
public final class RateLimiter {

  private final double rate;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Above this many buckets, full ones are dropped (a full bucket is what a new key gets anyway). */
  private static final int PRUNE_ABOVE = 10_000;

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  /** A limiter; {@code rate} 0 lets everything through. */
  public RateLimiter(double rate, int burst, LongSupplier nanoClock) {
    this.rate = rate;
    this.burst = Math.max(1, burst);
    this.nanoClock = nanoClock;
  }

  /**
   * Takes one token for {@code tenant}: 0 when the request may go ahead, else the whole seconds
   * to wait before a token is available (for {@code Retry-After}).
   */
  public long acquire(String tenant) {
    return take(tenant, true);
  }

  /** As {@link #acquire} but without taking the token: 0 when one is available. */
  public long peek(String key) {
    return take(key, false);
  }

  private long take(String key, boolean consume) {
    if (rate <= 0) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    if (buckets.size() > PRUNE_ABOVE) {
      prune(now);
    }
    Bucket b = buckets.computeIfAbsent(key, t -> new Bucket(burst, now));
    synchronized (b) {
      refill(b, now);
      if (b.tokens >= 1) {
        if (consume) {
          b.tokens -= 1;
        }
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - b.tokens) / rate));
    }
  }

  private void refill(Bucket b, long now) {
    double elapsed = (now - b.last) / 1e9;
    b.tokens = Math.min(burst, b.tokens + elapsed * rate);
    b.last = now;
  }

  private void prune(long now) {
    buckets.values().removeIf(b -> {
      synchronized (b) {
        refill(b, now);
        return b.tokens >= burst;
      }
    });
  }
}
