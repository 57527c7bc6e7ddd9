package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.examples.ExampleServer.Options;
import dev.scimsync.examples.ExampleServer.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from files and the environment, shared tokens refused, the new limits on the command line. */
class ExampleServerCredentialsTest {

  static final String TOKEN = "example-token-0123456789";
  static final String ACME = "acme-token-0123456789ab";

  @TempDir
  Path dir;

  @Test
  void aTokenSharedByTwoTenantsIsRefusedNamingTheTenantsNotTheToken() {
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--token", TOKEN, "--tenant", "acme=" + TOKEN}))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("tenants default and acme")
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--tenant", "acme=" + ACME, "--tenant", "globex=" + ACME}))
        .hasMessageContaining("tenants acme and globex").hasMessageNotContaining(ACME);
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--tenant", "acme=" + ACME, "--tenant", "acme=" + ACME}))
        .hasMessageContaining("twice for tenant acme");
  }

  @Test
  void tokensComeFromFilesAndTheEnvironment() throws Exception {
    Path own = Files.writeString(dir.resolve("default.token"), TOKEN + "\n");
    Path acme = Files.writeString(dir.resolve("acme.token"), "  " + ACME + "  \nignored second line\n");
    Options o = ExampleServer.parse(new String[] {"--token-file", own.toString(), "--tenant", "acme=@" + acme});
    assertThat(o.token()).isEqualTo(TOKEN);
    assertThat(o.tenants()).isEqualTo(Map.of("acme", List.of(ACME)));
    assertThat(o.toString()).doesNotContain(TOKEN).doesNotContain(ACME);
    Options e = ExampleServer.parse(new String[] {"--token-env", "SCIM_TOKEN"}, Map.of("SCIM_TOKEN", TOKEN)::get);
    assertThat(e.token()).isEqualTo(TOKEN);
  }

  @Test
  void badTokenSourcesAreExplained() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--token-file", dir.resolve("none").toString()}))
        .hasMessageContaining("cannot read the token file");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--token-file", empty.toString()}))
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--token-env", "NOPE"}, Map.<String, String>of()::get))
        .hasMessageContaining("'NOPE' is not set");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--token", TOKEN, "--token-env", "X"},
        Map.of("X", ACME)::get)).hasMessageContaining("give the token");
  }

  @Test
  void theLimitsReachTheServerOptions() throws Exception {
    Options o = ExampleServer.parse(new String[] {"--max-concurrent", "3", "--failed-auth-limit", "0.5",
        "--request-timeout", "2", "--response-timeout", "4.5"});
    assertThat(o.serverOptions().maxConcurrentRequestsPerTenant()).isEqualTo(3);
    assertThat(o.serverOptions().failedAuthPerSecond()).isEqualTo(0.5);
    assertThat(o.serverOptions().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.serverOptions().responseTimeout()).isEqualTo(Duration.ofMillis(4500));
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--request-timeout", "0"}))
        .hasMessageContaining("positive number of seconds");
  }

  @Test
  void aGeneratedTokenIsPrintedAloneOnItsLine() throws Exception {
    Options o = ExampleServer.parse(new String[] {"--port", "0"});
    try (ExampleServer server = ExampleServer.start(o, o.serverOptions())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      server.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), o);
      List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
      int at = lines.indexOf(server.token());
      assertThat(at).as("the token on a line of its own").isPositive();
      assertThat(lines.get(at - 1)).isEmpty();
      assertThat(lines.get(at + 1)).isEmpty();
    }
  }

  @Test
  void theHelpDescribesTheLimitsAndThePersistenceWindow() {
    assertThat(ExampleServer.USAGE).contains("--token-file", "--token-env", "NAME=@FILE", "--max-concurrent",
        "--failed-auth-limit", "--request-timeout", "--response-timeout", "fsync", "kill -9", ".tmp",
        "Passwords are never written", "at most 200 names");
  }
}
