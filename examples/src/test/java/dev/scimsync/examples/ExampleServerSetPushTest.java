package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.examples.ExampleServer.UsageException;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.set.ScimEventUris;
import dev.scimsync.set.SecurityEventToken;
import dev.scimsync.set.SetVerifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --set-push} and {@code --set-signing-key}: the example server pushes its changes as SETs
 * signed with a PEM key (EC or RSA) to a receiver that verifies them.
 */
@Timeout(60)
class ExampleServerSetPushTest {

  private static final String TOKEN = "set-push-test-token-0123456789";
  private static final String PUBLIC_URL = "https://scim.example.com";

  @TempDir
  Path dir;
  HttpServer receiver;
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void changesArriveAsVerifiedSets(String algorithm) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("EC")) {
      g.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      g.initialize(2048);
    }
    KeyPair pair = g.generateKeyPair();
    Path keyFile = pem(pair);
    JWK publicKey = algorithm.equals("EC") ? new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build()
        : new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", ex -> {
      received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
      ex.sendResponseHeaders(202, -1);
      ex.close();
    });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
    ExampleServer.Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN,
        "--public-base-url", PUBLIC_URL, "--set-push", url, "--set-signing-key", keyFile.toString()});
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.builder().build())) {
      String id = new ScimHttp(server.baseUrl(), TOKEN).createUser("pushed@example.com");
      String compact = received.poll(30, TimeUnit.SECONDS);
      assertThat(compact).as("a pushed SET").isNotNull();
      SecurityEventToken set = SetVerifier.of(publicKey, PUBLIC_URL + "/scim/v2", url).verify(compact);
      assertThat(set.events()).containsOnlyKeys(ScimEventUris.CREATE_NOTICE);
      assertThat(set.subject().uri()).isEqualTo("/Users/" + id);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      server.printBanner(new java.io.PrintStream(out, true, StandardCharsets.UTF_8), o);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("SET push: " + url);
    }
  }

  @Test
  void setPushOptionsAreChecked() throws Exception {
    Path notAKey = dir.resolve("key.pem");
    Files.writeString(notAKey, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n");
    assertUsage(new String[] {"--set-push", "https://rx.example.com/events"},
        "--set-push and --set-signing-key go together");
    assertUsage(new String[] {"--set-signing-key", notAKey.toString()}, "--set-push and --set-signing-key go together");
    assertUsage(new String[] {"--set-push", "rx/events", "--set-signing-key", notAKey.toString()},
        "--set-push needs an absolute URL");
    assertUsage(new String[] {"--set-push", "https://rx.example.com/events", "--set-signing-key",
        dir.resolve("missing.pem").toString()}, "cannot read");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--set-push", "https://rx.example.com/events",
        "--set-signing-key", notAKey.toString()})).isInstanceOf(UsageException.class)
        .hasMessageContaining("--set-signing-key").hasMessageNotContaining("c2VjcmV0");
  }

  private Path pem(KeyPair pair) throws Exception {
    Path file = dir.resolve("set-signing.pem");
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return file;
  }

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> ExampleServer.parse(args)).isInstanceOf(UsageException.class)
        .hasMessageContaining(message);
  }
}
