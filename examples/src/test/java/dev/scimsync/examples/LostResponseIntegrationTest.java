package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.client.PatchResponse;
import dev.scimsync.client.RetryPolicy;
import dev.scimsync.client.ScimClient;
import dev.scimsync.client.ScimNotFoundException;
import dev.scimsync.client.ScimOutcomeUnknownException;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10 points 1-3 over real HTTP: the example server applies a write, a hop in between loses
 * the response, and the client's retry must report the truth: success when the write took effect,
 * {@link ScimOutcomeUnknownException} when it cannot tell, and no duplicate create.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LostResponseIntegrationTest {

  static final String TOKEN = "lost-response-token-0123456789";

  ExampleServer server;
  LossyHop hop;
  ScimClient direct;
  ScimClient viaHop;

  @BeforeAll
  void start() throws Exception {
    server = ClientServerIntegrationTest.startServer(TOKEN);
    hop = new LossyHop(server.port());
    direct = ScimClient.builder().baseUrl(server.baseUrl()).bearerToken(TOKEN).build();
    RetryPolicy fast = RetryPolicy.builder().baseDelay(Duration.ofMillis(5)).retryStatuses(429, 502, 503, 504).build();
    viaHop = ScimClient.builder().baseUrl("http://127.0.0.1:" + hop.port() + ExampleServer.BASE_PATH)
        .bearerToken(TOKEN).retryPolicy(fast).build();
  }

  @AfterAll
  void stop() throws Exception {
    viaHop.close();
    direct.close();
    hop.close();
    server.close();
  }

  private User newUser() {
    return direct.users().create(User.builder(ClientServerIntegrationTest.unique("lost")).active(true).build());
  }

  @Test
  void putWithIfMatchWhoseResponseIsLostSucceeds() {
    User u = newUser();
    hop.loseNextResponse("PUT", null);
    User changed = User.builder(u.userName()).id(u.id()).displayName("After").active(false).meta(u.meta()).build();
    User stored = viaHop.users().replace(changed);
    assertThat(hop.faults.get()).isPositive();
    assertThat(stored.displayName()).isEqualTo("After");
    assertThat(direct.users().get(u.id()).active()).isFalse();
  }

  @Test
  void patchWithIfMatchWhoseResponseIsLostSucceeds() {
    User u = newUser();
    hop.loseNextResponse("PATCH", null);
    PatchResponse<User> r = viaHop.users().patch(u.id()).replace("active", false).ifMatch(u.meta().version()).send();
    assertThat(r.version()).isPresent().get().isNotEqualTo(u.meta().version());
    assertThat(direct.users().get(u.id()).active()).isFalse();
  }

  @Test
  void patchOverwrittenBeforeTheRetryIsOutcomeUnknown() {
    User u = newUser();
    hop.loseNextResponse("PATCH", () -> direct.users().patch(u.id()).replace("active", true).send());
    assertThatThrownBy(() -> viaHop.users().patch(u.id()).replace("active", false).ifMatch(u.meta().version()).send())
        .isInstanceOf(ScimOutcomeUnknownException.class);
  }

  @Test
  void deleteWhoseResponseIsLostSucceeds() {
    User u = newUser();
    hop.loseNextResponse("DELETE", null);
    viaHop.users().delete(u.id());
    assertThatThrownBy(() -> direct.users().get(u.id())).isInstanceOf(ScimNotFoundException.class);
  }

  @Test
  void createAnswered502AfterTheServerAppliedItIsNotDuplicated() {
    String userName = ClientServerIntegrationTest.unique("once");
    hop.replaceNextResponse("POST", 502);
    User created = viaHop.users().create(User.builder(userName).build());
    assertThat(created.userName()).isEqualTo(userName);
    assertThat(direct.users().search(Filter.eq("userName", userName)).stream()).hasSize(1);
  }
}
