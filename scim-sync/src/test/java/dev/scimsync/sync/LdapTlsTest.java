package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.scimsync.client.ClientTls;
import dev.scimsync.sync.ldap.LdapSource;
import dev.scimsync.sync.rest.RestJson;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.ResourceKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS for directory sources with a private CA the test makes with the JDK's keytool: an LDAP
 * server (UnboundID in-memory) on ldaps:// and on ldap:// with StartTLS, both requiring a client
 * certificate, with a certificate for 127.0.0.1 signed by the CA, and the same pair of listeners
 * with a certificate for another host name. The source trusts the CA through a trust store that
 * holds only the CA; host names are verified unless explicitly turned off. The REST helper takes
 * the same {@link ClientTls}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LdapTlsTest {

  private static final String BASE = "dc=example,dc=com";
  private static final char[] PIN = "test-pin-1234".toCharArray();

  @TempDir
  static Path dir;
  private static InMemoryDirectoryServer server;
  private static Path trust;
  private static Path client;

  private final List<AutoCloseable> closing = new ArrayList<>();

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", args) + ": " + out).isZero();
  }

  /** A key pair in {@code name}.p12 with a certificate signed by the test CA. */
  private static Path leaf(String name, String dname, String san) throws Exception {
    String pin = new String(PIN);
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", name + ".p12", "-storepass", pin);
    keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-storepass", pin, "-file", name + ".csr");
    List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12",
        "-storepass", pin, "-infile", name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "2"));
    if (san != null) {
      gencert.addAll(List.of("-ext", "SAN=" + san));
    }
    keytool(gencert.toArray(String[]::new));
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12",
        "-storepass", pin);
    keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12", "-storepass", pin);
    return dir.resolve(name + ".p12");
  }

  @BeforeAll
  static void start() throws Exception {
    String pin = new String(PIN);
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test CA",
        "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", "ca.p12", "-storepass", pin);
    keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", pin, "-rfc", "-file", "ca.pem");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-storetype", "PKCS12", "-keystore",
        "trust.p12", "-storepass", pin);
    trust = dir.resolve("trust.p12");
    Path good = leaf("server", "CN=directory", "ip:127.0.0.1,dns:localhost");
    Path wrong = leaf("elsewhere", "CN=elsewhere.example", "dns:elsewhere.example");
    client = leaf("client", "CN=sync-client", null);

    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    InetAddress lo = InetAddress.getLoopbackAddress();
    SSLUtil goodSsl = ssl(good, "server");
    SSLUtil wrongSsl = ssl(wrong, "elsewhere");
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPSConfig("ldaps", lo, 0, goodSsl.createSSLServerSocketFactory(), null, true,
            true),
        InMemoryListenerConfig.createLDAPConfig("starttls", lo, 0, goodSsl.createSSLSocketFactory(), true, true),
        InMemoryListenerConfig.createLDAPSConfig("ldaps-wrong", lo, 0, wrongSsl.createSSLServerSocketFactory(), null,
            true, true),
        InMemoryListenerConfig.createLDAPConfig("starttls-wrong", lo, 0, wrongSsl.createSSLSocketFactory(), true,
            true));
    config.addAdditionalBindCredentials("cn=admin," + BASE, "s3cret-bind");
    server = new InMemoryDirectoryServer(config);
    server.startListening();
    server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    server.add(new Entry("dn: uid=tls," + BASE, "objectClass: inetOrgPerson", "uid: tls", "cn: T", "sn: T"));
  }

  private static SSLUtil ssl(Path keyStore, String alias) throws Exception {
    return new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), PIN, "PKCS12", alias),
        new TrustStoreTrustManager(trust.toFile(), PIN, "PKCS12", true));
  }

  @AfterAll
  static void stop() {
    server.shutDown(true);
  }

  private LdapSource source(String listener, boolean startTls, ClientTls tls, Boolean verifyHostnames) {
    String scheme = listener.startsWith("ldaps") ? "ldaps" : "ldap";
    LdapSource.Builder b = LdapSource.builder(scheme + "://127.0.0.1:" + server.getListenPort(listener) + "/" + BASE)
        .bind("cn=admin," + BASE, "s3cret-bind").startTls(startTls)
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    if (tls != null) {
      b.tls(tls);
    }
    if (verifyHostnames != null) {
      b.hostnameVerification(verifyHostnames);
    }
    LdapSource s = b.build();
    closing.add(s);
    return s;
  }

  private static ClientTls privateCa(boolean withClientCertificate) {
    ClientTls.Builder b = ClientTls.builder().trustStore(trust, PIN);
    if (withClientCertificate) {
      b.clientCertificate(client, PIN);
    }
    return b.build();
  }

  private static List<String> userNames(LdapSource s) {
    List<String> out = new ArrayList<>();
    s.list(ResourceKind.USER, null).records().forEach(r -> out.add(r.attributes().path("userName").asString()));
    return out;
  }

  @org.junit.jupiter.api.AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void ldapsAndStartTlsTrustThePrivateCaAndPresentTheClientCertificate() {
    assertThat(userNames(source("ldaps", false, privateCa(true), null))).containsExactly("tls");
    assertThat(userNames(source("starttls", true, privateCa(true), null))).containsExactly("tls");
  }

  @Test
  void withoutTheTrustStoreOrTheClientCertificateTheConnectionFails() {
    for (String listener : List.of("ldaps", "starttls")) {
      boolean startTls = listener.equals("starttls");
      assertThatThrownBy(() -> userNames(source(listener, startTls, null, null))).as("%s, JDK trust", listener)
          .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.kind())
              .isEqualTo(DirectoryException.Kind.FAILED)).hasMessageNotContaining("s3cret");
      assertThatThrownBy(() -> userNames(source(listener, startTls, privateCa(false), null)))
          .as("%s, no client certificate", listener).isInstanceOf(DirectoryException.class)
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void aCertificateForAnotherHostFailsUnlessVerificationIsExplicitlyOff() {
    for (String listener : List.of("ldaps-wrong", "starttls-wrong")) {
      boolean startTls = listener.startsWith("starttls");
      assertThatThrownBy(() -> userNames(source(listener, startTls, privateCa(true), null))).as(listener)
          .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.kind())
              .isEqualTo(DirectoryException.Kind.FAILED));
      assertThat(userNames(source(listener, startTls, privateCa(true), false))).as(listener)
          .containsExactly("tls");
    }
    // turned off, the chain is still checked: a CA the source does not trust still fails
    assertThatThrownBy(() -> userNames(source("ldaps-wrong", false, null, false)))
        .isInstanceOf(DirectoryException.class);
  }

  @Test
  void restSourcesTakeTheSameTlsSettings() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve("server.p12"))) {
      ks.load(in, PIN);
    }
    kmf.init(ks, PIN);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(ctx));
    https.createContext("/", ex -> {
      try (ex) {
        byte[] b = "{\"users\":[]}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      }
    });
    https.start();
    try {
      URI uri = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/users");
      assertThat(RestJson.of(() -> "t", Duration.ofSeconds(5), privateCa(false)).get(uri).has("users")).isTrue();
      assertThatThrownBy(() -> RestJson.of(() -> "t", Duration.ofSeconds(5)).get(uri))
          .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.kind())
              .isEqualTo(DirectoryException.Kind.FAILED));
    } finally {
      https.stop(0);
    }
  }
}
