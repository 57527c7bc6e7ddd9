package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.resource.User;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

class ErrorMappingTest extends ClientTestBase {

  private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

  @Test
  void conflictCarriesScimTypeDetailAndRequestId() {
    server.enqueue(new MockResponse.Builder().code(409).setHeader("Content-Type", "application/scim+json")
        .setHeader("X-Request-Id", "req-42")
        .body("{\"schemas\":[\"" + ERROR + "\"],\"scimType\":\"uniqueness\",\"detail\":\"userName taken\",\"status\":\"409\"}")
        .build());
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().create(User.builder("bjensen").build()))
          .isInstanceOfSatisfying(ScimConflictException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.scimType()).isEqualTo(ScimType.UNIQUENESS);
            assertThat(e.detail()).isEqualTo("userName taken");
            assertThat(e.requestId()).isEqualTo("req-42");
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.path()).isEqualTo("/scim/v2/Users");
            assertThat(e.getMessage()).isEqualTo(
                "POST /scim/v2/Users: HTTP 409 (uniqueness): userName taken [request id req-42]");
          });
    }
  }

  @Test
  void statusAsNumberAndOtherRequestIdHeaders() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .setHeader("request-id", "ms-1").body("{\"detail\":\"no such user\",\"status\":404}").build());
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("x")).isInstanceOfSatisfying(ScimNotFoundException.class, e -> {
        assertThat(e.detail()).isEqualTo("no such user");
        assertThat(e.requestId()).isEqualTo("ms-1");
      });
    }
  }

  @Test
  void preconditionFailed() {
    server.enqueue(json(412, "{\"status\":\"412\",\"detail\":\"version mismatch\"}"));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().delete("u1", "W/\"1\"")).isInstanceOf(ScimPreconditionFailedException.class);
    }
  }

  @Test
  void htmlFromAProxyGivesAClearMessage() {
    server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
        .body("<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>").build());
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOfSatisfying(ScimClientException.class, e -> {
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("Bad Gateway").contains("not a SCIM error").contains("text/html")
            .contains("title \"502 Bad Gateway\"").doesNotContain("nginx");
        assertThat(e.getCause()).isNull();
      });
    }
  }

  @Test
  void malformedJsonErrorBody() {
    server.enqueue(json(500, "{\"status\": "));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .hasMessageContaining("HTTP 500: Internal Server Error; the response is not a SCIM error");
    }
  }

  @Test
  void htmlWithStatus200IsReportedNotParsed() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<html><title>Sign in</title></html>").build());
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .hasMessageContaining("not JSON").hasMessageContaining("Sign in");
    }
  }

  @Test
  void errorWithoutBody() {
    server.enqueue(status(403));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().get("u1")).hasMessage("GET /scim/v2/Users/u1: HTTP 403: Forbidden");
    }
  }
}
