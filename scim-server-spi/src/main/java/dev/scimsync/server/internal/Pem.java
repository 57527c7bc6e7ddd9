package dev.scimsync.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** PEM certificates and PKCS#8 private keys, read into key stores for the JDK's TLS. */
public final class Pem {

  private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
  private static final String END_KEY = "-----END PRIVATE KEY-----";

  private Pem() {
  }

  /** The certificates in {@code file}, in file order; fails when there are none. */
  public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
    }
    if (out.isEmpty()) {
      throw new GeneralSecurityException("the file " + file + " holds no PEM certificate");
    }
    return out;
  }

  /** The unencrypted PKCS#8 RSA or EC key in {@code file}. */
  public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf(BEGIN_KEY);
    int end = text.indexOf(END_KEY);
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("the file " + file + " holds no PEM 'BEGIN PRIVATE KEY' block"
          + (text.contains("ENCRYPTED PRIVATE KEY") ? " (an encrypted key is not supported)"
          : text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY")
          ? " (convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)" : ""));
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN_KEY.length(), end));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the private key in " + file + " is not valid base64");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String alg : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new GeneralSecurityException("the private key in " + file + " is neither RSA nor EC");
  }

  /**
   * A key store holding {@code key} with {@code chain}, under {@code password}; fails when the key
   * does not belong to the first certificate (e.g. a renewal written half).
   */
  public static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain, char[] password)
      throws IOException, GeneralSecurityException {
    String sigAlg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    boolean matches;
    try {
      Signature s = Signature.getInstance(sigAlg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(sigAlg);
      v.initVerify(chain.get(0).getPublicKey());
      v.update(probe);
      matches = v.verify(sig);
    } catch (GeneralSecurityException e) {
      // an RSA key with an EC certificate, or the other way round
      matches = false;
    }
    if (!matches) {
      throw new GeneralSecurityException("the private key does not belong to the certificate "
          + chain.get(0).getSubjectX500Principal().getName());
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
    return ks;
  }

  /** A key store trusting exactly the certificates in {@code file}. */
  public static KeyStore trustStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    List<X509Certificate> certs = certificates(file);
    for (int i = 0; i < certs.size(); i++) {
      ks.setCertificateEntry("ca-" + i, certs.get(i));
    }
    return ks;
  }

  /** A client TLS context trusting exactly the certificates in the PEM {@code file}. */
  public static SSLContext trusting(Path file) throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore(file));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
