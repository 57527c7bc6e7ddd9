package dev.scimsync.server.jdkhttp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import dev.scimsync.server.internal.Pem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server key manager over key files (a PKCS12 keystore, or a PEM certificate chain and key) that
 * reads them again when the modification time or size of one changes, checked when a handshake
 * chooses the server's key. Files that cannot be read (a renewal half written, a key that does not
 * match the new certificate yet) keep the previous key in service and are tried again at the next
 * handshake.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

  /** Reads the key store from the files. */
  @FunctionalInterface
  private interface Loader {
    KeyStore load() throws IOException, GeneralSecurityException;
  }

  private final List<Path> files;
  private final String description;
  private final char[] password;
  private final Loader loader;
  private volatile Loaded current;

  private record Stamp(FileTime modified, long size) {
  }

  private record Loaded(X509ExtendedKeyManager delegate, List<Stamp> stamps) {
  }

  private ReloadingKeyManager(List<Path> files, String description, char[] password, Loader loader)
      throws IOException, GeneralSecurityException {
    this.files = List.copyOf(files);
    this.description = description;
    this.password = password.clone();
    this.loader = loader;
    this.current = load();
  }

  /** The key manager for {@code tls}, its files read now; fails if they cannot be read or hold no key. */
  static ReloadingKeyManager of(ServerTls tls) throws IOException, GeneralSecurityException {
    Path keystore = tls.keystore();
    if (keystore != null) {
      char[] password = tls.password();
      return new ReloadingKeyManager(List.of(keystore), "TLS keystore " + keystore, password, () -> {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
          ks.load(in, password);
        }
        return ks;
      });
    }
    Path chain = Objects.requireNonNull(tls.certificateChain());
    Path key = Objects.requireNonNull(tls.privateKey());
    // the in-memory store needs some password; it never leaves this object
    char[] password = "in-memory".toCharArray();
    return new ReloadingKeyManager(List.of(chain, key), "TLS certificate " + chain + " and key " + key, password,
        () -> Pem.keyStore(Pem.privateKey(key), Pem.certificates(chain), password));
  }

  private List<Stamp> stamps() throws IOException {
    List<Stamp> out = new ArrayList<>(files.size());
    for (Path f : files) {
      BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
      out.add(new Stamp(attrs.lastModifiedTime(), attrs.size()));
    }
    return out;
  }

  private Loaded load() throws IOException, GeneralSecurityException {
    List<Stamp> stamps = stamps();
    KeyStore ks = loader.load();
    if (!ks.aliases().hasMoreElements()) {
      throw new GeneralSecurityException("the " + description + " hold no key");
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    for (KeyManager km : kmf.getKeyManagers()) {
      if (km instanceof X509ExtendedKeyManager x) {
        return new Loaded(x, stamps);
      }
    }
    throw new GeneralSecurityException("no X.509 key manager for the " + description);
  }

  /** The key manager for this handshake, re-read first if a file changed. */
  private X509ExtendedKeyManager fresh() {
    Loaded l = current;
    try {
      List<Stamp> now = stamps();
      if (!now.equals(l.stamps())) {
        synchronized (this) {
          l = current;
          if (!stamps().equals(l.stamps())) {
            l = load();
            current = l;
            LOG.info("{} changed; serving its certificate from now on", description);
          }
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.warn("cannot read the changed {} ({}); keeping the previous certificate", description, e.toString());
    }
    return l.delegate();
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return fresh().chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return fresh().chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return current.delegate().getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return current.delegate().getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return current.delegate().getPrivateKey(alias);
  }

  @Override
  public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public @Nullable String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public @Nullable String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }
}
