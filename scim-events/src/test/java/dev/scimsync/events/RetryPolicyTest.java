package dev.scimsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** Exponential backoff with jitter, Retry-After and the horizon. */
class RetryPolicyTest {

  static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  static final RetryPolicy P = RetryPolicy.defaults();

  @Test
  void delaysDoubleFromTheInitialDelayUpToTheCap() {
    assertThat(P.baseDelay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(P.baseDelay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(P.baseDelay(5)).isEqualTo(Duration.ofSeconds(80));
    assertThat(P.baseDelay(30)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void everyDelayLiesBetweenTheJitteredAndTheFullBaseDelay() {
    qt().withExamples(300).forAll(SourceDSL.integers().between(1, 200), SourceDSL.doubles().between(0, 0.999_999))
        .checkAssert((attempts, r) -> {
          Instant now = T0.plus(Duration.ofHours(1));
          Instant next = P.next(attempts, T0, now, null, () -> r);
          assertThat(next).isNotNull();
          Duration d = Duration.between(now, next);
          Duration base = P.baseDelay(attempts);
          assertThat(d).isLessThanOrEqualTo(base).isGreaterThanOrEqualTo(Duration.ofMillis((long) (base.toMillis() * 0.8)));
        });
  }

  @Test
  void aLongerRetryAfterWinsAShorterOneDoesNot() {
    assertThat(P.next(1, T0, T0, Duration.ofMinutes(2), () -> 0)).isEqualTo(T0.plus(Duration.ofMinutes(2)));
    assertThat(P.next(1, T0, T0, Duration.ofSeconds(1), () -> 0)).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void nothingIsScheduledPastTheHorizon() {
    qt().withExamples(300).forAll(SourceDSL.integers().between(1, 200), SourceDSL.longs().between(0, 4 * 86_400))
        .checkAssert((attempts, elapsed) -> {
          Instant now = T0.plusSeconds(elapsed);
          Instant next = P.next(attempts, T0, now, null, () -> 0.5);
          if (next == null) {
            assertThat(now.plus(P.baseDelay(attempts).multipliedBy(9).dividedBy(10))).isAfter(T0.plus(P.horizon()));
          } else {
            assertThat(next).isBeforeOrEqualTo(T0.plus(P.horizon()));
          }
        });
  }

  @Test
  void invalidPoliciesAreRefused() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), 0.5, Duration.ofHours(1), 0.2, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofSeconds(1), 0.2, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofHours(1), 1.5, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
