package dev.scimsync.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and the sleep the client uses for retries, rate limiting and token expiry. The system
 * one is the default; tests inject a fake one so that nothing sleeps for real.
 */
public interface TimeSource {

  /** The wall-clock time, used for HTTP dates ({@code Retry-After}) and token expiry. */
  Instant now();

  /** A monotonic time in nanoseconds, used for intervals; only differences are meaningful. */
  long nanoTime();

  /** Blocks for {@code duration}; returns at once for zero or negative durations. */
  void sleep(Duration duration) throws InterruptedException;

  /** The system clock and {@link Thread#sleep}. */
  static TimeSource system() {
    return SystemTime.INSTANCE;
  }
}

/** The system time source. */
enum SystemTime implements TimeSource {
  INSTANCE;

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    }
  }
}
