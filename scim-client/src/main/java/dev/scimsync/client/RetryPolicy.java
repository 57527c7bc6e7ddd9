package dev.scimsync.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * When and how long to wait before retrying a request. Immutable.
 *
 * <p>Retried: the statuses in {@link #retryStatuses()} (by default 429 and 503) and connection
 * failures, for idempotent requests (GET, PUT, DELETE, PATCH, {@code POST /.search}). A POST that
 * creates or runs a bulk request is repeated only on 429 and 503 (the server did not act on it),
 * on a connection failure that surely never reached the server, or where the client can check
 * first ({@link ResourceClient#create}); never blindly on 500, 502 or 504, whatever statuses are
 * configured. The wait before retry {@code n} (1-based) is the server's {@code Retry-After} when it
 * sent one, else a random duration between 0 and {@code min(maxDelay, baseDelay * 2^(n-1))} ("full
 * jitter"). A {@code Retry-After} longer than {@link #maxDelay()} is not waited for: the request
 * fails at once.
 *
 * <p>Besides {@link #maxAttempts()} per request, a client has a retry budget: at most {@code
 * budgetMinRetries + budgetRatio * requests} retries over its lifetime, so that a sync against a
 * failing server ends instead of multiplying its load. Retries the server directed with {@code
 * Retry-After} do not count against it: the server has said when it wants the request again, which
 * is the opposite of a retry storm.
 *
 * <p>Why the defaults (6 attempts, 500 ms base delay, 60 s maximum delay, 429 and 503, budget of
 * 100 retries plus one per two requests): a provisioning run against an IdP or server that throttles
 * 10-15% of requests needs about 0.18 retries per request on average (0.15 + 0.15^2 + ...), so a
 * ratio of 0.1 ran out after about a thousand requests; 0.5 leaves a wide margin and still bounds a
 * hard outage to 1.5 requests per request once the 100 spare retries are spent. Six attempts make a
 * request fail at a 15% error rate with probability 0.15^6 (about 1 in 90,000) instead of 0.15^4
 * (1 in 2,000, i.e. several failures per 10,000-request run), and the backoff before the sixth
 * attempt is still at most 8 s. 60 s accepts the {@code Retry-After} values that throttling IdPs send
 * (Entra ID and Okta use up to a minute).
 */
public final class RetryPolicy {

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Set<Integer> retryStatuses;
  private final int budgetMinRetries;
  private final double budgetRatio;
  private final RandomGenerator random;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.retryStatuses = Set.copyOf(b.retryStatuses);
    this.budgetMinRetries = b.budgetMinRetries;
    this.budgetRatio = b.budgetRatio;
    this.random = b.random;
  }

  /**
   * The default: 6 attempts, 500 ms base delay, 60 s maximum delay, retry on 429 and 503, a budget
   * of 100 retries plus one per two requests (see the class description for why).
   */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** No retries at all. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The most attempts per request, the first one included; at least 1. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The first backoff ceiling; doubled for each further retry. */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** The longest wait before a retry, for backoff and {@code Retry-After} alike. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The HTTP statuses that are retried (for a non-idempotent POST only 429 and 503 among them). */
  public Set<Integer> retryStatuses() {
    return retryStatuses;
  }

  /** The retries a client may always make, whatever its number of requests. */
  public int budgetMinRetries() {
    return budgetMinRetries;
  }

  /** The further retries a client earns per request made. */
  public double budgetRatio() {
    return budgetRatio;
  }

  /** The backoff before retry {@code retry} (1-based), with full jitter. */
  Duration backoff(int retry) {
    long base = baseDelay.toMillis();
    long max = maxDelay.toMillis();
    int shift = Math.max(0, Math.min(retry - 1, 40));
    long ceiling = base > (max >> shift) ? max : Math.min(max, base << shift);
    return ceiling <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(ceiling + 1));
  }

  /** Builds {@link RetryPolicy}s. */
  public static final class Builder {
    private int maxAttempts = 6;
    private Duration baseDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(60);
    private final Set<Integer> retryStatuses = new TreeSet<>(Set.of(429, 503));
    private int budgetMinRetries = 100;
    private double budgetRatio = 0.5;
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder() {}

    /** The most attempts per request, at least 1 (1 means no retries). */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /** The first backoff ceiling; not negative. */
    public Builder baseDelay(Duration d) {
      this.baseDelay = nonNegative(d, "baseDelay");
      return this;
    }

    /** The longest wait before a retry; not negative. */
    public Builder maxDelay(Duration d) {
      this.maxDelay = nonNegative(d, "maxDelay");
      return this;
    }

    /** Replaces the retried statuses (default 429 and 503). */
    public Builder retryStatuses(int... statuses) {
      retryStatuses.clear();
      for (int s : statuses) {
        retryStatuses.add(s);
      }
      return this;
    }

    /** The retry budget: {@code minRetries + ratio * requests} retries per client. */
    public Builder retryBudget(int minRetries, double ratio) {
      if (minRetries < 0 || ratio < 0 || Double.isNaN(ratio)) {
        throw new IllegalArgumentException("the retry budget must not be negative");
      }
      this.budgetMinRetries = minRetries;
      this.budgetRatio = ratio;
      return this;
    }

    /** The random source for jitter; tests pass a seeded one. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The policy. */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative");
      }
      return d;
    }
  }
}
