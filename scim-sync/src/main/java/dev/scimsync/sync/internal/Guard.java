package dev.scimsync.sync.internal;

import dev.scimsync.client.TimeSource;
import dev.scimsync.sync.source.DirectoryException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call to one source or target goes through its guard: a request rate limit, retries with
 * backoff on rate limits and outages (Retry-After when the server gave one, capped), and a circuit
 * breaker that opens after repeated failed calls and refuses calls until it has been open long
 * enough. The breaker outlives runs; the counters belong to the current run.
 */
public final class Guard {

  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  /** Thrown instead of calling while the circuit is open. */
  public static final class CircuitOpenException extends DirectoryException {
    private static final long serialVersionUID = 1L;

    CircuitOpenException(String message) {
      super(Kind.UNAVAILABLE, message);
    }
  }

  private final String name;
  private final long intervalNanos;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final int breakerFailures;
  private final Duration breakerOpenFor;
  private final TimeSource time;
  private long nextAllowed;
  private int consecutiveFailures;
  private Instant openUntil;

  public Guard(String name, double perSecond, int maxAttempts, Duration baseBackoff, Duration maxBackoff,
      int breakerFailures, Duration breakerOpenFor, TimeSource time) {
    this.name = name;
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    this.maxAttempts = maxAttempts;
    this.baseBackoff = baseBackoff;
    this.maxBackoff = maxBackoff;
    this.breakerFailures = breakerFailures;
    this.breakerOpenFor = breakerOpenFor;
    this.time = time;
  }

  /** True while the circuit is open. */
  public synchronized boolean open() {
    return openUntil != null && time.now().isBefore(openUntil);
  }

  /** When the circuit closes again, or null when it is closed. */
  public synchronized Instant openUntil() {
    return open() ? openUntil : null;
  }

  /**
   * Runs {@code op}, counting each attempt in {@code requests}, retrying retryable failures, and
   * reporting waits to {@code stats}; {@code onRepeatedLimits} hears of a call limited three times.
   */
  public <T> T call(String what, Supplier<T> op, Stats stats, boolean source, Consumer<String> onRepeatedLimits) {
    if (open()) {
      throw new CircuitOpenException(name + " is paused after repeated failures until " + openUntil);
    }
    int limited = 0;
    for (int attempt = 1; ; attempt++) {
      pace();
      if (source) {
        stats.sourceRequests++;
      } else {
        stats.targetRequests++;
      }
      try {
        T result = op.get();
        synchronized (this) {
          consecutiveFailures = 0;
        }
        return result;
      } catch (DirectoryException e) {
        if (!e.retryable()) {
          if (e.kind() == DirectoryException.Kind.FAILED) {
            failed();
          }
          throw e;
        }
        if (e.kind() == DirectoryException.Kind.RATE_LIMITED && ++limited == 3 && onRepeatedLimits != null) {
          onRepeatedLimits.accept(name + " rate-limited " + what + " three times in a row");
        }
        if (attempt >= maxAttempts) {
          failed();
          throw e;
        }
        int n = attempt;
        Duration wait = e.retryAfter().filter(d -> !d.isNegative()).orElseGet(() -> backoff(n));
        if (wait.compareTo(maxBackoff) > 0) {
          wait = maxBackoff;
        }
        stats.rateLimitWaits++;
        stats.waited = stats.waited.plus(wait);
        LOG.debug("{}: {} failed ({}); waiting {} ms before attempt {}", name, what, e.getMessage(), wait.toMillis(),
            attempt + 1);
        sleep(wait);
      }
    }
  }

  private synchronized void failed() {
    if (++consecutiveFailures >= breakerFailures) {
      openUntil = time.now().plus(breakerOpenFor);
      consecutiveFailures = 0;
      LOG.warn("{}: circuit opened after {} failed calls; paused until {}", name, breakerFailures, openUntil);
    }
  }

  private Duration backoff(int attempt) {
    long ms = baseBackoff.toMillis() << Math.min(20, attempt - 1);
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }

  private void pace() {
    if (intervalNanos == 0) {
      return;
    }
    long wait;
    synchronized (this) {
      long now = time.nanoTime();
      long at = Math.max(now, nextAllowed);
      nextAllowed = at + intervalNanos;
      wait = at - now;
    }
    if (wait > 0) {
      sleep(Duration.ofNanos(wait));
    }
  }

  private void sleep(Duration d) {
    try {
      time.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectoryException(DirectoryException.Kind.FAILED, "interrupted while waiting", null, e);
    }
  }
}
