package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class RetryTest extends ClientTestBase {

  /** Jitter that draws {@code draw mod bound}: the backoff is then known exactly. */
  static RandomGenerator drawing(long draw) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only bounded draws are expected");
      }

      @Override
      public long nextLong(long bound) {
        return Math.floorMod(draw, bound);
      }
    };
  }

  /** Jitter that always draws the top of the range, so every backoff is its full ceiling. */
  static RandomGenerator topOfRange() {
    return drawing(-1);
  }

  /** A client whose backoffs are their ceilings (500 ms, 1 s, 2 s, ...), so waiting too little fails. */
  ScimClient fullBackoffClient() {
    return builder().retryPolicy(RetryPolicy.builder().random(topOfRange()).build()).build();
  }

  /** The jitter's range is checked by the properties at the end; here it draws the ceilings. */
  @Test
  void retries503AfterTheDrawnBackoff() {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = fullBackoffClient()) {
      assertThat(c.users().get("u1").id()).isEqualTo("u1");
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void honoursRetryAfterSeconds() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = client()) {
      c.users().get("u1");
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void honoursRetryAfterHttpDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.now().plusSeconds(12).atOffset(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", date).build());
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = client()) {
      c.users().get("u1");
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void retryAfterBeyondMaxDelayFailsAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1"))
          .isInstanceOfSatisfying(ScimRateLimitedException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(e.getMessage()).contains("exceeds the maximum delay");
          });
    }
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void exhausted429GivesRateLimitedException() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
    }
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimRateLimitedException.class)
          .hasMessageContaining("gave up after 6 attempt(s)");
    }
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void retryBudgetBoundsRetriesAcrossRequests() {
    RetryPolicy policy = RetryPolicy.builder().retryBudget(2, 0).random(RandomGenerator.of("L64X128MixRandom")).build();
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(503));
    }
    server.enqueue(json(user("u1", "a")));
    server.enqueue(status(503));
    try (ScimClient c = builder().retryPolicy(policy).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .hasMessageContaining("retry budget is exhausted");
      assertThat(c.retryBudgetRemaining()).isZero();
      c.users().get("u1");
      assertThatThrownBy(() -> c.users().get("u1")).hasMessageContaining("retry budget");
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void noRetryPolicy() {
    server.enqueue(status(503));
    try (ScimClient c = builder().retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .extracting(e -> ((ScimClientException) e).status()).isEqualTo(503);
    }
  }

  @Test
  void connectionFailureOfGetIsRetried() {
    server.enqueue(disconnect());
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = fullBackoffClient()) {
      assertThat(c.users().get("u1").id()).isEqualTo("u1");
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void postAfterConnectionFailureReturnsTheResourceWhenItWasCreated() throws Exception {
    server.enqueue(disconnect());
    server.enqueue(json(list(1, 1, user("u1", "bjensen"))));
    try (ScimClient c = client()) {
      User u = c.users().create(User.builder("bjensen").build());
      assertThat(u.id()).isEqualTo("u1");
    }
    assertThat(take().getMethod()).isEqualTo("POST");
    RecordedRequest lookup = take();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getUrl().queryParameter("filter")).isEqualTo("userName eq \"bjensen\"");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void postAfterConnectionFailureIsRetriedWhenTheLookupFindsNothing() throws Exception {
    server.enqueue(disconnect());
    server.enqueue(json(list(0, 1)));
    server.enqueue(json(201, user("u1", "bjensen")));
    try (ScimClient c = client()) {
      assertThat(c.users().create(User.builder("bjensen").build()).id()).isEqualTo("u1");
    }
    assertThat(take().getMethod()).isEqualTo("POST");
    assertThat(take().getMethod()).isEqualTo("GET");
    assertThat(take().getMethod()).isEqualTo("POST");
  }

  @Test
  void groupLookupUsesExternalId() throws Exception {
    server.enqueue(disconnect());
    server.enqueue(json(list(1, 1, "{\"id\":\"g1\",\"displayName\":\"Ops\",\"externalId\":\"e1\"}")));
    try (ScimClient c = client()) {
      var g = c.groups().create(dev.scimsync.core.resource.Group.builder("Ops").externalId("e1").build());
      assertThat(g.id()).isEqualTo("g1");
    }
    take();
    assertThat(take().getUrl().queryParameter("filter")).isEqualTo("externalId eq \"e1\"");
  }

  @Test
  void postWithoutUniquenessFilterIsNotRetried() {
    server.enqueue(disconnect());
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.resources("/Devices").create(ScimResource.parse("{\"serial\":\"1\"}")))
          .isInstanceOfSatisfying(ScimConnectionException.class, e -> {
            assertThat(e.mayHaveBeenProcessed()).isTrue();
            assertThat(e.status()).isZero();
          });
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void callerSuppliedUniquenessFilterForCustomTypes() throws Exception {
    server.enqueue(disconnect());
    server.enqueue(json(list(1, 1, "{\"id\":\"d1\",\"serial\":\"1\"}")));
    try (ScimClient c = client()) {
      ScimResource d = c.resources("/Devices").create(ScimResource.parse("{\"serial\":\"1\"}"), Filter.eq("serial", "1"));
      assertThat(d.id()).isEqualTo("d1");
    }
  }

  @Test
  void refusedConnectionIsRetriedEvenForPost() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ScimClient c = ScimClient.builder().baseUrl("http://127.0.0.1:" + port + "/scim").discovery(false)
        .timeSource(time).retryPolicy(RetryPolicy.builder().random(topOfRange()).build()).build()) {
      assertThatThrownBy(() -> c.resources("/Devices").create(ScimResource.parse("{}")))
          .isInstanceOfSatisfying(ScimConnectionException.class, e -> {
            assertThat(e.mayHaveBeenProcessed()).isFalse();
            assertThat(e.getMessage()).contains("gave up after 6 attempt(s)");
          });
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000),
        Duration.ofMillis(4000), Duration.ofMillis(8000));
  }

  @Test
  void readTimeoutIsAConnectionFailure() {
    server.enqueue(new MockResponse.Builder().headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
        .body("{}").build());
    try (ScimClient c = builder().readTimeout(Duration.ofMillis(100)).retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOfSatisfying(ScimConnectionException.class,
          e -> assertThat(e.getMessage()).contains("SocketTimeoutException").contains("gave up after 1 attempt(s)"));
    }
  }

  /** Property test on QuickTheories: a failure prints a seed; replay it with {@code -DQT_SEED=<seed>}. */
  @Test
  void backoffStaysWithinTheFullJitterCeiling() {
    RetryPolicy p = RetryPolicy.builder().baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(20)).build();
    qt().withExamples(200).forAll(SourceDSL.integers().between(1, 80)).checkAssert(retry -> {
      long ceiling = Math.min(20_000, 100L << Math.min(retry - 1, 40));
      assertThat(p.backoff(retry)).isBetween(Duration.ZERO, Duration.ofMillis(ceiling));
    });
  }

  /** The jitter covers the whole range from zero to the ceiling: the backoff is exactly the draw. */
  @Test
  void backoffIsTheJitterDrawBelowTheCeiling() {
    qt().withExamples(200).forAll(SourceDSL.integers().between(1, 80), SourceDSL.longs().all())
        .checkAssert((retry, draw) -> {
          RetryPolicy p = RetryPolicy.builder().baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(20))
              .random(drawing(draw)).build();
          long ceiling = Math.min(20_000, 100L << Math.min(retry - 1, 40));
          assertThat(p.backoff(retry)).isEqualTo(Duration.ofMillis(Math.floorMod(draw, ceiling + 1)));
        });
  }
}
