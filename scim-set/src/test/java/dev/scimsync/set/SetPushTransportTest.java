package dev.scimsync.set;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One push per call against a real receiver on the JDK's HTTP server: a receiver that verifies and
 * answers 202, refuses with RFC 8935 errors, fails, throttles, redirects and hangs.
 */
class SetPushTransportTest {

  HttpServer receiver;
  URI base;
  ECKey key;
  SetVerifier verifier;
  final CountDownLatch release = new CountDownLatch(1);
  final ConcurrentLinkedQueue<Map<String, String>> seen = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    verifier = SetVerifier.of(key.toPublicJWK(), "https://scim.example.com", "https://rx.example.com/events");
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.createContext("/events", this::receive);
    receiver.createContext("/fail", ex -> answer(ex, 503, "Retry-After", "7", ""));
    receiver.createContext("/throttle", ex -> answer(ex, 429, null, null, ""));
    receiver.createContext("/moved", ex -> answer(ex, 302, "Location", "/events", ""));
    receiver.createContext("/auth", ex -> answer(ex, 401, "WWW-Authenticate", "Bearer", ""));
    receiver.createContext("/bad", ex -> answer(ex, 400, null, null, "not json"));
    receiver.createContext("/hang", ex -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer(ex, 202, null, null, "");
    });
    receiver.start();
    base = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    release.countDown();
    receiver.stop(0);
  }

  /** A receiver as RFC 8935 §2 describes it: 202 for a valid SET, 400 with err otherwise. */
  void receive(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
    seen.add(Map.of("contentType", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")),
        "authorization", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")), "body", body));
    try {
      verifier.verify(body);
      answer(ex, 202, null, null, "");
    } catch (SetVerifier.InvalidSetException e) {
      answer(ex, 400, "Content-Type", "application/json", ScimJson.write(e.error().toJson()));
    }
  }

  static void answer(HttpExchange ex, int status, String header, String value, String body) throws IOException {
    if (header != null) {
      ex.getResponseHeaders().set(header, value);
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    }
    ex.close();
  }

  String signed(String audience) {
    return SetSigner.of(key).sign(new SecurityEventToken("jti-" + audience.hashCode(), "https://scim.example.com",
        Instant.now(), List.of(audience), "txn", new ScimSubject("/Users/u1", null, null), Instant.now(),
        Map.of(ScimEventUris.DEACTIVATE, ScimJson.object())));
  }

  SetPushTransport transport() {
    return SetPushTransport.create(Duration.ofSeconds(30), "Bearer rx-token");
  }

  @Test
  void aValidSetIsDeliveredWith202() {
    String set = signed("https://rx.example.com/events");
    PushOutcome o = transport().push(base.resolve("/events"), set);
    assertThat(o).isEqualTo(new PushOutcome.Delivered(202));
    Map<String, String> req = seen.poll();
    assertThat(req).containsEntry("contentType", "application/secevent+jwt")
        .containsEntry("authorization", "Bearer rx-token").containsEntry("body", set);
  }

  @Test
  void aRefusalWithAnRfc8935ErrorIsPermanent() {
    PushOutcome o = transport().push(base.resolve("/events"), signed("https://someone-else.example.com"));
    assertThat(o).isInstanceOfSatisfying(PushOutcome.Permanent.class, p -> {
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.error().err()).isEqualTo(SetError.INVALID_AUDIENCE);
    });
    assertThat(transport().push(base.resolve("/bad"), "x")).isEqualTo(new PushOutcome.Permanent(400, null));
    assertThat(transport().push(base.resolve("/auth"), "x")).isEqualTo(new PushOutcome.Permanent(401, null));
    assertThat(transport().push(base.resolve("/moved"), "x")).as("redirects are not followed")
        .isEqualTo(new PushOutcome.Permanent(302, null));
  }

  @Test
  void serverErrorsThrottlingAndSilenceAreRetryable() throws Exception {
    assertThat(transport().push(base.resolve("/fail"), "x"))
        .isEqualTo(new PushOutcome.Retryable(503, Duration.ofSeconds(7), "HTTP 503"));
    assertThat(transport().push(base.resolve("/throttle"), "x"))
        .isEqualTo(new PushOutcome.Retryable(429, null, "HTTP 429"));
    PushOutcome hung = SetPushTransport.create(Duration.ofMillis(300), null).push(base.resolve("/hang"), "x");
    assertThat(hung).isInstanceOfSatisfying(PushOutcome.Retryable.class, r -> {
      assertThat(r.status()).isZero();
      assertThat(r.reason()).contains("timed out");
    });
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    PushOutcome refused = transport().push(URI.create("http://127.0.0.1:" + closed + "/events"), "x");
    assertThat(refused).isInstanceOf(PushOutcome.Retryable.class);
    assertThat(refused.delivered()).isFalse();
  }
}
