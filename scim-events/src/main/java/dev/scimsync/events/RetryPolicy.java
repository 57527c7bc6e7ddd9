package dev.scimsync.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff with jitter over a horizon: the n-th retry waits {@code initial *
 * multiplier^(n-1)}, capped at {@code maxDelay}, then scaled by a random factor in {@code [1 -
 * jitter, 1]} so that endpoints recovering from an outage are not hit by every retry at once; an
 * endpoint's {@code Retry-After} is honoured when longer. Once the next attempt would fall past
 * {@code horizon} after the delivery was scheduled, the delivery is dead-lettered.
 *
 * @param initial the first retry's delay
 * @param multiplier the growth factor, at least 1
 * @param maxDelay the longest delay between attempts
 * @param jitter the random share of each delay taken off, from 0 (none) to 1
 * @param horizon how long a delivery is retried in all
 */
public record RetryPolicy(Duration initial, double multiplier, Duration maxDelay, double jitter, Duration horizon) {

  /** Checks the values. */
  public RetryPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(horizon, "horizon");
    if (initial.isNegative() || maxDelay.compareTo(initial) < 0 || multiplier < 1 || jitter < 0 || jitter > 1
        || horizon.isNegative()) {
      throw new IllegalArgumentException("invalid retry policy " + initial + " x" + multiplier + " max " + maxDelay
          + " jitter " + jitter + " horizon " + horizon);
    }
  }

  /** 5 s doubling to at most 1 h, 20% jitter, for 3 days (about 80 attempts). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofHours(1), 0.2, Duration.ofDays(3));
  }

  /** The delay before retry number {@code retry} (1 for the first retry), without jitter. */
  public Duration baseDelay(int retry) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }

  /**
   * When to try again after {@code attemptsMade} failed attempts, or null to give up.
   *
   * @param scheduledAt when the delivery was scheduled (the horizon counts from it)
   * @param retryAfter what the endpoint asked for, or null
   * @param random a source of numbers in {@code [0, 1)}
   */
  public @Nullable Instant next(int attemptsMade, Instant scheduledAt, Instant now, @Nullable Duration retryAfter,
      DoubleSupplier random) {
    Duration base = baseDelay(attemptsMade);
    long jittered = (long) (base.toMillis() * (1 - jitter * random.getAsDouble()));
    Duration delay = Duration.ofMillis(jittered);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter;
    }
    Instant at = now.plus(delay);
    return at.isAfter(scheduledAt.plus(horizon)) ? null : at;
  }
}
