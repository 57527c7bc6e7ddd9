package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.examples.ExampleServer.Options;
import dev.scimsync.examples.ExampleServer.UsageException;
import dev.scimsync.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The example server's TLS, public base URL and plain-HTTP warning options. */
@Timeout(60)
class ExampleServerTlsTest {

  static final String TOKEN = "tls-example-token-0123456789";
  static final String PASSWORD = "example-keystore-pw";
  static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"tls@example.com\"}";

  @TempDir
  Path dir;

  /** A PKCS12 keystore with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  Path keystore() throws Exception {
    Path file = dir.resolve("server.p12");
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=example",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD)).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    return file;
  }

  static SSLContext trusting(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", ks.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  static HttpResponse<String> post(HttpClient client, String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url + "/Users"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/scim+json")
        .POST(HttpRequest.BodyPublishers.ofString(USER)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withAKeystoreItServesHttpsAndLocationsAreHttps() throws Exception {
    Path ks = keystore();
    Path pw = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--tls-keystore", ks.toString(),
        "--tls-keystore-password-file", pw.toString()});
    try (ExampleServer server = ExampleServer.start(o, o.serverOptions())) {
      assertThat(server.baseUrl()).isEqualTo("https://127.0.0.1:" + server.port() + "/scim/v2");
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(ks)).version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> created = post(client, server.baseUrl());
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
          l -> assertThat(l).startsWith(server.baseUrl() + "/Users/"));
      assertThat(created.body()).contains("\"location\":\"https://127.0.0.1:");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      server.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), o);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("(HTTPS)").doesNotContain("plain HTTP")
          .doesNotContain(PASSWORD);
      assertThat(err.size()).isZero();
    }
  }

  @Test
  void withoutTlsTheBannerSaysPlainHttpAndANetworkBindWarnsLoudly() throws Exception {
    Options local = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN});
    Options exposed = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--bind", "0.0.0.0"});
    try (ExampleServer server = ExampleServer.start(local, local.serverOptions())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      server.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), local);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("plain HTTP").contains("TLS-terminating proxy");
      assertThat(err.size()).as("no warning on loopback").isZero();

      // the banner of a server bound to all interfaces (the test itself listens on 127.0.0.1 only)
      server.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), exposed);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING: serving PLAIN HTTP on 0.0.0.0");
    }
  }

  @Test
  void aPublicBaseUrlIsUsedInsteadOfTheHostHeader() throws Exception {
    Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--tenant",
        "acme=acme-token-0123456789", "--public-base-url", "https://scim.example.com/scim/v2/"});
    try (ExampleServer server = ExampleServer.start(o, ServerOptions.defaults())) {
      HttpResponse<String> created = post(ScimHttp.CLIENT, server.baseUrl());
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
          l -> assertThat(l).startsWith("https://scim.example.com/scim/v2/Users/"));
      assertThat(created.body()).contains("\"location\":\"https://scim.example.com/scim/v2/Users/");
      HttpResponse<String> tenant = ScimHttp.CLIENT.send(HttpRequest.newBuilder(URI.create(server.tenantUrl("acme")
          + "/Users")).header("Authorization", "Bearer acme-token-0123456789").header("Content-Type",
          "application/scim+json").POST(HttpRequest.BodyPublishers.ofString(USER)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(tenant.headers().firstValue("Location")).hasValueSatisfying(
          l -> assertThat(l).startsWith("https://scim.example.com/tenants/acme/scim/v2/Users/"));
    }
  }

  @Test
  void aWrongKeystorePasswordStopsTheStartNamingTheKeystore() throws Exception {
    Path ks = keystore();
    Path pw = Files.writeString(dir.resolve("pw"), "not-the-password\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExampleServer.run(new String[] {"--port", "0", "--token", TOKEN, "--tls-keystore", ks.toString(),
        "--tls-keystore-password-file", pw.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot use the TLS keystore " + ks)
        .doesNotContain("not-the-password");
  }

  @Test
  void badTlsAndBaseUrlOptionsAreUsageErrors() {
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--tls-keystore", "x.p12"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--tls-keystore-password-file");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--public-base-url", "scim.example.com"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--public-base-url needs an absolute URL");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--public-base-url", "ftp://x/"}))
        .isInstanceOf(UsageException.class);
  }
}
