package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.events.webhook.WebhookSecret;
import dev.scimsync.events.webhook.WebhookVerifier;
import dev.scimsync.examples.ExampleServer.UsageException;
import dev.scimsync.examples.readme.WebhookPieces;
import dev.scimsync.server.ServerOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code --webhook} and {@code --webhook-secret-file}: the example server delivers its changes,
 * signed, to a receiver written as the README shows, with the data in memory, in a data file or
 * in a database.
 */
@Timeout(60)
class ExampleServerWebhookTest {

  private static final String TOKEN = "webhook-test-token-0123456789";
  private static final WebhookSecret SECRET = WebhookSecret.generate();

  @TempDir
  Path dir;
  Path secretFile;
  HttpServer receiver;
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void receiver() throws Exception {
    secretFile = dir.resolve("webhook.secret");
    Files.writeString(secretFile, SECRET.encoded() + "\n");
    WebhookVerifier verifier = new WebhookVerifier(List.of(SECRET));
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> WebhookPieces.receive(ex, verifier, received::add));
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  String hook() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "data", "jdbc"})
  void changesArriveSignedAtTheWebhook(String where) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--token", TOKEN, "--webhook", hook(),
        "--webhook-secret-file", secretFile.toString()));
    if (where.equals("data")) {
      args.addAll(List.of("--data", dir.resolve("scim.json").toString()));
    } else if (where.equals("jdbc")) {
      args.addAll(List.of("--jdbc-url", "jdbc:h2:" + dir.resolve("db").toAbsolutePath()));
    }
    ExampleServer.Options o = ExampleServer.parse(args.toArray(String[]::new));
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.builder().build())) {
      ScimHttp scim = new ScimHttp(server.baseUrl(), TOKEN);
      String id = scim.createUser("hooked@example.com");
      String body = received.poll(30, TimeUnit.SECONDS);
      assertThat(body).as("a delivered event").isNotNull();
      JsonNode event = ScimJson.parse(body);
      assertThat(event.get("type").stringValue()).isEqualTo("user.created");
      assertThat(event.at("/resource/id").stringValue()).isEqualTo(id);
      assertThat(event.at("/data/resource/userName").stringValue()).isEqualTo("hooked@example.com");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      server.printBanner(new java.io.PrintStream(out, true, StandardCharsets.UTF_8), o);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("webhooks:").doesNotContain(SECRET.encoded());
    }
    if (where.equals("data")) {
      assertThat(dir.resolve("scim.json.outbox").resolve("outbox.jsonl")).exists();
    }
  }

  @Test
  void webhookOptionsAreChecked() throws Exception {
    assertUsage(new String[] {"--webhook", hook()}, "--webhook and --webhook-secret-file go together");
    assertUsage(new String[] {"--webhook-secret-file", secretFile.toString()},
        "--webhook and --webhook-secret-file go together");
    assertUsage(new String[] {"--webhook", "ftp://x/y", "--webhook-secret-file", secretFile.toString()},
        "--webhook needs an absolute URL");
    assertUsage(new String[] {"--webhook", "hooks/relative", "--webhook-secret-file", secretFile.toString()},
        "--webhook needs an absolute URL");
    Path bad = dir.resolve("bad.secret");
    Files.writeString(bad, "not-a-secret-at-all");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--webhook", hook(), "--webhook-secret-file",
        bad.toString()})).isInstanceOf(UsageException.class).hasMessageContaining("whsec_")
        .hasMessageNotContaining("not-a-secret-at-all");
    assertUsage(new String[] {"--webhook", hook(), "--webhook-secret-file", dir.resolve("missing").toString()},
        "cannot read");
    ExampleServer.Options o = ExampleServer.parse(new String[] {"--webhook", hook(), "--webhook=" + hook() + "2",
        "--webhook-secret-file", secretFile.toString()});
    assertThat(o.webhooks()).hasSize(2);
    assertThat(o.toString()).doesNotContain(SECRET.encoded());
  }

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> ExampleServer.parse(args)).isInstanceOf(UsageException.class)
        .hasMessageContaining(message);
  }
}
