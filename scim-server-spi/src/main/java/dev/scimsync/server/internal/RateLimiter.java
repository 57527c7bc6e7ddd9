package dev.scimsync.server.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A token bucket per tenant: {@code rate} requests per second sustained, {@code burst} at once. */
public final class RateLimiter {

  private final double rate;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

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
    if (rate <= 0) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    Bucket b = buckets.computeIfAbsent(tenant, t -> new Bucket(burst, now));
    synchronized (b) {
      double elapsed = (now - b.last) / 1e9;
      b.tokens = Math.min(burst, b.tokens + elapsed * rate);
      b.last = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - b.tokens) / rate));
    }
  }
}
