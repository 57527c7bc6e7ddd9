package dev.scimsync.server.event;

import java.time.Duration;
import java.util.Objects;

/**
 * When repeated failures become a {@link SecurityEvent}: {@code authFailures} failed
 * authentications within {@code authFailureWindow} (per tenant and per client address), {@code
 * rateLimited} answers 429 within {@code rateLimitWindow} (per tenant, or per address for the
 * failed-authentication limiter).
 *
 * @param authFailures failures that make an alert, at least 1
 * @param authFailureWindow the window they must fall in
 * @param rateLimited 429 answers that make an alert, at least 1
 * @param rateLimitWindow the window they must fall in
 */
public record SecurityThresholds(int authFailures, Duration authFailureWindow, int rateLimited,
    Duration rateLimitWindow) {

  /** Checks the values. */
  public SecurityThresholds {
    Objects.requireNonNull(authFailureWindow, "authFailureWindow");
    Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
    if (authFailures < 1 || rateLimited < 1) {
      throw new IllegalArgumentException("thresholds must be at least 1");
    }
    if (authFailureWindow.isNegative() || authFailureWindow.isZero() || rateLimitWindow.isNegative()
        || rateLimitWindow.isZero()) {
      throw new IllegalArgumentException("windows must be positive");
    }
  }

  /** 10 failed authentications in a minute; 100 answers 429 in a minute. */
  public static SecurityThresholds defaults() {
    return new SecurityThresholds(10, Duration.ofMinutes(1), 100, Duration.ofMinutes(1));
  }
}
