package dev.scimsync.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer, a fake clock and helpers to script responses. */
abstract class ClientTestBase {

  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  MockWebServer server;
  FakeTime time;

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start();
    time = new FakeTime();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  String baseUrl() {
    return server.url("/scim/v2").toString();
  }

  /** A client without discovery, with a seeded retry policy and the fake clock. */
  ScimClient.Builder builder() {
    return ScimClient.builder().baseUrl(baseUrl()).bearerToken("test-token").discovery(false).timeSource(time)
        .retryPolicy(RetryPolicy.builder().random(RandomGenerator.of("L64X128MixRandom")).build());
  }

  ScimClient client() {
    return builder().build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/scim+json").body(body).build();
  }

  static MockResponse json(String body) {
    return json(200, body);
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  static MockResponse disconnect() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  static String user(String id, String userName) {
    return "{\"schemas\":[\"" + USER_URN + "\"],\"id\":\"" + id + "\",\"userName\":\"" + userName
        + "\",\"meta\":{\"resourceType\":\"User\",\"version\":\"W/\\\"" + id + "-1\\\"\"}}";
  }

  static String list(int total, Integer start, String... resources) {
    return "{\"schemas\":[\"" + LIST_URN + "\"],\"totalResults\":" + total
        + (start == null ? "" : ",\"startIndex\":" + start + ",\"itemsPerPage\":" + resources.length)
        + ",\"Resources\":[" + String.join(",", resources) + "]}";
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request was received");
    }
    return r;
  }

  static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
  }
}
