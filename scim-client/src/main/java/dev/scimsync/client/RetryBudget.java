package dev.scimsync.client;

import java.util.concurrent.atomic.AtomicLong;

/** The per-client retry budget of {@link RetryPolicy}: {@code min + ratio * requests} retries. */
final class RetryBudget {

  private final int min;
  private final double ratio;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  RetryBudget(RetryPolicy policy) {
    this.min = policy.budgetMinRetries();
    this.ratio = policy.budgetRatio();
  }

  void recordRequest() {
    requests.incrementAndGet();
  }

  boolean tryAcquire() {
    while (true) {
      long used = retries.get();
      if (used >= allowed()) {
        return false;
      }
      if (retries.compareAndSet(used, used + 1)) {
        return true;
      }
    }
  }

  long remaining() {
    return Math.max(0, allowed() - retries.get());
  }

  private long allowed() {
    return min + (long) Math.floor(ratio * requests.get());
  }
}
