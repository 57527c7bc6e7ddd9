package dev.scimsync.set;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.schema.SchemaJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.events.DeliveryEngine;
import dev.scimsync.events.Endpoint;
import dev.scimsync.events.RetryPolicy;
import dev.scimsync.events.Subscription;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.outbox.Delivery;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.FileOutbox;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SETs pushed from the transactional outbox over real HTTP: SCIM writes through a {@link
 * ScimServer} recording into a {@link FileOutbox}, the {@link DeliveryEngine} with a {@link
 * SetEventTransport}, and a receiver on the JDK's HTTP server that verifies every SET, answers the
 * first push of each with 503 and the retry with 202, and de-duplicates by {@code jti}.
 */
@Timeout(120)
class SetOutboxDeliveryTest {

  static final String ISSUER = "https://scim.example.com";
  static final String AUDIENCE = "https://rx.example.com/events";

  @TempDir
  Path dir;
  FileOutbox outbox;
  HttpServer scim;
  HttpServer receiver;
  final HttpClient client = HttpClient.newHttpClient();
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
  /** Every push the receiver got, as received. */
  final List<String> pushes = new ArrayList<>();
  /** The verified SETs by jti, the first of each. */
  final Map<String, SecurityEventToken> byJti = new LinkedHashMap<>();
  final Map<String, String> firstBytesByJti = new LinkedHashMap<>();
  final List<String> rejected = new ArrayList<>();

  @AfterEach
  void stop() {
    if (scim != null) {
      JdkHttpServerAdapter.stop(scim, 0);
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (outbox != null) {
      outbox.close();
    }
  }

  @Test
  void everyCommittedChangeArrivesOnceAsAVerifiedSetAfterA503() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    SetVerifier verifier = SetVerifier.of(key.toPublicJWK(), ISSUER, AUDIENCE);
    startReceiver(verifier);
    startScim();

    String user = createUser("ada");
    assertThat(patch("/Users/" + user, "active", "false")).isEqualTo(200);
    String group = post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"admins\",\"members\":[{\"value\":\"" + user + "\"}]}");
    assertThat(delete("/Users/" + user)).isEqualTo(204);

    SetEncoder encoder = SetEncoder.builder().issuer(ISSUER).audience(List.of(AUDIENCE)).build();
    SetEventTransport transport = new SetEventTransport(encoder, SetSigner.of(key),
        SetPushTransport.create(Duration.ofSeconds(5), null), URI.create(url()));
    try (DeliveryEngine engine = DeliveryEngine.builder(outbox).clock(clock).random(() -> 0.5)
        .retryPolicy(RetryPolicy.defaults())
        .endpoint(new Endpoint("set-push", Subscription.all(), transport)).build()) {
      int first = drain(engine);
      assertThat(first).isPositive();
      // every first push was refused with 503 and Retry-After: 10, longer than the engine's own
      // first backoff (4.5 s): nothing is due before it
      assertThat(byJti).isEmpty();
      clock.advance(Duration.ofSeconds(9));
      assertThat(drain(engine)).isZero();
      clock.advance(Duration.ofSeconds(2));
      assertThat(drain(engine)).isEqualTo(first);
      clock.advance(Duration.ofHours(1));
      assertThat(drain(engine)).isZero();
    }

    assertThat(rejected).isEmpty();
    // each jti twice: the 503 and the retry, byte for byte the same SET
    assertThat(pushes).hasSize(2 * byJti.size());
    Map<String, List<String>> pushesByJti = new LinkedHashMap<>();
    for (String p : pushes) {
      pushesByJti.computeIfAbsent(verifier.verify(p).jti(), k -> new ArrayList<>()).add(p);
    }
    assertThat(pushesByJti.values()).allSatisfy(l -> assertThat(l).hasSize(2).containsOnly(l.get(0)));

