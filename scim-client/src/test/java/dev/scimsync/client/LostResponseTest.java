package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import dev.scimsync.core.json.ScimJson;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 points 1-3: a write whose response was lost (the server applied it) and that is retried
 * must not be reported as failed: 412 on a retried If-Match write re-reads the resource, 404 on a
 * retried DELETE is success, and a POST is never repeated blindly.
 */
class LostResponseTest extends ClientTestBase {

  static String userActive(String id, String userName, boolean active, String version) {
    return "{\"schemas\":[\"" + USER_URN + "\"],\"id\":\"" + id + "\",\"userName\":\"" + userName
        + "\",\"active\":" + active + ",\"meta\":{\"resourceType\":\"User\",\"version\":\"" + version + "\"}}";
  }

  static String precondition() {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"412\","
        + "\"detail\":\"version mismatch\"}";
  }

  @Test
  void putWhoseResponseWasLostSucceedsWhenTheResourceHoldsTheWrite() throws Exception {
    server.enqueue(disconnect());
    server.enqueue(json(412, precondition()));
    server.enqueue(json(userActive("u1", "bjensen", false, "W/\\\"2\\\"")));
    try (ScimClient c = client()) {
      User sent = User.from(ScimResource.parse(userActive("u1", "bjensen", false, "W/\\\"1\\\"")));
      User stored = c.users().replace(sent);
      assertThat(stored.meta().version()).isEqualTo("W/\"2\"");
    }
    assertThat(take().getHeaders().get("If-Match")).isEqualTo("W/\"1\"");
    assertThat(take().getMethod()).isEqualTo("PUT");
    assertThat(take().getMethod()).isEqualTo("GET");
  }

  @Test
  void putWhoseRetryIsRefusedAndTheResourceDiffersIsOutcomeUnknown() {
    server.enqueue(disconnect());
    server.enqueue(json(412, precondition()));
    server.enqueue(json(userActive("u1", "bjensen", true, "W/\\\"3\\\"")));
    try (ScimClient c = client()) {
      User sent = User.from(ScimResource.parse(userActive("u1", "bjensen", false, "W/\\\"1\\\"")));
      assertThatThrownBy(() -> c.users().replace(sent))
          .isInstanceOfSatisfying(ScimOutcomeUnknownException.class, e -> {
            assertThat(e).isNotInstanceOf(ScimPreconditionFailedException.class);
            assertThat(e.getCause()).isInstanceOf(ScimPreconditionFailedException.class);
            assertThat(e.earlierAttemptMayHaveApplied()).isTrue();
            assertThat(e.getMessage()).contains("may have been applied");
          });
    }
  }

  @Test
  void a412WithoutAnEarlierAttemptIsAPlainPreconditionFailure() {
    server.enqueue(json(412, precondition()));
    try (ScimClient c = client()) {
      User sent = User.from(ScimResource.parse(userActive("u1", "bjensen", false, "W/\\\"1\\\"")));
      assertThatThrownBy(() -> c.users().replace(sent)).isExactlyInstanceOf(ScimPreconditionFailedException.class)
          .satisfies(e -> assertThat(((ScimClientException) e).earlierAttemptMayHaveApplied()).isFalse());
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void patchWhoseResponseWasLostSucceedsWhenReapplyingChangesNothing() {
    server.enqueue(disconnect());
    server.enqueue(json(412, precondition()));
    server.enqueue(json(userActive("u1", "bjensen", false, "W/\\\"2\\\"")));
    try (ScimClient c = client()) {
      PatchResponse<User> r = c.users().patch("u1").replace("active", false).ifMatch("W/\"1\"").send();
      assertThat(r.version()).contains("W/\"2\"");
      assertThat(r.resource()).isPresent();
    }
  }

  @Test
  void patchWhoseRetryIsRefusedAndTheResourceDiffersIsOutcomeUnknown() {
    server.enqueue(disconnect());
    server.enqueue(json(412, precondition()));
    server.enqueue(json(userActive("u1", "bjensen", true, "W/\\\"3\\\"")));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().patch("u1").replace("active", false).ifMatch("W/\"1\"").send())
          .isInstanceOf(ScimOutcomeUnknownException.class);
    }
  }

  @Test
  void deleteWhoseResponseWasLostIsSuccessWhenTheRetryGets404() {
    server.enqueue(disconnect());
    server.enqueue(status(404));
    try (ScimClient c = client()) {
      c.users().delete("u1");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void deleteOfAMissingResourceIsStillNotFound() {
    server.enqueue(status(404));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().delete("u1")).isInstanceOf(ScimNotFoundException.class);
    }
  }

  @Test
  void a502ToACreateIsCheckedWithTheUniquenessLookupNotRepeated() throws Exception {
    RetryPolicy policy = RetryPolicy.builder().retryStatuses(429, 502, 503, 504)
        .random(RandomGenerator.of("L64X128MixRandom")).build();
    server.enqueue(status(502));
    server.enqueue(json(list(1, 1, user("u1", "bjensen"))));
    try (ScimClient c = builder().retryPolicy(policy).build()) {
      assertThat(c.users().create(User.builder("bjensen").build()).id()).isEqualTo("u1");
    }
    assertThat(take().getMethod()).isEqualTo("POST");
    assertThat(take().getMethod()).isEqualTo("GET");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void a502ToABulkIsNotRepeatedWhateverStatusesAreConfigured() {
    RetryPolicy policy = RetryPolicy.builder().retryStatuses(429, 502, 503, 504)
        .random(RandomGenerator.of("L64X128MixRandom")).build();
    server.enqueue(status(502));
    server.enqueue(status(502));
    BulkRequest req = new BulkRequest(null, List.of(new BulkOperation(BulkMethod.POST, "g1", null, "/Groups",
        ScimJson.parseObject("{\"displayName\":\"Ops\"}"))));
    try (ScimClient c = builder().retryPolicy(policy).build()) {
      assertThatThrownBy(() -> c.bulk(req)).isInstanceOfSatisfying(ScimClientException.class, e -> {
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.giveUpReason()).isEqualTo(GiveUpReason.UNSAFE_TO_RETRY);
      });
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void a502ToAGetIsRetriedWhenConfigured() {
    RetryPolicy policy = RetryPolicy.builder().retryStatuses(429, 502, 503, 504)
        .random(RandomGenerator.of("L64X128MixRandom")).build();
    server.enqueue(status(502));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().retryPolicy(policy).build()) {
      assertThat(c.users().get("u1").id()).isEqualTo("u1");
    }
  }
}
