package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.client.ClientTls;
import dev.scimsync.client.RetryPolicy;
import dev.scimsync.client.ScimClient;
import dev.scimsync.client.ScimClientException;
import dev.scimsync.core.resource.User;
import dev.scimsync.examples.ExampleServer.Options;
import dev.scimsync.examples.ExampleServer.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server on HTTPS from PEM files (certificate chain and PKCS#8 key), with client
 * certificates required (mutual TLS), reached by {@link ScimClient} through {@link ClientTls}.
 */
@Timeout(90)
class ExampleServerPemAndMutualTlsTest {

  static final String TOKEN = "mtls-example-token-0123456789";

  @TempDir
  static Path dir;
  static Path serverKs;
  static Path serverCert;
  static Path serverKey;
  static Path clientKs;
  static Path clientCa;
  static Path strangerKs;

  @BeforeAll
  static void certificates() throws Exception {
    serverKs = TestPki.keystore(dir.resolve("server.p12"), "pem-server", "RSA");
    serverCert = TestPki.certificatePem(serverKs, dir.resolve("fullchain.pem"));
    serverKey = TestPki.keyPem(serverKs, dir.resolve("privkey.pem"));
    clientKs = TestPki.keystore(dir.resolve("client.p12"), "provisioning-client", "EC");
    clientCa = TestPki.certificatePem(clientKs, dir.resolve("client-ca.pem"));
    strangerKs = TestPki.keystore(dir.resolve("stranger.p12"), "stranger", "EC");
  }

  static Options options(String... extra) throws UsageException {
    String[] base = {"--port", "0", "--token", TOKEN, "--tls-cert", serverCert.toString(), "--tls-key",
        serverKey.toString()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return ExampleServer.parse(all);
  }

  static ScimClient client(ExampleServer server, ClientTls tls) {
    return ScimClient.builder().baseUrl(server.baseUrl()).bearerToken(TOKEN).tls(tls)
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).build()).build();
  }

  static SSLSession handshake(ExampleServer server, SSLContext ssl, String... protocols) throws IOException {
    try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      if (protocols.length > 0) {
        s.setEnabledProtocols(protocols);
      }
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.startHandshake();
      // with TLS 1.3 a refused client certificate shows only at the first read
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes());
      s.getOutputStream().flush();
      if (s.getInputStream().read() < 0) {
        throw new IOException("closed by the server");
      }
      return s.getSession();
    }
  }

  @Test
  void aPemCertificateAndKeyAreServedAndTls11IsRefused() throws Exception {
    try (ExampleServer server = ExampleServer.start(options(), options().serverOptions())) {
      assertThat(server.baseUrl()).startsWith("https://");
      try (ScimClient c = client(server, ClientTls.builder().trustedCertificates(serverCert).build())) {
        User created = c.users().create(User.builder("pem.user").build());
        assertThat(c.users().get(created.id()).userName()).isEqualTo("pem.user");
      }
      SSLContext trusting = TestPki.context(null, TestPki.certificate(serverKs));
      assertThat(handshake(server, trusting).getProtocol()).isIn("TLSv1.3", "TLSv1.2");
      assertThatThrownBy(() -> handshake(server, trusting, "TLSv1.1")).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aRenewedPemCertificateIsServedWithoutARestart() throws Exception {
    Path cert = Files.copy(serverCert, dir.resolve("renew-cert.pem"), StandardCopyOption.REPLACE_EXISTING);
    Path key = Files.copy(serverKey, dir.resolve("renew-key.pem"), StandardCopyOption.REPLACE_EXISTING);
    Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--tls-cert", cert.toString(),
        "--tls-key", key.toString()});
    try (ExampleServer server = ExampleServer.start(o, o.serverOptions())) {
      Path renewedKs = TestPki.keystore(dir.resolve("renewed.p12"), "renewed", "EC");
      X509Certificate first = TestPki.certificate(serverKs);
      X509Certificate second = TestPki.certificate(renewedKs);
      // a new context for each handshake: a resumed session would show the old certificate
      assertThat(((X509Certificate) handshake(server, TestPki.context(null, first, second)).getPeerCertificates()[0]).getSubjectX500Principal()
          .getName()).isEqualTo("CN=pem-server");
      // the certificate first: until the key follows, the pair does not match and the old one is served
      Files.move(TestPki.certificatePem(renewedKs, dir.resolve("new-cert.pem")), cert,
          StandardCopyOption.REPLACE_EXISTING);
      bump(cert);
      assertThat(((X509Certificate) handshake(server, TestPki.context(null, first, second)).getPeerCertificates()[0]).getSubjectX500Principal()
          .getName()).isEqualTo("CN=pem-server");
      Files.move(TestPki.keyPem(renewedKs, dir.resolve("new-key.pem")), key, StandardCopyOption.REPLACE_EXISTING);
      bump(key);
      assertThat(((X509Certificate) handshake(server, TestPki.context(null, first, second)).getPeerCertificates()[0]).getSubjectX500Principal()
          .getName()).isEqualTo("CN=renewed");
    }
  }

  /** A distinct modification time even on file systems with coarse timestamps. */
  static void bump(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
  }

  @Test
  void aServerRequiringClientCertificatesServesTheClientWithOneAndRefusesOthers() throws Exception {
    Options o = options("--tls-client-ca", clientCa.toString());
    try (ExampleServer server = ExampleServer.start(o, o.serverOptions())) {
      try (ScimClient c = client(server, ClientTls.builder().trustedCertificates(serverCert)
          .clientCertificate(clientKs, TestPki.PASSWORD).build())) {
        User created = c.users().create(User.builder("mtls.user").build());
        assertThat(c.users().get(created.id()).userName()).isEqualTo("mtls.user");
      }
      try (ScimClient c = client(server, ClientTls.builder().trustedCertificates(serverCert).build())) {
        assertThatThrownBy(() -> c.users().create(User.builder("no.cert").build()))
            .isInstanceOf(ScimClientException.class);
      }
      try (ScimClient c = client(server, ClientTls.builder().trustedCertificates(serverCert)
          .clientCertificate(strangerKs, TestPki.PASSWORD).build())) {
        assertThatThrownBy(() -> c.users().create(User.builder("stranger").build()))
            .isInstanceOf(ScimClientException.class);
      }
      X509Certificate serverCertificate = TestPki.certificate(serverKs);
      assertThatThrownBy(() -> handshake(server, TestPki.context(null, serverCertificate)))
          .isInstanceOf(IOException.class);
      assertThat(handshake(server, TestPki.context(clientKs, serverCertificate)).getProtocol()).startsWith("TLSv1.");
    }
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateFailsTheStart() throws Exception {
    Path otherKey = TestPki.keyPem(strangerKs, dir.resolve("other-key.pem"));
    Options o = ExampleServer.parse(new String[] {"--port", "0", "--token", TOKEN, "--tls-cert",
        serverCert.toString(), "--tls-key", otherKey.toString()});
    assertThatThrownBy(() -> ExampleServer.start(o, o.serverOptions())).isInstanceOf(IOException.class)
        .hasMessageContaining("fullchain.pem").hasMessageContaining("does not belong");
  }

  @Test
  void tlsOptionsThatDoNotGoTogetherAreRefused() {
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--tls-cert", "a.pem"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--tls-key");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--tls-client-ca", "ca.pem"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("needs --tls-keystore or --tls-cert");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--tls-cert", "a.pem", "--tls-key", "k.pem",
        "--tls-keystore", "s.p12", "--tls-keystore-password-file", "pw"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("choose one");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--jwt-issuer", "https://i.test/"}))
        .isInstanceOf(UsageException.class).hasMessageContaining("--jwt-audience");
    assertThatThrownBy(() -> ExampleServer.parse(new String[] {"--jwt-issuer", "https://i.test/", "--jwt-jwks-url",
        "http://i.test/jwks", "--jwt-audience", "a"})).isInstanceOf(UsageException.class)
        .hasMessageContaining("https");
  }
}
