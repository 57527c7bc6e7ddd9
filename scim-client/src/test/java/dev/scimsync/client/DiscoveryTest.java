package dev.scimsync.client;

import dev.scimsync.core.message.ServiceProviderConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DiscoveryTest extends ClientTestBase {

  private ScimClient discovering() {
    return builder().discovery(true).build();
  }

  private static String spc(boolean patch, boolean bulk, int maxOps, boolean filter) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"],"
        + "\"patch\":{\"supported\":" + patch + "},"
        + "\"bulk\":{\"supported\":\"" + bulk + "\",\"maxOperations\":" + maxOps + ",\"maxPayloadSize\":1048576},"
        + "\"filter\":{\"supported\":" + filter + ",\"maxResults\":\"200\"},"
        + "\"etag\":{\"supported\":true},\"pagination\":{\"cursor\":true}}";
  }

  @Test
  void serviceProviderConfigIsReadTolerantlyAndOnce() throws Exception {
    server.enqueue(json(spc(true, true, 10, true)));
    try (ScimClient c = discovering()) {
      ServiceProviderConfig s = c.serviceProviderConfig();
      assertThat(s.known()).isTrue();
      assertThat(s.bulkSupported()).isTrue();
      assertThat(s.bulkMaxOperations()).isEqualTo(10);
      assertThat(s.filterMaxResults()).isEqualTo(200);
      assertThat(s.etagSupported()).isTrue();
      assertThat(s.cursorPaginationSupported()).isTrue();
      assertThat(s.sortSupported()).isFalse();
      assertThat(c.serviceProviderConfig()).isSameAs(s);
    }
    assertThat(take().getUrl().encodedPath()).isEqualTo("/scim/v2/ServiceProviderConfig");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void missingServiceProviderConfigMeansDefaults() {
    server.enqueue(status(404));
    server.enqueue(status(204));
    server.enqueue(status(204));
    try (ScimClient c = discovering()) {
      c.users().patch("u1").replace("active", false).send();
      c.users().patch("u1").replace("active", true).send();
      assertThat(c.serviceProviderConfig().known()).isFalse();
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void patchFallsBackToGetAndPutWhenUnsupported() throws Exception {
    server.enqueue(json(spc(false, false, 0, true)));
    server.enqueue(json(user("u1", "bjensen")));
    server.enqueue(json(user("u1", "bjensen")));
    try (ScimClient c = discovering()) {
      User u = c.users().patch("u1").replace("active", false).add("displayName", "Barbara").send().resource().orElseThrow();
      assertThat(u.id()).isEqualTo("u1");
    }
    take();
    assertThat(take().getMethod()).isEqualTo("GET");
    RecordedRequest put = take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getHeaders().get("If-Match")).isEqualTo("W/\"u1-1\"");
    JsonNode sent = ScimJson.parseObject(body(put));
    assertThat(sent.get("active").booleanValue()).isFalse();
    assertThat(sent.get("displayName").stringValue()).isEqualTo("Barbara");
    assertThat(sent.get("userName").stringValue()).isEqualTo("bjensen");
  }

  @Test
  void patchFallbackRereadsOn412() throws Exception {
    server.enqueue(json(spc(false, false, 0, true)));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(json(412, "{\"status\":\"412\"}"));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = discovering()) {
      assertThat(c.users().patch("u1").replace("active", false).send().resource()).isPresent();
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void patch501IsRememberedAndFallsBack() throws Exception {
    server.enqueue(status(501));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(json(user("u1", "a")));
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = client()) {
      c.users().patch("u1").replace("active", false).send();
      c.users().patch("u1").replace("active", true).send();
    }
    assertThat(take().getMethod()).isEqualTo("PATCH");
    assertThat(take().getMethod()).isEqualTo("GET");
    assertThat(take().getMethod()).isEqualTo("PUT");
    assertThat(take().getMethod()).as("remembered").isEqualTo("GET");
    assertThat(take().getMethod()).isEqualTo("PUT");
  }

  private static BulkRequest userAndGroup() {
    return new BulkRequest(null, List.of(
        new BulkOperation(BulkMethod.POST, "u", null, "/Users",
            ScimJson.parseObject("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"bjensen\"}")),
        new BulkOperation(BulkMethod.POST, "g", null, "/Groups",
            ScimJson.parseObject("{\"displayName\":\"Ops\",\"members\":[{\"value\":\"bulkId:u\"}]}")),
        new BulkOperation(BulkMethod.DELETE, null, "W/\"1\"", "/Users/old", null)));
  }

  @Test
  void bulkFallsBackToSingleRequestsResolvingBulkIds() throws Exception {
    server.enqueue(json(spc(true, false, 0, true)));
    server.enqueue(json(201, user("u1", "bjensen")));
    server.enqueue(json(201, "{\"id\":\"g1\",\"displayName\":\"Ops\",\"meta\":{\"location\":\"https://x/Groups/g1\"}}"));
    server.enqueue(status(204));
    try (ScimClient c = discovering()) {
      BulkResult r = c.bulk(userAndGroup());
      assertThat(r.operations()).extracting(o -> o.status()).containsExactly(201, 201, 204);
      assertThat(r.operations().get(0).bulkId()).isEqualTo("u");
      assertThat(r.operations().get(0).location()).endsWith("/scim/v2/Users/u1");
      assertThat(r.operations().get(1).location()).isEqualTo("https://x/Groups/g1");
    }
    take();
    take();
    RecordedRequest group = take();
    assertThat(group.getUrl().encodedPath()).isEqualTo("/scim/v2/Groups");
    assertThat(ScimJson.parseObject(body(group)).get("members").get(0).get("value").stringValue()).isEqualTo("u1");
    RecordedRequest delete = take();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getHeaders().get("If-Match")).isEqualTo("W/\"1\"");
  }

  @Test
  void bulkSinglesReportErrorsAndStopAfterFailOnErrors() {
    server.enqueue(json(spc(true, false, 0, true)));
    server.enqueue(json(409, "{\"status\":\"409\",\"scimType\":\"uniqueness\",\"detail\":\"exists\"}"));
    try (ScimClient c = discovering()) {
      BulkResult r = c.bulk(new BulkRequest(1, userAndGroup().operations()));
      assertThat(r.operations()).hasSize(1);
      assertThat(r.operations().get(0).status()).isEqualTo(409);
      assertThat(r.operations().get(0).error().detail()).isEqualTo("exists");
    }
    assertThat(server.getRequestCount()).as("stopped after the first error").isEqualTo(2);
  }

  @Test
  void unresolvedBulkIdFailsThatOperationOnly() {
    server.enqueue(json(spc(true, false, 0, true)));
    server.enqueue(json(409, "{\"status\":\"409\",\"detail\":\"exists\"}"));
    server.enqueue(status(204));
    try (ScimClient c = discovering()) {
      BulkResult r = c.bulk(userAndGroup());
      assertThat(r.operations()).extracting(o -> o.status()).containsExactly(409, 409, 204);
      assertThat(r.operations().get(1).error().detail()).contains("unresolved bulkId");
    }
  }

  @Test
  void bulkIsSentWhenSupportedAndChunkedByMaxOperations() throws Exception {
    server.enqueue(json(spc(true, true, 2, true)));
    server.enqueue(json("{\"Operations\":[{\"method\":\"POST\",\"bulkId\":\"u\",\"status\":\"201\","
        + "\"location\":\"https://x/scim/v2/Users/u1\"},{\"method\":\"POST\",\"bulkId\":\"g\",\"status\":201}]}"));
    server.enqueue(json("{\"Operations\":[{\"method\":\"DELETE\",\"status\":{\"code\":\"204\"}}]}"));
    BulkRequest req = new BulkRequest(null, List.of(
        userAndGroup().operations().get(0),
        new BulkOperation(BulkMethod.POST, "g", null, "/Groups",
            ScimJson.parseObject("{\"displayName\":\"Ops\"}")),
        new BulkOperation(BulkMethod.PATCH, null, null, "/Users/bulkId:u",
            ScimJson.parseObject("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}"))));
    try (ScimClient c = discovering()) {
      BulkResult r = c.bulk(req);
      assertThat(r.operations()).extracting(o -> o.status()).containsExactly(201, 201, 204);
    }
    take();
    RecordedRequest first = take();
    assertThat(first.getUrl().encodedPath()).isEqualTo("/scim/v2/Bulk");
    assertThat(ScimJson.parseObject(body(first)).get("Operations")).hasSize(2);
    JsonNode second = ScimJson.parseObject(body(take()));
    assertThat(second.get("Operations").get(0).get("path").stringValue()).isEqualTo("/Users/u1");
  }

  @Test
  void postSearchUsesGetWhenFilteringIsNotSupported() throws Exception {
    server.enqueue(json(spc(true, false, 0, false)));
    server.enqueue(json(list(0, 1)));
    try (ScimClient c = discovering()) {
      assertThat(c.users().search(Filter.pr("userName")).viaPost().stream()).isEmpty();
    }
    take();
    assertThat(take().getMethod()).isEqualTo("GET");
  }

  @Test
  void schemasAndResourceTypesAreReadOnce() {
    server.enqueue(json(list(1, 1, "{\"id\":\"urn:acme:Device\",\"name\":\"Device\",\"attributes\":["
        + "{\"name\":\"serial\",\"type\":\"string\"}]}")));
    // a bare array, as some servers send
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("[{\"id\":\"Device\",\"name\":\"Device\",\"endpoint\":\"/Devices\",\"schema\":\"urn:acme:Device\"}]")
        .build());
    try (ScimClient c = discovering()) {
      assertThat(c.schemas()).extracting(s -> s.id()).containsExactly("urn:acme:Device");
      assertThat(c.resourceTypes()).extracting(t -> t.endpoint()).containsExactly("/Devices");
      assertThat(c.schemas()).hasSize(1);
      assertThat(c.resourceTypes()).hasSize(1);
      assertThat(c.resourceSchema("/Devices")).isNotNull();
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
