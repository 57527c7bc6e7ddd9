package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Keys and certificates made at test time with the JDK's keytool, as PKCS12 and as PEM files. */
final class TestPki {

  static final char[] PASSWORD = "test-pki-password".toCharArray();
  static final String ALIAS = "key";

  private TestPki() {
  }

  /** A PKCS12 keystore with a self-signed certificate for CN={@code cn}, 127.0.0.1 and localhost. */
  static Path keystore(Path file, String cn, String keyalg) throws Exception {
    Files.deleteIfExists(file);
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", keyalg));
    cmd.addAll(keyalg.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
    cmd.addAll(List.of("-dname", "CN=" + cn, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return file;
  }

  static KeyStore load(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  static X509Certificate certificate(Path keystore) throws Exception {
    return (X509Certificate) load(keystore).getCertificate(ALIAS);
  }

  /** Writes the keystore's certificate as PEM to {@code file}. */
  static Path certificatePem(Path keystore, Path file) throws Exception {
    return Files.writeString(file, pem("CERTIFICATE", certificate(keystore).getEncoded()));
  }

  /** Writes the keystore's private key as unencrypted PKCS#8 PEM to {@code file}. */
  static Path keyPem(Path keystore, Path file) throws Exception {
    PrivateKey key = (PrivateKey) load(keystore).getKey(ALIAS, PASSWORD);
    return Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** A client context trusting exactly {@code certs}, presenting the key of {@code clientKeystore} if given. */
  static SSLContext context(Path clientKeystore, X509Certificate... certs) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certs.length; i++) {
      trust.setCertificateEntry("ca" + i, certs[i]);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (clientKeystore != null) {
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(clientKeystore), PASSWORD);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  /** An HTTPS server on 127.0.0.1 (not started) presenting the key of {@code keystore}. */
  static HttpsServer httpsServer(Path keystore) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(keystore), PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(ctx));
    return https;
  }
}
