package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.examples.ExampleServer.Options;
import dev.scimsync.examples.ExampleServer.UsageException;
import dev.scimsync.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example server's command line and what it serves. */
class ExampleServerTest {

  static final String TOKEN = "example-token-0123456789";

  @Test
  void defaults() throws Exception {
    Options o = ExampleServer.parse(new String[0]);
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.bind()).isEqualTo("127.0.0.1");
    assertThat(o.token()).isNull();
    assertThat(o.tenants()).isEmpty();
    assertThat(o.help()).isFalse();
  }

  @Test
  void allOptionsInBothForms() throws Exception {
    Options o = ExampleServer.parse(new String[] {"--port", "9090", "--bind=0.0.0.0", "--token", TOKEN,
        "--tenant", "acme=acme-token-0123456789", "--tenant=acme=acme-token-second-0123", "--tenant", "b.c=bc-token-0123456789ab"});
    assertThat(o.port()).isEqualTo(9090);
    assertThat(o.bind()).isEqualTo("0.0.0.0");
    assertThat(o.token()).isEqualTo(TOKEN);
    assertThat(o.tenants()).isEqualTo(Map.of("acme", List.of("acme-token-0123456789", "acme-token-second-0123"),
        "b.c", List.of("bc-token-0123456789ab")));
    assertThat(ExampleServer.parse(new String[] {"--help"}).help()).isTrue();
  }

  @Test
  void badArgumentsAreExplained() {
    assertUsage(new String[] {"--prot", "1"}, "unknown option '--prot'");
    assertUsage(new String[] {"8080"}, "unknown option '8080'");
    assertUsage(new String[] {"--port"}, "--port needs a value");
    assertUsage(new String[] {"--port", "--token", TOKEN}, "--port needs a value");
    assertUsage(new String[] {"--port", "80800"}, "--port needs a number from 0 to 65535");
    assertUsage(new String[] {"--port", "http"}, "--port needs a number from 0 to 65535");
    assertUsage(new String[] {"--token", "short"}, "at least 16 characters");
    assertUsage(new String[] {"--token", "has space in the token!"}, "visible ASCII");
    assertUsage(new String[] {"--tenant", "acme"}, "--tenant needs NAME=TOKEN");
    assertUsage(new String[] {"--tenant", "ac/me=acme-token-0123456789"}, "a tenant name has");
    assertUsage(new String[] {"--tenant", "default=acme-token-0123456789"}, "'default' is the tenant of --token");
    assertUsage(new String[] {"--tenant", "acme=short"}, "at least 16 characters");
  }

  @Test
  void profilesForAllTenantsAndPerTenant() throws Exception {
    assertThat(ExampleServer.parse(new String[0]).profile()).isEqualTo("lenient");
    Options o = ExampleServer.parse(new String[] {"--profile", "STRICT", "--tenant", "acme=acme-token-0123456789",
        "--tenant-profile", "acme=okta"});
    assertThat(o.profile()).isEqualTo("strict");
    assertThat(o.tenantProfiles()).isEqualTo(Map.of("acme", "okta"));
    assertUsage(new String[] {"--profile", "azure"}, "--profile needs strict, entra, okta or lenient");
    assertUsage(new String[] {"--tenant-profile", "acme"}, "--tenant-profile needs NAME=PROFILE");
    assertUsage(new String[] {"--tenant-profile", "nobody=okta"}, "which no --tenant serves");
  }

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> ExampleServer.parse(args)).isInstanceOf(UsageException.class).hasMessageContaining(message);
  }

  @Test
  void badArgumentsExitWith2AndHelpWith0() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExampleServer.run(new String[] {"--port", "x"}, new PrintStream(out), new PrintStream(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --port needs a number").contains("--help");
    assertThat(ExampleServer.run(new String[] {"--help"}, new PrintStream(out), new PrintStream(err))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:").contains("--tenant NAME=TOKEN");
  }

  @Test
  void servesTheDefaultTenantAndNamedTenants() throws Exception {
    Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--tenant", "acme=acme-token-0123456789"});
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.defaults())) {
      assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/scim/v2");
      ScimHttp scim = new ScimHttp(server.baseUrl(), TOKEN);
      ScimHttp acme = new ScimHttp(server.tenantUrl("acme"), "acme-token-0123456789");
      assertThat(scim.get("/Users").json().get("totalResults").intValue()).as("empty at start").isZero();
      String id = scim.createUser("example@example.com");
      assertThat(scim.get("/Users/" + id).status()).isEqualTo(200);
      assertThat(acme.get("/Users/" + id).status()).isEqualTo(404);
      assertThat(scim.withToken("acme-token-0123456789").get("/Users/" + id).status()).isEqualTo(404);
      assertThat(new ScimHttp(server.tenantUrl("acme"), TOKEN).get("/Users").status()).isEqualTo(401);
      assertThat(scim.withToken(null).get("/Users").status()).isEqualTo(401);
      assertThat(scim.get("/Me").status()).isEqualTo(501);
    }
  }

  @Test
  void aGeneratedTokenIsPrintedOnceAndWorks() throws Exception {
    Options o = ExampleServer.parse(new String[] {"--port", "0"});
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.defaults())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      server.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), o);
      String banner = out.toString(StandardCharsets.UTF_8);
      assertThat(server.token()).hasSizeGreaterThanOrEqualTo(40);
      assertThat(banner.split(java.util.regex.Pattern.quote(server.token()), -1)).as("token printed once").hasSize(2);
      assertThat(banner).contains(server.baseUrl());
      assertThat(new ScimHttp(server.baseUrl(), server.token()).get("/Users").status()).isEqualTo(200);
    }
  }

  @Test
  void aGivenTokenIsNotPrinted() throws Exception {
    Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN});
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.defaults())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      server.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), o);
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN).contains("<token>");
    }
  }

  @Test
  void withADataFileARestartLosesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("scim-data.json");
    Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--data", file.toString()});
    String id;
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.defaults())) {
      ScimHttp scim = new ScimHttp(server.baseUrl(), TOKEN);
      var created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
          + "\"userName\":\"kept@example.com\"}");
      assertThat(created.status()).isEqualTo(201);
      id = created.json().get("id").stringValue();
    }
    assertThat(file).exists();
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.defaults())) {
      var read = new ScimHttp(server.baseUrl(), TOKEN).get("/Users/" + id);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().get("userName").stringValue()).isEqualTo("kept@example.com");
    }
  }
}
