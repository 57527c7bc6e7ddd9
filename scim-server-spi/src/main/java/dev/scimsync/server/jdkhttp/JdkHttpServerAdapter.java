package dev.scimsync.server.jdkhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.internal.Pem;
import dev.scimsync.server.internal.Responses;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link ScimServer} with the JDK's built-in HTTP server ({@code com.sun.net.httpserver}):
 * each {@link HttpExchange} becomes a {@link ScimRequest} and the {@link ScimResponse} is written
 * back. Thread-safe; one adapter may serve any number of contexts.
 *
 * <pre>{@code
 * HttpServer http = JdkHttpServerAdapter.start(scim, new InetSocketAddress("127.0.0.1", 8080), "/");
 * // ... later
 * JdkHttpServerAdapter.stop(http, 1);
 * }</pre>
 *
 * <p><b>What it is for.</b> Development, tests, small deployments, and production behind a reverse
 * proxy that buffers requests and has its own header and body timeouts (nginx, HAProxy, a cloud
 * load balancer). The JDK server has a fixed pool of worker threads that also read the request
 * headers, so servers started with {@link #start} add what it lacks: a time limit to receive a
 * request ({@link ServerOptions#requestTimeout()}, 10 s by default) and to send a response ({@link
 * ServerOptions#responseTimeout()}, 30 s), and, when three quarters of the workers are waiting for
 * slow clients, a one-second limit for clients still sending their request. A client that stalls
 * therefore costs a worker for at most that long. What it cannot do: the JDK server answers {@code
 * Expect: 100-continue} itself, before any handler runs, so an unauthenticated client is told to
 * send its body (the adapter then answers 401 without reading it and closes the connection); it
 * has no HTTP/2 and no per-address connection limits. For a server facing the internet directly,
 * prefer the {@link dev.scimsync.server.servlet.ScimServlet} on Jetty (or another servlet
 * container), which has non-blocking I/O, idle timeouts, and sends {@code 100 Continue} only when
 * the body is actually read.
 *
 * <p>The request path given to the server is the raw path below the context path, so a server
 * built with {@code basePath("/scim/v2")} is mounted at {@code /}, and one built without a base
 * path at {@code /scim/v2}. The public base URL ({@code meta.location}, {@code Location}) is taken
 * from the configured one, else from the {@code Host} header, else from the local address.
 * Exceptions and errors never leave {@link #handle}: an unexpected failure before the response is
 * sent becomes a 500, a failure writing the response (typically a client that went away) is
 * logged at debug level, and the exchange is always closed. A response to a request whose body
 * was not read (401, 403, 413, 429) closes the connection instead of reading the rest of the body,
 * unless that rest is small (64 KiB at most): it is then read, so that the client gets the response.
 */
public final class JdkHttpServerAdapter implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(JdkHttpServerAdapter.class);

  /** A Host header value we are willing to echo into URLs: host name or IP literal and port. */
  private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  private final ScimServer server;
  private final @Nullable String publicBaseUrl;

  /** An adapter that takes the base URL from each request's {@code Host} header. */
  public JdkHttpServerAdapter(ScimServer server) {
    this(server, null);
  }

  /**
   * An adapter with a fixed public base URL (scheme, host, port and mount point, e.g. {@code
   * https://scim.example.com}), for a server behind a proxy; null to use the {@code Host} header.
   */
  public JdkHttpServerAdapter(ScimServer server, @Nullable String publicBaseUrl) {
    this.server = Objects.requireNonNull(server, "server");
    this.publicBaseUrl = publicBaseUrl == null ? null : stripSlash(publicBaseUrl);
  }

  /**
   * The default number of worker threads: {@code max(16, 4 × cores)}, twice the default {@link
   * ServerOptions#maxConcurrentRequestsPerTenant()}, so that one tenant at its cap leaves workers
   * for the others.
   */
  public static int defaultThreads() {
    return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * Starts an HTTP server on {@code address} serving {@code server} at {@code contextPath}, with
   * {@link #defaultThreads()} workers and the time limits of the server's options.
   */
  public static HttpServer start(ScimServer server, InetSocketAddress address, String contextPath)
      throws IOException {
    return start(server, address, contextPath, defaultThreads());
  }

  /**
   * Starts an HTTP server on {@code address} serving {@code server} at {@code contextPath} with
   * {@code threads} worker threads and the time limits of the server's options; requests beyond
   * what the threads and a queue of {@code 64 × threads} can hold are refused by closing their
   * connection. Stop it with {@link #stop}, which also ends the threads.
   */
  public static HttpServer start(ScimServer server, InetSocketAddress address, String contextPath, int threads)
      throws IOException {
    return start(new JdkHttpServerAdapter(server), address, contextPath, threads, server.options());
  }

  /**
   * Starts an HTTP server running {@code handler} (e.g. an adapter wrapped for logging) at {@code
   * contextPath}, with the default time limits of {@link ServerOptions}.
   */
  public static HttpServer start(HttpHandler handler, InetSocketAddress address, String contextPath, int threads)
      throws IOException {
    return start(handler, address, contextPath, threads, ServerOptions.defaults());
  }

  /**
   * Starts an HTTP server running {@code handler} at {@code contextPath} with {@code threads}
   * workers and the request and response time limits of {@code limits}.
   *
   * <p>Unless the application has set it, this sets the system property {@code
   * sun.net.httpserver.nodelay} to {@code true}: the JDK server writes a response's headers and
   * body separately, and with Nagle's algorithm on, a client's delayed acknowledgement holds every
   * response with a body back by about 40 ms. The property is read when the JDK creates its first
   * HTTP server, so start SCIM servers before any other. The JDK's own time-limit properties
   * ({@code sun.net.httpserver.maxReqTime}, {@code maxRspTime}) are likewise read once per JVM and
   * off by default; the limits here do not depend on them.
   */
  public static HttpServer start(HttpHandler handler, InetSocketAddress address, String contextPath, int threads,
      ServerOptions limits) throws IOException {
    return start(handler, address, contextPath, threads, limits, null);
  }

  /**
   * Starts an HTTPS server on {@code address} serving {@code server} at {@code contextPath}, with
   * {@link #defaultThreads()} workers, the time limits of the server's options and the key and
   * certificate of {@code tls}. Locations it returns use the {@code https} scheme.
   */
  public static HttpsServer start(ScimServer server, InetSocketAddress address, String contextPath, ServerTls tls)
      throws IOException {
    return (HttpsServer) start(new JdkHttpServerAdapter(server), address, contextPath, defaultThreads(),
        server.options(), Objects.requireNonNull(tls, "tls"));
  }

  /**
   * Starts a server as {@link #start(HttpHandler, InetSocketAddress, String, int, ServerOptions)}
   * does, speaking HTTPS when {@code tls} is given (an {@link HttpsServer} is returned) and plain
   * HTTP when it is null.
   *
   * <p>With TLS, only TLS 1.3 and 1.2 are offered, and of the JDK's default cipher suites only
   * those with forward secrecy and authenticated encryption (the TLS 1.3 suites, and ECDHE with
   * AES-GCM or ChaCha20-Poly1305 for TLS 1.2). The keystore or PEM files are read now (files that
   * cannot be read fail the start with an {@link IOException}) and read again at the first
   * handshake after a file changes, so renewing the certificate needs no restart; connections
   * already open keep the certificate they were made with. With {@link
   * ServerTls.Builder#requireClientCertificates} a client must present a certificate from one of
   * those authorities (mutual TLS) or the handshake fails.
   */
  public static HttpServer start(HttpHandler handler, InetSocketAddress address, String contextPath, int threads,
      ServerOptions limits, @Nullable ServerTls tls) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive");
    }
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer http;
    if (tls == null) {
      http = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(httpsConfigurator(tls));
      http = https;
    }
    http.createContext(normalizeContext(contextPath), handler);
    http.setExecutor(new DeadlineExecutor(threads, limits.requestTimeout(), limits.responseTimeout(),
        System::nanoTime));
    http.start();
    return http;
  }

  /** The TLS protocols an HTTPS server offers, newest first. */
  static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private static HttpsConfigurator httpsConfigurator(ServerTls tls) throws IOException {
    SSLContext ssl;
    Path clientCas = tls.clientCertificateAuthorities();
    try {
      ssl = SSLContext.getInstance("TLS");
      TrustManager[] trust = null;
      if (clientCas != null) {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(Pem.trustStore(clientCas));
        trust = tmf.getTrustManagers();
      }
      ssl.init(new KeyManager[] {ReloadingKeyManager.of(tls)}, trust, null);
    } catch (GeneralSecurityException | IOException e) {
      // a wrong password shows as an IOException from KeyStore.load: name the files either way
      throw new IOException("cannot use the TLS " + tls.describe()
          + (clientCas == null ? "" : " (client CAs " + clientCas + ")") + ": " + e.getMessage(), e);
    }
    SSLParameters defaults = ssl.getDefaultSSLParameters();
    String[] protocols = TLS_PROTOCOLS.stream()
        .filter(p -> List.of(ssl.getSupportedSSLParameters().getProtocols()).contains(p))
        .toArray(String[]::new);
    String[] ciphers = List.of(defaults.getCipherSuites()).stream()
        .filter(JdkHttpServerAdapter::strongCipher)
        .toArray(String[]::new);
    boolean needClientAuth = clientCas != null;
    return new HttpsConfigurator(ssl) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = ssl.getDefaultSSLParameters();
        p.setProtocols(protocols);
        p.setCipherSuites(ciphers);
        p.setUseCipherSuitesOrder(true);
        p.setNeedClientAuth(needClientAuth);
        params.setSSLParameters(p);
      }
    };
  }

  /** A TLS 1.3 suite, or a TLS 1.2 suite with ECDHE key exchange and an AEAD cipher. */
  static boolean strongCipher(String suite) {
    if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
      return true;
    }
    return suite.startsWith("TLS_ECDHE_")
        && (suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_"));
  }

  /**
   * Stops {@code http}, waiting up to {@code delaySeconds} for exchanges in progress, and shuts
   * down its executor if it is an {@link ExecutorService} or one made by {@link #start}.
   */
  public static void stop(HttpServer http, int delaySeconds) {
    http.stop(delaySeconds);
    if (http.getExecutor() instanceof DeadlineExecutor pool) {
      pool.shutdown();
    } else if (http.getExecutor() instanceof ExecutorService pool) {
      pool.shutdown();
    }
  }

  private static String normalizeContext(@Nullable String contextPath) {
    if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
      return "/";
    }
    String c = contextPath.startsWith("/") ? contextPath : "/" + contextPath;
    return stripSlash(c);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Serves one exchange. Throws only to have the JDK server close the connection after a response
   * given without reading the request body (the response has been sent by then).
   */
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    ClientBody body = new ClientBody(exchange.getRequestBody());
    boolean abandon = false;
    try {
      DeadlineExecutor.working();
      ScimResponse response;
      try {
        response = respond(exchange, body);
      } catch (RuntimeException | Error e) {
        // the server never throws; this is the adapter's own part failing
        LOG.error("SCIM exchange {} failed", exchange.getRequestMethod(), e);
        response = Responses.error(500, "internal error");
      }
      abandon = CLOSE_UNREAD.contains(response.status()) && body.unread(exchange) && !body.drainSmall(exchange);
      DeadlineExecutor.writing();
      write(exchange, response, abandon);
    } catch (IOException | RuntimeException e) {
      abandon = false;
      LOG.debug("could not complete the SCIM exchange {} {}", exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), e);
    } finally {
      if (!abandon) {
        exchange.close();
      }
    }
    if (abandon) {
      // closing the exchange would read the rest of the body to keep the connection; an
      // exception makes the JDK server close the connection instead
      throw new IOException("connection closed without reading the request body");
    }
  }

  /** Statuses given without reading the body: the connection is closed rather than the rest read. */
  private static final Set<Integer> CLOSE_UNREAD = Set.of(401, 403, 413, 429);

  /** The request body as the server reads it: under the request deadline, remembering its end. */
  private static final class ClientBody extends FilterInputStream {
    private static final long DRAIN_LIMIT = 64 * 1024;
    private boolean eof;

    ClientBody(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      DeadlineExecutor.reading();
      try {
        int c = super.read();
        eof |= c < 0;
        return c;
      } finally {
        DeadlineExecutor.working();
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      DeadlineExecutor.reading();
      try {
        int n = super.read(b, off, len);
        eof |= n < 0;
        return n;
      } finally {
        DeadlineExecutor.working();
      }
    }

    /** True when the request announced a body that was not read to its end. */
    /**
     * Reads and drops the rest of a body declared at most {@value #DRAIN_LIMIT} bytes long, and says
     * whether its end was reached. Closing the connection with a small body unread makes the
     * client's TCP stack drop the response it was sent (a reset), so a client refused with 403
     * would see no answer; a large or chunked body is not read at all.
     */
    boolean drainSmall(HttpExchange exchange) {
      Headers h = exchange.getRequestHeaders();
      String length = h.getFirst("Content-Length");
      if (h.getFirst("Transfer-Encoding") != null || length == null) {
        return false;
      }
      try {
        if (Long.parseLong(length.trim()) > DRAIN_LIMIT) {
          return false;
        }
        byte[] buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
          // dropped
        }
        return eof;
      } catch (IOException | NumberFormatException e) {
        return false;
      }
    }

    boolean unread(HttpExchange exchange) {
      if (eof) {
        return false;
      }
      Headers h = exchange.getRequestHeaders();
      String length = h.getFirst("Content-Length");
      return h.getFirst("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }
  }

  private ScimResponse respond(HttpExchange exchange, InputStream body) {
    String context = exchange.getHttpContext().getPath();
    String rawPath = exchange.getRequestURI().getRawPath();
    if (rawPath == null) {
      rawPath = "/";
    }
    String path;
    if (context.equals("/")) {
      path = rawPath;
    } else {
      path = rawPath.substring(Math.min(context.length(), rawPath.length()));
      if (!path.isEmpty() && !path.startsWith("/")) {
        // the JDK matches contexts by string prefix: /scim/v2x is not below /scim/v2
        return Responses.error(404, "no SCIM endpoint here");
      }
      if (path.isEmpty()) {
        path = "/";
      }
    }
    ScimRequest.Builder b = ScimRequest.builder(exchange.getRequestMethod(), path)
        .query(exchange.getRequestURI().getRawQuery())
        .body(body)
        .baseUrl(baseUrl(exchange, context))
        .remoteAddress(remote(exchange));
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    return server.handle(b.build());
  }

  private String baseUrl(HttpExchange exchange, String context) {
    if (publicBaseUrl != null) {
      return publicBaseUrl;
    }
    String scheme = exchange.getHttpContext().getServer() instanceof HttpsServer ? "https" : "http";
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !SAFE_HOST.matcher(host.trim()).matches()) {
      InetSocketAddress local = exchange.getLocalAddress();
      String addr = local.getAddress().getHostAddress();
      host = (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + local.getPort();
    }
    return scheme + "://" + host.trim() + (context.equals("/") ? "" : context);
  }

  private static @Nullable String remote(HttpExchange exchange) {
    InetSocketAddress r = exchange.getRemoteAddress();
    return r == null || r.getAddress() == null ? null : r.getAddress().getHostAddress();
  }

  private static void write(HttpExchange exchange, ScimResponse response, boolean close) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    if (close) {
      headers.set("Connection", "close");
    }
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) {
        headers.set(h.getKey(), h.getValue());
      }
    }
    int status = response.status();
    byte[] body = response.body();
    boolean noBody = status == 204 || status == 304 || status < 200 || body.length == 0
        || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    // the JDK server takes 0 as "chunked" and -1 as "no body"
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      OutputStream out = exchange.getResponseBody();
      out.write(body);
      out.flush();
      if (!close) {
        out.close();
      }
    }
  }
}
