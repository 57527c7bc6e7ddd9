package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.resource.User;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.CertificatePinner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound TLS over real TLS connections to a MockWebServer on HTTPS, with certificates made at
 * test time by the JDK's keytool.
 */
@Timeout(60)
class ClientTlsTest extends ClientTestBase {

  static final char[] PASSWORD = "client-tls-test-pw".toCharArray();

  @TempDir
  static Path dir;
  static Path serverKeystore;
  static Path clientKeystore;
  static X509Certificate serverCert;
  static Path serverPem;

  /** Made once: keytool takes a while on a busy machine. */
  @BeforeAll
  static void certificates() throws Exception {
    serverKeystore = keytool(dir.resolve("server.p12"), "localhost");
    clientKeystore = keytool(dir.resolve("client.p12"), "scim-client");
    serverCert = (X509Certificate) load(serverKeystore).getCertificate("key");
    serverPem = pem(dir.resolve("server.pem"), serverCert);
  }

  static Path keytool(Path file, String cn) throws Exception {
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return file;
  }

  static KeyStore load(Path file) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  static Path pem(Path file, X509Certificate cert) throws Exception {
    return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
  }

  @BeforeEach
  void https() throws Exception {
    // the server presents its key and trusts only the client's certificate
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(serverKeystore), PASSWORD);
    KeyStore clients = KeyStore.getInstance("PKCS12");
    clients.load(null, null);
    clients.setCertificateEntry("client", load(clientKeystore).getCertificate("key"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(clients);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    server.useHttps(ctx.getSocketFactory());
  }

  ScimClient client(ClientTls tls) {
    return builder().tls(tls).retryPolicy(RetryPolicy.builder().maxAttempts(1).build()).build();
  }

  @Test
  void aPrivateCaFromAPemFileIsTrusted() throws Exception {
    server.enqueue(json(ResourceOperationsTest.user("u1", "bjensen")));
    try (ScimClient c = client(ClientTls.builder().trustedCertificates(serverPem).build())) {
      User u = c.users().get("u1");
      assertThat(u.userName()).isEqualTo("bjensen");
    }
    assertThat(server.takeRequest().getUrl().scheme()).isEqualTo("https");
  }

  @Test
  void aPrivateCaFromAPkcs12TrustStoreIsTrusted() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", serverCert);
    Path file = dir.resolve("trust.p12");
    try (var out = Files.newOutputStream(file)) {
      trust.store(out, PASSWORD);
    }
    server.enqueue(json(ResourceOperationsTest.user("u1", "bjensen")));
    try (ScimClient c = client(ClientTls.builder().trustStore(file, PASSWORD).build())) {
      assertThat(c.users().get("u1").userName()).isEqualTo("bjensen");
    }
  }

  @Test
  void withoutTheCustomTrustTheServerIsRefused() throws Exception {
    server.enqueue(json(ResourceOperationsTest.user("u1", "bjensen")));
    try (ScimClient c = client(ClientTls.builder().build())) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void aServerRequiringAClientCertificateAcceptsTheConfiguredOne() throws Exception {
    server.requireClientAuth();
    server.enqueue(json(ResourceOperationsTest.user("u1", "bjensen")));
    try (ScimClient c = client(ClientTls.builder().trustedCertificates(serverPem)
        .clientCertificate(clientKeystore, PASSWORD).build())) {
      assertThat(c.users().get("u1").userName()).isEqualTo("bjensen");
    }
    X509Certificate presented = (X509Certificate) server.takeRequest().getHandshake().peerCertificates().get(0);
    assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=scim-client");
  }

  @Test
  void aServerRequiringAClientCertificateRefusesAClientWithout() throws Exception {
    server.requireClientAuth();
    server.enqueue(json(ResourceOperationsTest.user("u1", "bjensen")));
    try (ScimClient c = client(ClientTls.builder().trustedCertificates(serverPem).build())) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class);
    }
  }

  @Test
  void aMatchingPinIsAcceptedAndAnotherRefused() throws Exception {
    server.enqueue(json(ResourceOperationsTest.user("u1", "bjensen")));
    String host = server.getHostName();
    try (ScimClient c = client(ClientTls.builder().trustedCertificates(serverPem)
        .pin(host, CertificatePinner.pin(serverCert)).build())) {
      assertThat(c.users().get("u1").userName()).isEqualTo("bjensen");
    }
    X509Certificate other = (X509Certificate) load(clientKeystore).getCertificate("key");
    server.enqueue(json(ResourceOperationsTest.user("u1", "bjensen")));
    try (ScimClient c = client(ClientTls.builder().trustedCertificates(serverPem)
        .pin(host, CertificatePinner.pin(other)).build())) {
      assertThatThrownBy(() -> c.users().get("u1")).isInstanceOf(ScimClientException.class)
          .hasRootCauseInstanceOf(javax.net.ssl.SSLPeerUnverifiedException.class);
    }
  }

  @Test
  void anUnreadableTrustFileIsAClearError() {
    assertThatThrownBy(() -> ClientTls.builder().trustedCertificates(dir.resolve("missing.pem")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
    assertThatThrownBy(() -> ClientTls.builder().clientCertificate(clientKeystore, "wrong".toCharArray()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client.p12");
  }
}
