package dev.scimsync.server.jdkhttp;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The TLS settings of an HTTPS server started by {@link JdkHttpServerAdapter}: the server's private
 * key and certificate chain, from a PKCS12 keystore and its password or from PEM files (a
 * certificate chain and a PKCS#8 private key, RSA or EC), and optionally the certificate
 * authorities whose client certificates are required (mutual TLS). The key files are read again
 * when they change, so a renewed certificate is served without a restart.
 *
 * <pre>{@code
 * ServerTls tls = ServerTls.builder().keystore(Path.of("server.p12")).password(secret).build();
 * ServerTls pem = ServerTls.builder().pem(Path.of("fullchain.pem"), Path.of("privkey.pem"))
 *     .requireClientCertificates(Path.of("client-ca.pem")).build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class ServerTls {

  private final @Nullable Path keystore;
  private final char[] password;
  private final @Nullable Path certificateChain;
  private final @Nullable Path privateKey;
  private final @Nullable Path clientCertificateAuthorities;

  private ServerTls(Builder b) {
    if ((b.keystore == null) == (b.certificateChain == null)) {
      throw new IllegalArgumentException("give either a PKCS12 keystore or a PEM certificate and key");
    }
    this.keystore = b.keystore;
    this.password = b.keystore == null ? new char[0] : Objects.requireNonNull(b.password, "password").clone();
    this.certificateChain = b.certificateChain;
    this.privateKey = b.privateKey;
    this.clientCertificateAuthorities = b.clientCas;
  }

  /** A builder; a keystore with its password, or a PEM certificate and key, is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The PKCS12 keystore file, or null when the key comes from PEM files. */
  public @Nullable Path keystore() {
    return keystore;
  }

  /** A copy of the keystore password (also used for the key); empty with PEM files. */
  public char[] password() {
    return password.clone();
  }

  /** The PEM certificate chain (the server's certificate first), or null with a keystore. */
  public @Nullable Path certificateChain() {
    return certificateChain;
  }

  /** The PEM PKCS#8 private key, or null with a keystore. */
  public @Nullable Path privateKey() {
    return privateKey;
  }

  /**
   * The PEM file of certificate authorities whose client certificates are required, or null when
   * clients are not asked for a certificate.
   */
  public @Nullable Path clientCertificateAuthorities() {
    return clientCertificateAuthorities;
  }

  /** The key's source, for messages: the keystore, or the certificate and key files. */
  String describe() {
    return keystore != null ? "keystore " + keystore : "certificate " + certificateChain + " and key " + privateKey;
  }

  @Override
  public String toString() {
    return "ServerTls[" + (keystore != null ? "keystore=" + keystore + ", password=****"
        : "certificate=" + certificateChain + ", key=" + privateKey)
        + (clientCertificateAuthorities == null ? "" : ", clientCAs=" + clientCertificateAuthorities) + "]";
  }

  /** Builds a {@link ServerTls}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path keystore;
    private char @Nullable [] password;
    private @Nullable Path certificateChain;
    private @Nullable Path privateKey;
    private @Nullable Path clientCas;

    private Builder() {
    }

    /** The PKCS12 keystore with the server's key and certificate chain (one key entry). */
    public Builder keystore(Path keystore) {
      this.keystore = Objects.requireNonNull(keystore, "keystore");
      return this;
    }

    /** The keystore password, which is also the key's password; the array is copied. */
    public Builder password(char[] password) {
      this.password = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * The server's certificate chain (PEM {@code BEGIN CERTIFICATE} blocks, the server's own
     * first) and its unencrypted PKCS#8 private key (PEM {@code BEGIN PRIVATE KEY}, RSA or EC), as
     * ACME clients write them; instead of a keystore.
     */
    public Builder pem(Path certificateChain, Path privateKey) {
      this.certificateChain = Objects.requireNonNull(certificateChain, "certificateChain");
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      return this;
    }

    /**
     * Require a client certificate issued by one of the certificate authorities in the PEM file
     * {@code authorities} (mutual TLS): a client without one fails the handshake.
     */
    public Builder requireClientCertificates(Path authorities) {
      this.clientCas = Objects.requireNonNull(authorities, "authorities");
      return this;
    }

    /** The settings; fails when neither a keystore (with password) nor PEM files are given, or both. */
    public ServerTls build() {
      return new ServerTls(this);
    }
  }
}
