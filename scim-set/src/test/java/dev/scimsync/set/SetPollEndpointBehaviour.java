package dev.scimsync.set;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Poll-based delivery (RFC 8936) end to end: SCIM writes on a {@link ScimServer} become signed
 * SETs through {@link SetPublisher}, wait in the {@link InMemoryPendingSetStore}, and a receiver
 * polls them over real HTTP, acknowledges, reports errors and long-polls.
 */
abstract class SetPollEndpointBehaviour {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();
  static final String TOKEN = "set-poll-test-token-0123456789";
  static final String ISSUER = "https://scim.example.com";

  RSAKey key;
  PendingSetStore store;

  /** A new, empty store keeping at most {@code maxPerStream} SETs per stream. */
  abstract PendingSetStore newStore(int maxPerStream) throws Exception;

  /** The store's latest rejections of {@code stream}. */
  abstract List<Map.Entry<String, SetError>> rejected(String stream);

  /** How many polls wait in the store. */
  abstract int waiting();

  /** Wakes the store's waiting polls. */
  abstract void wakeAll();
  ScimServer scim;
  HttpServer http;
  URI poll;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("scim-1").generate();
    store = newStore(1000);
    SetEncoder encoder = SetEncoder.builder().issuer(ISSUER).audience(List.of("rx1")).build();
    scim = ScimServer.builder()
        .users(new InMemoryUserStore(SCHEMAS.resourceSchema("User")))
        .groups(new InMemoryGroupStore(SCHEMAS.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "entra", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .listener(new SetPublisher(encoder, SetSigner.of(key), SetPublisher.Sink.pending(store, "rx1")))
        .build();
    SetPollEndpoint endpoint = new SetPollEndpoint(store, 100, Duration.ofSeconds(30));
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(Executors.newCachedThreadPool());
    http.createContext("/poll", new JdkSetPollHandler(endpoint,
        ex -> ("Bearer rx1-secret").equals(ex.getRequestHeaders().getFirst("Authorization")) ? "rx1" : null));
    http.start();
    poll = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/poll");
  }

  @AfterEach
  void stop() {
    wakeAll();
    http.stop(0);
  }

  ScimResponse scim(String method, String path, String body) {
    ScimRequest.Builder b = ScimRequest.builder(method, path).header("Authorization", "Bearer " + TOKEN)
        .remoteAddress("192.0.2.7");
    if (body != null) {
      b.header("Content-Type", "application/scim+json").body(body);
    }
    return scim.handle(b.build());
  }

  HttpResponse<String> post(String body, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(poll).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  ObjectNode pollJson(String body) throws Exception {
    HttpResponse<String> r = post(body, "Bearer rx1-secret");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return ScimJson.parseObject(r.body());
  }

  /** The verified SETs of a poll answer, in order. */
  List<SecurityEventToken> sets(ObjectNode answer) {
    SetVerifier v = SetVerifier.of(key.toPublicJWK(), ISSUER, "rx1");
    List<SecurityEventToken> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : answer.get("sets").properties()) {
      SecurityEventToken set = v.verify(e.getValue().stringValue());
      assertThat(set.jti()).isEqualTo(e.getKey());
      out.add(set);
    }
    return out;
  }

  static String userId(ScimResponse r) {
    return ScimJson.parse(r.bodyText()).get("id").stringValue();
  }

  @Test
  void writesArePolledAcknowledgedAndNotSentAgain() throws Exception {
    String id = userId(scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"bjensen\",\"externalId\":\"b1\",\"password\":\"t1meMa$heen\",\"active\":true}"));
    scim("PUT", "/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"bjensen\",\"externalId\":\"b1\",\"displayName\":\"Babs\",\"active\":true}");
    scim("PATCH", "/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
    scim("DELETE", "/Users/" + id, null);

    ObjectNode first = pollJson("{\"returnImmediately\":true,\"maxEvents\":3}");
    assertThat(first.get("moreAvailable").booleanValue()).isTrue();
    List<SecurityEventToken> a = sets(first);
    ObjectNode second = pollJson("{\"returnImmediately\":true,\"ack\":" + jtis(a) + "}");
    assertThat(second.has("moreAvailable")).isFalse();
    List<SecurityEventToken> b = sets(second);
    List<SecurityEventToken> all = new ArrayList<>(a);
    all.addAll(b);
    assertThat(all).extracting(s -> s.events().keySet().iterator().next()).containsExactly(
        ScimEventUris.CREATE_NOTICE, ScimEventUris.PUT_NOTICE, ScimEventUris.PATCH_NOTICE, ScimEventUris.DEACTIVATE,
        ScimEventUris.DELETE);
    assertThat(all).allSatisfy(s -> {
      assertThat(s.subject().uri()).isEqualTo("/Users/" + id);
      assertThat(s.audience()).containsExactly("rx1");
    });
    assertThat(all.get(0).subject().externalId()).isEqualTo("b1");
    assertThat(all.get(2).txn()).as("the PATCH and the deactivation it caused share a txn")
        .isEqualTo(all.get(3).txn()).isNotEqualTo(all.get(1).txn());
    assertThat(all.get(1).event(ScimEventUris.PUT_NOTICE).get("attributes").toString()).contains("displayName");

    ObjectNode acked = pollJson("{\"returnImmediately\":true,\"ack\":" + jtis(b) + "}");
    assertThat(acked.get("sets").isEmpty()).isTrue();
    assertThat(store.count("rx1")).isZero();
  }

  @Test
  void unacknowledgedSetsComeAgainAndErrorsAreRecorded() throws Exception {
    scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\"}");
    scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"b\"}");
    List<SecurityEventToken> once = sets(pollJson("{\"returnImmediately\":true}"));
    List<SecurityEventToken> again = sets(pollJson("{\"returnImmediately\":true}"));
    assertThat(again).extracting(SecurityEventToken::jti).containsExactlyElementsOf(
        once.stream().map(SecurityEventToken::jti).toList());
    String bad = once.get(1).jti();
    ObjectNode answer = pollJson("{\"returnImmediately\":true,\"ack\":[\"" + once.get(0).jti() + "\"],"
        + "\"setErrs\":{\"" + bad + "\":{\"err\":\"invalid_key\",\"description\":\"unknown kid\"}}}");
    assertThat(answer.get("sets").isEmpty()).isTrue();
    assertThat(rejected("rx1")).containsExactly(Map.entry(bad, new SetError("invalid_key", "unknown kid")));
  }

  @Test
  void theOldestAreDroppedPastTheCapAndARepeatedAddIsIgnored() throws Exception {
    PendingSetStore small = newStore(2);
    small.add("s", "j1", "one");
    small.add("s", "j1", "one again");
    small.add("s", "j2", "two");
    small.add("other", "j1", "elsewhere");
    assertThat(small.pending("s", 10)).containsExactly(Map.entry("j1", "one"), Map.entry("j2", "two"));
    small.add("s", "j3", "three");
    assertThat(small.pending("s", 10)).containsOnlyKeys("j2", "j3");
    assertThat(small.pending("s", 1)).containsOnlyKeys("j2");
    assertThat(small.count("other")).isEqualTo(1);
    small.acknowledge("s", List.of("j2", "unknown"));
    assertThat(small.pending("s", 10)).containsOnlyKeys("j3");
    assertThat(small.await("s", Duration.ZERO)).isTrue();
    assertThat(small.await("none", Duration.ZERO)).isFalse();
  }

  @Test
  void maxEventsZeroOnlyAcknowledges() throws Exception {
    scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\"}");
    ObjectNode answer = pollJson("{\"maxEvents\":0}");
    assertThat(answer.get("sets").isEmpty()).isTrue();
    assertThat(store.count("rx1")).isEqualTo(1);
  }

  @Test
  void anAcknowledgeOnlyPollNeverWaits() {
    PendingSetStore neverWait = new PendingSetStore() {
      @Override
      public void add(String stream, String jti, String signedSet) {
        store.add(stream, jti, signedSet);
      }

      @Override
      public Map<String, String> pending(String stream, int max) {
        return store.pending(stream, max);
      }

      @Override
      public int count(String stream) {
        return store.count(stream);
      }

      @Override
      public void acknowledge(String stream, java.util.Collection<String> jtis) {
        store.acknowledge(stream, jtis);
      }

      @Override
      public void reject(String stream, Map<String, SetError> errors) {
        store.reject(stream, errors);
      }

      @Override
      public boolean await(String stream, Duration timeout) {
        throw new AssertionError("a poll with maxEvents 0 must not wait");
      }
    };
    SetPollEndpoint endpoint = new SetPollEndpoint(neverWait, 10, Duration.ofSeconds(30));
    SetPollEndpoint.Answer a = endpoint.poll("empty",
        "{\"maxEvents\":0,\"ack\":[\"x\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().get("sets").isEmpty()).isTrue();
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLongPollIsAnsweredWhenASetArrives() throws Exception {
    CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(HttpRequest.newBuilder(poll)
        .header("Authorization", "Bearer rx1-secret").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    // the write comes only once the poll is held, so the answer must come from the wait
    while (waiting() == 0) {
      Thread.onSpinWait();
    }
    assertThat(waiting.isDone()).isFalse();
    scim("POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"late\"}");
    HttpResponse<String> r = waiting.get();
    assertThat(sets(ScimJson.parseObject(r.body()))).hasSize(1);
  }

  @Test
  void malformedAndUnauthenticatedPollsAreRefused() throws Exception {
    for (String body : List.of("[1]", "{\"ack\":\"x\"}", "{\"ack\":[1]}", "{\"maxEvents\":-1}",
        "{\"maxEvents\":1.5}", "{\"returnImmediately\":\"yes\"}", "{\"setErrs\":{\"j\":{\"description\":\"x\"}}}",
        "{not json")) {
      HttpResponse<String> r = post(body, "Bearer rx1-secret");
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(ScimJson.parse(r.body()).get("err").stringValue()).isEqualTo("invalid_request");
    }
    HttpResponse<String> r = post("{}", "Bearer wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(ScimJson.parse(r.body()).get("err").stringValue()).isEqualTo("authentication_failed");
  }

  static String jtis(List<SecurityEventToken> sets) {
    return ScimJson.write(ScimJson.mapper().valueToTree(sets.stream().map(SecurityEventToken::jti).toList()));
  }
}
