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
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server key manager over a PKCS12 file that reads the file again when its modification time or
 * size changes, checked when a handshake chooses the server's key. A file that cannot be read (a
 * renewal half written) keeps the previous key in service and is tried again at the next handshake.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

  private final Path file;
  private final char[] password;
  private volatile Loaded current;

  private record Loaded(X509ExtendedKeyManager delegate, FileTime modified, long size) {
  }

  /** Reads the keystore now; fails if it cannot be read or holds no key. */
  ReloadingKeyManager(Path file, char[] password) throws IOException, GeneralSecurityException {
    this.file = file;
    this.password = password.clone();
    this.current = load();
  }

  private Loaded load() throws IOException, GeneralSecurityException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    for (KeyManager km : kmf.getKeyManagers()) {
      if (km instanceof X509ExtendedKeyManager x) {
        if (!ks.aliases().hasMoreElements()) {
          throw new GeneralSecurityException("the keystore " + file + " holds no key");
        }
        return new Loaded(x, attrs.lastModifiedTime(), attrs.size());
      }
    }
    throw new GeneralSecurityException("no X.509 key manager for " + file);
  }

  /** The key manager for this handshake, re-read first if the file changed. */
  private X509ExtendedKeyManager fresh() {
    Loaded l = current;
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attrs.lastModifiedTime().equals(l.modified()) || attrs.size() != l.size()) {
        synchronized (this) {
          l = current;
          if (!attrs.lastModifiedTime().equals(l.modified()) || attrs.size() != l.size()) {
            l = load();
            current = l;
            LOG.info("TLS keystore {} changed; serving its certificate from now on", file);
          }
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.warn("cannot read the changed TLS keystore {} ({}); keeping the previous certificate", file,
          e.toString());
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
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }
}
