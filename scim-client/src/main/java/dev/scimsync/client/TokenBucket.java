package dev.scimsync.client;

import java.time.Duration;

/**
 * A blocking token bucket: {@code rate} permits per second, bursts up to {@code capacity}. Callers
 * reserve a permit under the lock and sleep outside it, so waiting callers are served in order.
 */
final class TokenBucket {

  private final double rate;
  private final double capacity;
  private final TimeSource time;
  private double tokens;
  private long last;

  TokenBucket(double permitsPerSecond, int burst, TimeSource time) {
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException("requests per second must be positive: " + permitsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    this.rate = permitsPerSecond;
    this.capacity = burst;
    this.time = time;
    this.tokens = burst;
    this.last = time.nanoTime();
  }

  /** Takes one permit, blocking until it is available. */
  void acquire() throws InterruptedException {
    long waitNanos = reserve();
    if (waitNanos > 0) {
      time.sleep(Duration.ofNanos(waitNanos));
    }
  }

  synchronized long reserve() {
    long now = time.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
    last = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * 1e9);
  }
}
