package dev.scimsync.server.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.HttpsURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The JDK adapter over real TLS connections on 127.0.0.1 with certificates made by the test. */
@Timeout(60)
class HttpsServerTest {

  static final String TOKEN = "https-test-token-0123456789";

  @TempDir
  Path dir;
  Path keystore;
  HttpsServer https;

  @BeforeEach
  void start() throws Exception {
    keystore = SelfSigned.keystore(dir.resolve("server.p12"), "first");
    SchemaRegistry schemas = SchemaRegistry.standard();
    ScimServer scim = ScimServer.builder()
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "t", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .build();
    ServerTls tls = ServerTls.builder().keystore(keystore).password(SelfSigned.PASSWORD).build();
    https = JdkHttpServerAdapter.start(scim, new InetSocketAddress("127.0.0.1", 0), "/scim/v2", tls);
  }

  @AfterEach
  void stop() {
    JdkHttpServerAdapter.stop(https, 0);
  }

  String base() {
    return "https://127.0.0.1:" + https.getAddress().getPort() + "/scim/v2";
  }

  /** A response: status, Location header and body. */
  record Reply(int status, String location, String body) {
  }

  Reply call(SSLContext ssl, String method, String path, String body) throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) URI.create(base() + path).toURL().openConnection();
    c.setSSLSocketFactory(ssl.getSocketFactory());
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", "Bearer " + TOKEN);
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/scim+json");
      c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    String text = new String((status < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes(),
        StandardCharsets.UTF_8);
    c.disconnect();
    return new Reply(status, c.getHeaderField("Location"), text);
  }

  @Test
  void aClientTrustingTheCertificateIsServedAndLocationsAreHttps() throws Exception {
    SSLContext ssl = SelfSigned.trusting(SelfSigned.certificate(keystore));
    assertThat(call(ssl, "GET", "/Users", null).status()).isEqualTo(200);
    Reply created = call(ssl, "POST", "/Users",
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"tls.user\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).startsWith(base() + "/Users/");
    assertThat(created.body()).contains("\"location\":\"" + base() + "/Users/");
  }

  @Test
  void aClientNotTrustingTheCertificateFailsTheHandshake() throws Exception {
    X509Certificate stranger = SelfSigned.certificate(SelfSigned.keystore(dir.resolve("other.p12"), "stranger"));
    assertThatThrownBy(() -> call(SelfSigned.trusting(stranger), "GET", "/Users", null))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void onlyTls12And13WithForwardSecretAeadSuitesAreOffered() {
    AtomicReference<SSLParameters> set = new AtomicReference<>();
    https.getHttpsConfigurator().configure(new HttpsParameters() {
      @Override
      public com.sun.net.httpserver.HttpsConfigurator getHttpsConfigurator() {
        return https.getHttpsConfigurator();
      }

      @Override
      public InetSocketAddress getClientAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
      }

      @Override
      public void setSSLParameters(SSLParameters params) {
        set.set(params);
      }
    });
    assertThat(set.get().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(set.get().getCipherSuites()).isNotEmpty()
        .allSatisfy(s -> assertThat(s).matches("TLS_(AES|CHACHA20)_.*|TLS_ECDHE_.*_(GCM|CHACHA20_POLY1305)_.*"));
  }

  @Test
  void tls11IsRefused() throws Exception {
    assertThatThrownBy(() -> handshake(SelfSigned.trusting(SelfSigned.certificate(keystore)),
        new String[] {"TLSv1.1"}, null)).isInstanceOf(IOException.class);
  }

  @Test
  void tls12WithACbcSuiteIsRefusedAndWithGcmAccepted() throws Exception {
    SSLContext trust = SelfSigned.trusting(SelfSigned.certificate(keystore));
    // the JDK's client enables this CBC suite by default; only the server's list refuses it
    assertThatThrownBy(() -> handshake(trust, new String[] {"TLSv1.2"},
        new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"})).isInstanceOf(IOException.class);
    assertThat(handshake(trust, new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})
        .getProtocol()).isEqualTo("TLSv1.2");
  }

  @Test
  void aRenewedCertificateIsServedWithoutARestart() throws Exception {
    X509Certificate first = SelfSigned.certificate(keystore);
    Path renewed = SelfSigned.keystore(dir.resolve("renewed.p12"), "second");
    X509Certificate second = SelfSigned.certificate(renewed);
    assertThat(peer(SelfSigned.trusting(first, second)).getSubjectX500Principal().getName()).isEqualTo("CN=first");

    Files.move(renewed, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    // a distinct modification time even on file systems with coarse timestamps
    Files.setLastModifiedTime(keystore, FileTime.fromMillis(Files.getLastModifiedTime(keystore).toMillis() + 2000));

    assertThat(peer(SelfSigned.trusting(first, second)).getSubjectX500Principal().getName()).isEqualTo("CN=second");
    assertThat(call(SelfSigned.trusting(second), "GET", "/Users", null).status()).isEqualTo(200);
  }

  @Test
  void aBrokenRenewalKeepsThePreviousCertificate() throws Exception {
    X509Certificate first = SelfSigned.certificate(keystore);
    Files.writeString(keystore, "half written");
    assertThat(peer(SelfSigned.trusting(first)).getSubjectX500Principal().getName()).isEqualTo("CN=first");
  }

  X509Certificate peer(SSLContext ssl) throws IOException {
    return (X509Certificate) handshake(ssl, null, null).getPeerCertificates()[0];
  }

  javax.net.ssl.SSLSession handshake(SSLContext ssl, String[] protocols, String[] suites) throws IOException {
    try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", https.getAddress().getPort())) {
      s.setSoTimeout(10_000);
      if (protocols != null) {
        s.setEnabledProtocols(protocols);
      }
      if (suites != null) {
        s.setEnabledCipherSuites(suites);
      }
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.startHandshake();
      return s.getSession();
    }
  }
}
