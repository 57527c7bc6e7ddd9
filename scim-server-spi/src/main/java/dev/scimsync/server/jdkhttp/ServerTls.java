package dev.scimsync.server.jdkhttp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS settings of an HTTPS server started by {@link JdkHttpServerAdapter}: a PKCS12 keystore
 * holding the server's private key and certificate chain, and its password. The keystore is read
 * again when its file changes, so a renewed certificate is served without a restart.
 *
 * <pre>{@code
 * ServerTls tls = ServerTls.builder().keystore(Path.of("server.p12")).password(secret).build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class ServerTls {

  private final Path keystore;
  private final char[] password;

  private ServerTls(Builder b) {
    this.keystore = Objects.requireNonNull(b.keystore, "keystore");
    this.password = Objects.requireNonNull(b.password, "password").clone();
  }

  /** A builder; {@link Builder#keystore} and {@link Builder#password} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The PKCS12 keystore file. */
  public Path keystore() {
    return keystore;
  }

  /** A copy of the keystore password (also used for the key). */
  public char[] password() {
    return password.clone();
  }

  @Override
  public String toString() {
    return "ServerTls[keystore=" + keystore + ", password=****]";
  }

  /** Builds a {@link ServerTls}. Not thread-safe. */
  public static final class Builder {
    private Path keystore;
    private char[] password;

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

    /** The settings; fails when the keystore or password is missing. */
    public ServerTls build() {
      return new ServerTls(this);
    }
  }
}
