package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.client.auth.OAuthClientCredentials;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** Issue 10 point 6: OAuth token requests are retried and rate-limited with the client's policy. */
class OAuthRetryTest extends ClientTestBase {

  private OAuthClientCredentials oauth() {
    return OAuthClientCredentials.builder().tokenUrl(server.url("/oauth/token")).clientId("client-1")
        .clientSecret("s3cret").build();
  }

  private static MockResponse token(String value) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").build();
  }

  @Test
  void aThrottledTokenRequestIsRetriedAfterRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
    server.enqueue(status(503));
    server.enqueue(token("t1"));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().oauth(oauth()).build()) {
      assertThat(c.users().get("u1").id()).isEqualTo("u1");
    }
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauth/token");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauth/token");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauth/token");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(time.sleeps()).hasSize(2);
    assertThat(time.sleeps().get(0)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aTokenRequestThatKeepsFailingIsReportedWithTheServersStatus() {
    RetryPolicy p = RetryPolicy.builder().maxAttempts(2).build();
    server.enqueue(status(503));
    server.enqueue(status(503));
    try (ScimClient c = builder().oauth(oauth()).retryPolicy(p).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOfSatisfying(ScimClientException.class, e -> {
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.path()).isEqualTo("/oauth/token");
      });
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void tokenRequestsTakeARateLimitPermit() {
    server.enqueue(token("t1"));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().oauth(oauth()).rateLimit(1).build()) {
      c.users().get("u1");
    }
    // the token request used the one permit; the GET waited a second for the next
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }
}