    // one SET per outbox event: the group create and its initial members are two
    List<String> events = byJti.values().stream()
        .map(s -> s.events().keySet().iterator().next() + " " + s.subject().uri()).toList();
    assertThat(events).containsExactlyInAnyOrder(
        ScimEventUris.CREATE_NOTICE + " /Users/" + user,
        ScimEventUris.PATCH_NOTICE + " /Users/" + user,
        ScimEventUris.DEACTIVATE + " /Users/" + user,
        ScimEventUris.CREATE_NOTICE + " /Groups/" + group,
        ScimEventUris.PATCH_NOTICE + " /Groups/" + group,
        ScimEventUris.PATCH_NOTICE + " /Groups/" + group,
        ScimEventUris.DELETE + " /Users/" + user);
    for (Map.Entry<String, SecurityEventToken> e : byJti.entrySet()) {
      SecurityEventToken set = e.getValue();
      // jti is the outbox event id, iat the time of the change: the same on every attempt
      assertThat(outbox.entry(e.getKey())).hasValueSatisfying(entry -> {
        assertThat(set.issuedAt()).isEqualTo(entry.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(outbox.deliveries(entry.eventId())).singleElement().satisfies(d -> {
          assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED);
          assertThat(d.attempts()).isEqualTo(2);
        });
      });
      assertThat(set.txn()).isNotNull();
    }
  }

  @Test
  void theSameEntryGivesTheSameSetInANewTransport() throws Exception {
    startScim();
    createUser("grace");
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    SetEncoder encoder = SetEncoder.builder().issuer(ISSUER).audience(List.of(AUDIENCE)).build();
    var entry = outbox.entries(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10).get(0);
    SetPushTransport push = SetPushTransport.create(Duration.ofSeconds(1), null);
    URI nowhere = URI.create("http://127.0.0.1:9/");
    // as after a restart: a new transport, a new encoder, nothing kept
    SecurityEventToken a = new SetEventTransport(encoder, SetSigner.of(key), push, nowhere).set(entry).orElseThrow();
    SecurityEventToken b = new SetEventTransport(SetEncoder.builder().issuer(ISSUER).audience(List.of(AUDIENCE))
        .build(), SetSigner.of(key), push, nowhere).set(entry).orElseThrow();
    assertThat(ScimJson.write(a.toJson())).isEqualTo(ScimJson.write(b.toJson()));
    assertThat(a.jti()).isEqualTo(entry.eventId());
  }

  @Test
  void aPutIsPushedAsAPutEventAndAPatchAsAPatchEvent() throws Exception {
    startScim();
    String user = createUser("lin");
    HttpResponse<String> put = send("PUT", "/Users/" + user, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"lin\",\"displayName\":\"Lin\",\"active\":true}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(patch("/Users/" + user, "displayName", "\"Lin Q\"")).isEqualTo(200);
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    SetPushTransport push = SetPushTransport.create(Duration.ofSeconds(1), null);
    URI nowhere = URI.create("http://127.0.0.1:9/");
    List<String> uris = new ArrayList<>();
    for (SetEncoder.Mode mode : SetEncoder.Mode.values()) {
      SetEventTransport transport = new SetEventTransport(SetEncoder.builder().issuer(ISSUER)
          .audience(List.of(AUDIENCE)).mode(mode).build(), SetSigner.of(key), push, nowhere);
      for (var entry : outbox.entries(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10)) {
        transport.set(entry).ifPresent(set -> uris.addAll(set.events().keySet()));
      }
    }
    assertThat(uris).containsExactly(
        ScimEventUris.CREATE_NOTICE, ScimEventUris.PUT_NOTICE, ScimEventUris.PATCH_NOTICE,
        ScimEventUris.CREATE_FULL, ScimEventUris.PUT_FULL, ScimEventUris.PATCH_FULL);
  }

  @Test
  void anEntryRecordedBeforeTheOperationWasKeptIsAPatch() throws Exception {
    startScim();
    String user = createUser("mo");
    assertThat(send("PUT", "/Users/" + user, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"mo\",\"displayName\":\"Mo\"}").statusCode()).isEqualTo(200);
    var put = outbox.entries(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10).get(1);
    assertThat(put.payload()).contains("\"operation\":\"replace\"");
    // as an older outbox wrote it: no "operation"
    var old = new dev.scimsync.server.event.outbox.OutboxEntry(put.sequence(), put.eventId(), put.tenantId(),
        put.type(), put.resourceType(), put.resourceId(), put.orderingKey(), put.occurredAt(),
        put.payload().replace("\"operation\":\"replace\",", ""));
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    SetEventTransport transport = new SetEventTransport(SetEncoder.builder().issuer(ISSUER)
        .audience(List.of(AUDIENCE)).build(), SetSigner.of(key), SetPushTransport.create(Duration.ofSeconds(1), null),
        URI.create("http://127.0.0.1:9/"));
    assertThat(transport.set(old).orElseThrow().events()).containsOnlyKeys(ScimEventUris.PATCH_NOTICE);
    assertThat(transport.set(put).orElseThrow().events()).containsOnlyKeys(ScimEventUris.PUT_NOTICE);
  }

  @Test
  void theServiceProviderConfigAdvertisesTheSecurityEventsIssued() throws Exception {
    startScim(ScimEventUris.issued());
    HttpResponse<String> r = send("GET", "/ServiceProviderConfig", null);
    assertThat(r.statusCode()).isEqualTo(200);
    var spc = ScimJson.parse(r.body());
    var events = spc.get("securityEvents");
    assertThat(events.get("asyncRequest").stringValue()).isEqualTo("none");
    List<String> uris = new ArrayList<>();
    events.get("eventUris").forEach(u -> uris.add(u.stringValue()));
    assertThat(uris).containsExactlyElementsOf(ScimEventUris.issued()).contains(ScimEventUris.PUT_NOTICE);
    // and the document is described by its own schema at /Schemas (RFC 7643 §7)
    Schema schema = SchemaJson.readSchema(send("GET",
        "/Schemas/urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", null).body());
    List<String> undefined = new ArrayList<>();
    spc.properties().forEach(e -> {
      if (e.getKey().equals("schemas") || e.getKey().equals("meta")) {
        return;
      }
      AttributeDefinition def = schema.attribute(e.getKey());
      if (def == null) {
        undefined.add(e.getKey());
        return;
      }
      JsonNode value = e.getValue().isArray() && !e.getValue().isEmpty() ? e.getValue().get(0) : e.getValue();
      value.properties().forEach(sub -> {
        if (def.subAttribute(sub.getKey()) == null) {
          undefined.add(e.getKey() + "." + sub.getKey());
        }
      });
    });
    assertThat(undefined).isEmpty();
    JdkHttpServerAdapter.stop(scim, 0);
    outbox.close();

    // without events configured, no claim to support them (RFC 9967 §4: absent means none)
    startScim();
    assertThat(ScimJson.parse(send("GET", "/ServiceProviderConfig", null).body()).has("securityEvents")).isFalse();
  }

  private void startScim() throws IOException {
    startScim(List.of());
  }

  private void startScim(List<String> securityEvents) throws IOException {
    outbox = FileOutbox.open(dir.resolve("outbox"));
    SchemaRegistry schemas = SchemaRegistry.standard();
    ScimServer server = ScimServer.builder()
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .outbox(outbox)
        .securityEvents(securityEvents)
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "idp", "acme-token-0123456789"))
        .options(ServerOptions.builder().rateLimit(0, 0).maxConcurrentRequestsPerTenant(0).failedAuthLimit(0, 0)
            .build())
        .build();
    scim = JdkHttpServerAdapter.start(server, new InetSocketAddress("127.0.0.1", 0), "/scim/v2");
  }

  private void startReceiver(SetVerifier verifier) throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/events", ex -> receive(ex, verifier));
    receiver.start();
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
  }

  private void receive(HttpExchange ex, SetVerifier verifier) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
    int status;
    synchronized (this) {
      pushes.add(body);
      SecurityEventToken set;
      try {
        set = verifier.verify(body);
      } catch (SetVerifier.InvalidSetException e) {
        rejected.add(e.getMessage());
        answer(ex, 400);
        return;
      }
      if (!firstBytesByJti.containsKey(set.jti())) {
        firstBytesByJti.put(set.jti(), body);
        status = 503;
      } else {
        // a duplicate after a 202 is acknowledged again and not processed twice (RFC 8935 §2.4)
        byJti.putIfAbsent(set.jti(), set);
        status = 202;
      }
    }
    if (status == 503) {
      ex.getResponseHeaders().add("Retry-After", "10");
    }
    answer(ex, status);
  }

  private static void answer(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
    try (OutputStream ignored = ex.getResponseBody()) {
      // no body
    }
  }

  private static int drain(DeliveryEngine engine) {
    int total = 0;
    for (int n; (n = engine.runOnce()) > 0; ) {
      total += n;
    }
    return total;
  }

  private String createUser(String userName) {
    return post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName + "\",\"active\":true}");
  }

  private String post(String path, String body) {
    HttpResponse<String> r = send("POST", path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return ScimJson.parse(r.body()).get("id").stringValue();
  }

  private int patch(String path, String attribute, String value) {
    return send("PATCH", path, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"" + attribute + "\",\"value\":" + value + "}]}").statusCode();
  }

  private int delete(String path) {
    return send("DELETE", path, null).statusCode();
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest r = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + scim.getAddress().getPort() + "/scim/v2" + path))
        .header("Authorization", "Bearer acme-token-0123456789")
        .header("Content-Type", "application/scim+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return client.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private volatile Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
