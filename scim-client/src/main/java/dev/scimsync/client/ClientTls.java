package dev.scimsync.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings for outbound connections of a {@link ScimClient}: the certificate authorities to
 * trust (a private CA, instead of the JDK's default ones), a client certificate for mutual TLS,
 * and optional certificate pins. Files are read when {@link Builder#build()} is called.
 *
 * <pre>{@code
 * ClientTls tls = ClientTls.builder()
 *     .trustedCertificates(Path.of("private-ca.pem"))
 *     .clientCertificate(Path.of("client.p12"), password)
 *     .build();
 * ScimClient scim = ScimClient.builder().baseUrl(url).bearerToken(token).tls(tls).build();
 * }</pre>
 *
 * <p>Host name verification always stays on: there is no option to turn it off. A certificate
 * for a private CA must name the host the client connects to. The settings also apply to the
 * OAuth token requests of {@link ScimClient.Builder#oauth}: a trust store that replaces the
 * default authorities must then hold the token endpoint's CA too.
 */
public final class ClientTls {

  private final SSLContext context;
  private final X509TrustManager trustManager;
  private final KeyManager[] keyManagers;
  private final @Nullable CertificatePinner pinner;

  private ClientTls(SSLContext context, X509TrustManager trustManager, KeyManager[] keyManagers,
      @Nullable CertificatePinner pinner) {
    this.context = context;
    this.trustManager = trustManager;
    this.keyManagers = keyManagers;
    this.pinner = pinner;
  }

  /**
   * The TLS context of these settings (trust and client certificate), for transports other than
   * {@link ScimClient}: LDAP, the JDK HTTP client. Pins are not part of it; see {@link #pinned()}.
   */
  public SSLContext sslContext() {
    return context;
  }

  /** The trust manager checking server certificates against the configured authorities. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** The key managers presenting the client certificate; empty without one. */
  public KeyManager[] keyManagers() {
    return keyManagers.clone();
  }

  /** True when certificate pins were set; only {@link ScimClient} checks them. */
  public boolean pinned() {
    return pinner != null;
  }

  /** A builder; with nothing set, the JDK's default trust and no client certificate. */
  public static Builder builder() {
    return new Builder();
  }

  /** Applies these settings to an OkHttp client builder (socket factory, trust, pins). */
  void applyTo(OkHttpClient.Builder http) {
    http.sslSocketFactory(context.getSocketFactory(), trustManager);
    if (pinner != null) {
      http.certificatePinner(pinner);
    }
  }

  /** Builds {@link ClientTls}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path trustStore;
    private char @Nullable [] trustStorePassword;
    private @Nullable Path trustedPem;
    private @Nullable Path clientKeystore;
    private char @Nullable [] clientPassword;
    private final CertificatePinner.Builder pins = new CertificatePinner.Builder();
    private boolean pinned;

    private Builder() {
    }

    /**
     * Trust exactly the certificates in the PKCS12 trust store {@code file} (e.g. a private CA),
     * instead of the JDK's default authorities. The password may be null for a store without one.
     */
    public Builder trustStore(Path file, char @Nullable [] password) {
      this.trustStore = Objects.requireNonNull(file, "file");
      this.trustStorePassword = password == null ? null : password.clone();
      this.trustedPem = null;
      return this;
    }

    /**
     * Trust exactly the certificates in the PEM file {@code file} (one or more {@code BEGIN
     * CERTIFICATE} blocks), instead of the JDK's default authorities.
     */
    public Builder trustedCertificates(Path file) {
      this.trustedPem = Objects.requireNonNull(file, "file");
      this.trustStore = null;
      return this;
    }

    /**
     * Present the key and certificate chain in the PKCS12 keystore {@code file} when the server
     * asks for a client certificate (mutual TLS); the password protects the store and the key.
     */
    public Builder clientCertificate(Path file, char[] password) {
      this.clientKeystore = Objects.requireNonNull(file, "file");
      this.clientPassword = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * Accept a server at {@code hostPattern} (a host name, or {@code *.example.com}) only if its
     * certificate chain holds a public key with one of {@code pins} ({@code sha256/BASE64} of the
     * SubjectPublicKeyInfo). Pins are checked in addition to the trust store, never instead of it.
     */
    public Builder pin(String hostPattern, String... pins) {
      this.pins.add(Objects.requireNonNull(hostPattern, "hostPattern"), pins);
      this.pinned = true;
      return this;
    }

    /**
     * The settings, with the files read now.
     *
     * @throws IllegalArgumentException if a file cannot be read or a password is wrong, naming the file
     */
    public ClientTls build() {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustedKeyStore());
        X509TrustManager trust = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
          if (tm instanceof X509TrustManager x) {
            trust = x;
          }
        }
        if (trust == null) {
          throw new GeneralSecurityException("no X.509 trust manager");
        }
        KeyManager[] keys = null;
        if (clientKeystore != null) {
          KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
          kmf.init(load(clientKeystore, clientPassword), clientPassword);
          keys = kmf.getKeyManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, new TrustManager[] {trust}, null);
        return new ClientTls(ctx, trust, keys == null ? new KeyManager[0] : keys, pinned ? pins.build() : null);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
      }
    }

    /** The store to trust, or null for the JDK's default authorities. */
    private @Nullable KeyStore trustedKeyStore() throws GeneralSecurityException {
      if (trustStore != null) {
        return load(trustStore, trustStorePassword);
      }
      if (trustedPem == null) {
        return null;
      }
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(trustedPem)) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the certificate file " + trustedPem + ": " + e, e);
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("the certificate file " + trustedPem + " holds no certificate");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try {
        ks.load(null, null);
      } catch (IOException e) {
        throw new GeneralSecurityException(e);
      }
      List<Certificate> list = new ArrayList<>(certs);
      for (int i = 0; i < list.size(); i++) {
        ks.setCertificateEntry("trusted-" + i, list.get(i));
      }
      return ks;
    }

    private static KeyStore load(Path file, char @Nullable [] password) throws GeneralSecurityException {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        ks.load(in, password);
      } catch (IOException e) {
        // a wrong password shows as an IOException too; the message says which file
        throw new IllegalArgumentException("cannot read the PKCS12 file " + file + ": " + e.getMessage(), e);
      }
      return ks;
    }
  }
}
