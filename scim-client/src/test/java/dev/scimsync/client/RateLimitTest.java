package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest extends ClientTestBase {

  @Test
  void tokenBucketSpacesRequests() throws InterruptedException {
    TokenBucket b = new TokenBucket(2, 1, time);
    for (int i = 0; i < 4; i++) {
      b.acquire();
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void burstIsServedAtOnceThenTheRateApplies() throws InterruptedException {
    TokenBucket b = new TokenBucket(10, 3, time);
    for (int i = 0; i < 4; i++) {
      b.acquire();
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100));
    time.advance(Duration.ofSeconds(10)); // refills to the burst, not beyond
    for (int i = 0; i < 3; i++) {
      b.acquire();
    }
    assertThat(time.sleeps()).hasSize(1);
    b.acquire();
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void clientAppliesTheLimit() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(user("u1", "a")));
    }
    try (ScimClient c = builder().rateLimit(4).build()) {
      for (int i = 0; i < 3; i++) {
        c.users().get("u1");
      }
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }
}
