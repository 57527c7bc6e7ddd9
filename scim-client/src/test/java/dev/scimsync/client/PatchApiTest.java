package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.filter.Filter;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 10 points 12-14: PatchBuilder style and value filters, ETag after 204, small API fixes. */
class PatchApiTest extends ClientTestBase {

  @Test
  void patchBuilderIsMutableSoAStatementOnItsOwnLineIsNotLost() {
    try (ScimClient c = client()) {
      PatchBuilder<?> p = c.groups().patch("g1");
      p.replace("displayName", "Ops");
      p.addMembers("u1", "u2");
      p.removeMembers("u3");
      assertThat(p.request().operations()).hasSize(3);
    }
  }

  @Test
  void valueFiltersArePrintedNotSpliced() throws Exception {
    server.enqueue(status(204));
    try (ScimClient c = client()) {
      c.groups().patch("g1")
          .remove("members", Filter.eq("value", "a\"b"))
          .replace("emails", Filter.eq("type", "work"), "x@example.com")
          .send();
    }
    JsonNode ops = ScimJson.parseObject(body(take())).get("Operations");
    assertThat(ops.get(0).get("path").stringValue()).isEqualTo("members[value eq \"a\\\"b\"]");
    assertThat(ops.get(1).get("path").stringValue()).isEqualTo("emails[type eq \"work\"]");
  }

  @Test
  void addAndRemoveMembers() throws Exception {
    server.enqueue(status(204));
    try (ScimClient c = client()) {
      c.groups().patch("g1").addMembers("u1", "u2").removeMembers("u3").send();
    }
    JsonNode ops = ScimJson.parseObject(body(take())).get("Operations");
    assertThat(ops.get(0).get("op").stringValue()).isEqualTo("add");
    assertThat(ops.get(0).get("path").stringValue()).isEqualTo("members");
    assertThat(ops.get(0).get("value").get(1).get("value").stringValue()).isEqualTo("u2");
    assertThat(ops.get(1).get("op").stringValue()).isEqualTo("remove");
    assertThat(ops.get(1).get("path").stringValue()).isEqualTo("members[value eq \"u3\"]");
  }

  @Test
  void sendOn204ReturnsTheETagSoIfMatchCanChain() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).setHeader("ETag", "W/\"7\"").build());
    server.enqueue(new MockResponse.Builder().code(204).setHeader("ETag", "W/\"8\"").build());
    try (ScimClient c = client()) {
      PatchResponse<?> first = c.users().patch("u1").replace("active", false).send();
      assertThat(first.status()).isEqualTo(204);
      assertThat(first.resource()).isEmpty();
      assertThat(first.version()).contains("W/\"7\"");
      c.users().patch("u1").replace("active", true).ifMatch(first.version().orElseThrow()).send();
    }
    take();
    assertThat(take().getHeaders().get("If-Match")).isEqualTo("W/\"7\"");
  }

  @Test
  void multiValuePrimaryFactory() {
    MultiValue m = MultiValue.primary("b@example.com", "work");
    assertThat(m.isPrimary()).isTrue();
    assertThat(m.toJson().get("primary").booleanValue()).isTrue();
    assertThat(m.type()).isEqualTo("work");
  }

  @Test
  void searchWithUnparsableTextThrowsScimClientException() {
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().search("userName eq"))
          .isInstanceOfSatisfying(ScimClientException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER);
          });
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
