package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperationResponse;
import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.User;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 10 point 11: a typed Bulk builder, chunks by maxOperations and maxPayloadSize, partial failures. */
class BulkBuilderTest extends ClientTestBase {

  static String spc(int maxOperations, long maxPayloadSize) {
    return "{\"bulk\":{\"supported\":true,\"maxOperations\":" + maxOperations + ",\"maxPayloadSize\":"
        + maxPayloadSize + "}}";
  }

  static String created(String bulkId, String id) {
    return "{\"method\":\"POST\",\"bulkId\":\"" + bulkId + "\",\"status\":\"201\",\"location\":\"https://x/scim/v2/Users/"
        + id + "\"}";
  }

  @Test
  void theBuilderWritesTypedOperations() throws Exception {
    server.enqueue(json(spc(100, 1_000_000)));
    server.enqueue(json("{\"Operations\":[" + created("alice", "u1")
        + ",{\"method\":\"PATCH\",\"status\":\"200\",\"location\":\"https://x/scim/v2/Groups/g1\"}"
        + ",{\"method\":\"DELETE\",\"status\":\"204\"}]}"));
    try (ScimClient c = builder().discovery(true).build()) {
      BulkResult r = c.bulk()
          .create(User.builder("alice").build(), "alice")
          .patch("/Groups", "g1", p -> p.addMembers("bulkId:alice"))
          .delete("/Users", "old")
          .failOnErrors(1)
          .send();
      assertThat(r.allSucceeded()).isTrue();
      assertThat(r.createdId("alice")).contains("u1");
      assertThat(r.operations().get(1).id()).isEqualTo("g1");
    }
    take();
    JsonNode sent = ScimJson.parseObject(body(take()));
    assertThat(sent.get("failOnErrors").intValue()).isEqualTo(1);
    JsonNode ops = sent.get("Operations");
    assertThat(ops.get(0).get("path").stringValue()).isEqualTo("/Users");
    assertThat(ops.get(0).get("data").get("userName").stringValue()).isEqualTo("alice");
    assertThat(ops.get(1).get("path").stringValue()).isEqualTo("/Groups/g1");
    assertThat(ops.get(1).get("data").get("Operations").get(0).get("value").get(0).get("value").stringValue())
        .isEqualTo("bulkId:alice");
    assertThat(ops.get(2).get("method").stringValue()).isEqualTo("DELETE");
  }

  @Test
  void chunksRespectMaxPayloadSize() throws Exception {
    // each user operation is ~100 bytes: two fit in 400, three do not
    server.enqueue(json(spc(100, 400)));
    server.enqueue(json("{\"Operations\":[" + created("a", "u1") + "," + created("b", "u2") + "]}"));
    server.enqueue(json("{\"Operations\":[" + created("c", "u3") + "]}"));
    try (ScimClient c = builder().discovery(true).build()) {
      BulkResult r = c.bulk().create(User.builder("a").build(), "a").create(User.builder("b").build(), "b")
          .create(User.builder("c").build(), "c").send();
      assertThat(r.operations()).extracting(BulkOperationResponse::id).containsExactly("u1", "u2", "u3");
    }
    take();
    RecordedRequest first = take();
    assertThat(first.getBodySize()).isLessThanOrEqualTo(400);
    assertThat(ScimJson.parseObject(body(first)).get("Operations")).hasSize(2);
    assertThat(ScimJson.parseObject(body(take())).get("Operations")).hasSize(1);
  }

  @Test
  void anOperationLargerThanMaxPayloadSizeIsReportedNotSent() {
    server.enqueue(json(spc(100, 150)));
    try (ScimClient c = builder().discovery(true).build()) {
      BulkResult r = c.bulk().create(Group.builder("x".repeat(500)).build(), "g").send();
      assertThat(r.operations()).singleElement().satisfies(o -> {
        assertThat(o.status()).isEqualTo(413);
        assertThat(o.method()).isEqualTo(BulkMethod.POST);
      });
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aFailedLaterChunkKeepsTheResultsOfEarlierChunks() {
    server.enqueue(json(spc(1, 0)));
    server.enqueue(json("{\"Operations\":[" + created("a", "u1") + "]}"));
    server.enqueue(status(400));
    try (ScimClient c = builder().discovery(true).build()) {
      assertThatThrownBy(() -> c.bulk().create(User.builder("a").build(), "a").create(User.builder("b").build(), "b")
          .create(User.builder("c").build(), "c").send())
          .isInstanceOfSatisfying(ScimBulkException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.result().operations()).extracting(BulkOperationResponse::id).containsExactly("u1");
            assertThat(e.result().notRun()).extracting(o -> o.bulkId()).containsExactly("b", "c");
            assertThat(e.result().createdId("a")).contains("u1");
          });
    }
  }

  @Test
  void bulkOperationResponseId() {
    assertThat(new BulkOperationResponse(BulkMethod.POST, "a", null, "https://x/Users/u9/", 201, null).id())
        .isEqualTo("u9");
    assertThat(new BulkOperationResponse(BulkMethod.POST, "a", null, null, 409, null).id()).isNull();
  }
}
