package dev.scimsync.sync.ldap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.naming.NamingException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The socket factory JNDI uses for {@code ldaps://} when TLS settings are configured. JNDI takes a
 * class name and calls its static {@code getDefault()}, so the factory of the connection being
 * opened is handed over in a thread-local for the duration of that call. Public only because JNDI
 * instantiates it by name; not part of the API.
 */
public final class TrustStoreSocketFactory extends SSLSocketFactory {

  private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();
  private final SSLSocketFactory delegate;

  private TrustStoreSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  /** Called by JNDI while a connection is opened. */
  public static SocketFactory getDefault() {
    SSLSocketFactory f = CURRENT.get();
    return new TrustStoreSocketFactory(f != null ? f : (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  interface Open<T> {
    T open() throws NamingException;
  }

  static <T> T with(@Nullable SSLSocketFactory factory, Open<T> open) throws NamingException {
    CURRENT.set(factory);
    try {
      return open.open();
    } finally {
      CURRENT.remove();
    }
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return delegate.createSocket();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return delegate.createSocket(s, host, port, autoClose);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return delegate.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return delegate.createSocket(address, port, localAddress, localPort);
  }
}
