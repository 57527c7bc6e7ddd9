package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.resource.User;
import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import mockwebserver3.MockResponse;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/** Issue 10 points 4 and 5: retry defaults a throttling server can live with, and why the client gave up. */
class ThrottlingTest extends ClientTestBase {

  /**
   * 10% 429 with Retry-After 1 s and 5% 503 without, as the IdP proxy of the issue injected; served
   * by an interceptor in front of the network, so that thousands of requests run in a second.
   */
  static final class FlakyServer implements Interceptor {
    final Random random = new Random(42);
    int injected;
    int served;

    @Override
    public Response intercept(Chain chain) {
      double d = random.nextDouble();
      Response.Builder b = new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1);
      if (d < 0.10) {
        injected++;
        return b.code(429).message("Too Many Requests").header("Retry-After", "1").body(ResponseBody.EMPTY).build();
      }
      if (d < 0.15) {
        injected++;
        return b.code(503).message("Service Unavailable").body(ResponseBody.EMPTY).build();
      }
      served++;
      boolean post = chain.request().method().equals("POST");
      return b.code(post ? 201 : 200).message("OK")
          .body(ResponseBody.create(user("u" + served, "user" + served), Transport.SCIM_JSON)).build();
    }
  }

  @Test
  void aLongRunAgainstAServerThrottling15PercentCompletesWithTheDefaults() {
    FlakyServer flaky = new FlakyServer();
    int requests = 10_000;
    try (ScimClient c = ScimClient.builder().baseUrl(baseUrl()).bearerToken("t").discovery(false).timeSource(time)
        .interceptor(flaky).build()) {
      for (int i = 0; i < requests; i++) {
        if (i % 5 == 0) {
          c.users().create(User.builder("user" + i).build());
        } else {
          c.users().get("u1");
        }
      }
      assertThat(c.retryBudgetRemaining()).isPositive();
    }
    assertThat(flaky.served).isEqualTo(requests);
    assertThat(flaky.injected).isGreaterThan(requests / 10);
  }

  @Test
  void retryAfterWaitsDoNotUseTheBudget() {
    RetryPolicy noBudget = RetryPolicy.builder().retryBudget(0, 0).build();
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "2").build());
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().retryPolicy(noBudget).build()) {
      assertThat(c.users().get("u1").id()).isEqualTo("u1");
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void giveUpReasonAttemptsExhausted() {
    RetryPolicy p = RetryPolicy.builder().maxAttempts(2).random(RandomGenerator.of("L64X128MixRandom")).build();
    server.enqueue(status(503));
    server.enqueue(status(503));
    try (ScimClient c = builder().retryPolicy(p).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOfSatisfying(ScimServiceUnavailableException.class,
          e -> {
            assertThat(e.giveUpReason()).isEqualTo(GiveUpReason.ATTEMPTS_EXHAUSTED);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.isTransient()).isTrue();
          });
    }
  }

  @Test
  void giveUpReasonBudgetExhausted() {
    RetryPolicy p = RetryPolicy.builder().retryBudget(0, 0).build();
    server.enqueue(status(503));
    try (ScimClient c = builder().retryPolicy(p).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOfSatisfying(ScimServiceUnavailableException.class,
          e -> assertThat(e.giveUpReason()).isEqualTo(GiveUpReason.BUDGET_EXHAUSTED));
    }
  }

  @Test
  void giveUpReasonRetryAfterTooLongSaysMillisecondsForSubSecondDelays() {
    RetryPolicy p = RetryPolicy.builder().maxDelay(Duration.ofMillis(500)).build();
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
    try (ScimClient c = builder().retryPolicy(p).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOfSatisfying(ScimRateLimitedException.class, e -> {
        assertThat(e.giveUpReason()).isEqualTo(GiveUpReason.RETRY_AFTER_TOO_LONG);
        assertThat(e.getMessage()).contains("Retry-After of 2 s exceeds the maximum delay of 500 ms");
      });
    }
  }

  @Test
  void notRetryableFailuresAreNotTransient() {
    server.enqueue(status(400));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOfSatisfying(ScimClientException.class, e -> {
        assertThat(e.giveUpReason()).isEqualTo(GiveUpReason.NOT_RETRYABLE);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
      });
    }
  }

  @Test
  void defaultsAreDocumented() {
    RetryPolicy d = RetryPolicy.defaults();
    assertThat(d.maxAttempts()).isEqualTo(6);
    assertThat(d.maxDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.budgetMinRetries()).isEqualTo(100);
    assertThat(d.budgetRatio()).isEqualTo(0.5);
    assertThat(d.retryStatuses()).containsExactlyInAnyOrder(429, 503);
  }
}
