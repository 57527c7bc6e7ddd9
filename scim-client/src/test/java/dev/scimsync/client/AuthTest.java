package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.client.auth.BearerToken;
import dev.scimsync.client.auth.OAuthClientCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class AuthTest extends ClientTestBase {

  private OAuthClientCredentials.Builder oauth() {
    return OAuthClientCredentials.builder().tokenUrl(server.url("/oauth/token")).clientId("client-1")
        .clientSecret("s3cret").scope("scim");
  }

  private static MockResponse token(String value, int expiresIn) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}").build();
  }

  @Test
  void fetchesCachesAndSendsTheToken() throws Exception {
    server.enqueue(token("t1", 3600));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().oauth(oauth().build()).build()) {
      c.users().get("u1");
      time.advance(Duration.ofMinutes(30));
      c.users().get("u1");
    }
    RecordedRequest t = take();
    assertThat(t.getUrl().encodedPath()).isEqualTo("/oauth/token");
    assertThat(t.getHeaders().get("Authorization")).startsWith("Basic ");
    assertThat(body(t)).contains("grant_type=client_credentials").contains("scope=scim").doesNotContain("s3cret");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void clientSecretPostPutsCredentialsInTheBody() throws Exception {
    server.enqueue(token("t1", 3600));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().oauth(oauth()
        .clientAuthentication(OAuthClientCredentials.ClientAuthentication.POST).parameter("audience", "x").build()).build()) {
      c.users().get("u1");
    }
    RecordedRequest t = take();
    assertThat(t.getHeaders().get("Authorization")).isNull();
    assertThat(body(t)).contains("client_id=client-1").contains("client_secret=s3cret").contains("audience=x");
  }

  @Test
  void refreshesWhenLessThanSixtySecondsAreLeft() throws Exception {
    server.enqueue(token("t1", 600));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(token("t2", 600));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().oauth(oauth().build()).build()) {
      c.users().get("u1");
      time.advance(Duration.ofSeconds(539)); // 61 s left: still fresh
      c.users().get("u1");
      time.advance(Duration.ofSeconds(2)); // 59 s left: refresh
      c.users().get("u1");
    }
    take();
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauth/token");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t2");
  }

  @Test
  void unauthorizedOnceRefreshesAndRetriesOnce() throws Exception {
    server.enqueue(token("t1", 3600));
    server.enqueue(status(401));
    server.enqueue(token("t2", 3600));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().oauth(oauth().build()).build()) {
      assertThat(c.users().get("u1").id()).isEqualTo("u1");
    }
    take();
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
    take();
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer t2");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void unauthorizedTwiceFails() {
    server.enqueue(token("t1", 3600));
    server.enqueue(status(401));
    server.enqueue(token("t2", 3600));
    server.enqueue(status(401));
    try (ScimClient c = builder().oauth(oauth().build()).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .extracting(e -> ((ScimClientException) e).status()).isEqualTo(401);
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void staticTokenIsNotRetriedOn401() {
    server.enqueue(status(401));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tokenEndpointErrorsNameTheErrorButNoSecret() {
    server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"invalid_client\",\"error_description\":\"bad credentials\"}").build());
    try (ScimClient c = builder().oauth(oauth().build()).build()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .hasMessageContaining("invalid_client").hasMessageContaining("bad credentials")
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void secretsAreMasked() {
    assertThat(oauth().build().toString()).contains("client-1").doesNotContain("s3cret");
    assertThat(BearerToken.of("abc").toString()).doesNotContain("abc");
    assertThatThrownBy(() -> oauth().build().token()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void concurrentCallersShareOneTokenFetch() throws Exception {
    AtomicInteger tokenCalls = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (request.getUrl().encodedPath().equals("/oauth/token")) {
          tokenCalls.incrementAndGet();
          release.await();
          return token("shared", 3600);
        }
        return json(user("u1", "a"));
      }
    });
    int threads = 8;
    List<Thread> callers = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r);
      callers.add(t);
      return t;
    });
    try (ScimClient c = builder().oauth(oauth().build()).build()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> c.users().get("u1")));
      }
      // Hold the one token response until every other caller waits for the cache (BLOCKED on its
      // lock), or until a second fetch shows that the callers do not share one.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (tokenCalls.get() <= 1 && blocked(callers) < threads - 1) {
        assertThat(System.nanoTime()).as("callers never all reached the token cache").isLessThan(deadline);
        LockSupport.parkNanos(1_000_000); // poll the condition, not a timing assumption
      }
      release.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokenCalls.get()).isEqualTo(1);
  }

  private static long blocked(List<Thread> threads) {
    return threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count();
  }
}
