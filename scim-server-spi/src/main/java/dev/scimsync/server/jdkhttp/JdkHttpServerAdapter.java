package dev.scimsync.server.jdkhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.internal.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
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
 * <p>The request path given to the server is the raw path below the context path, so a server
 * built with {@code basePath("/scim/v2")} is mounted at {@code /}, and one built without a base
 * path at {@code /scim/v2}. The public base URL ({@code meta.location}, {@code Location}) is taken
 * from the configured one, else from the {@code Host} header, else from the local address.
 * Exceptions never leave {@link #handle}: a failure writing the response (typically a client that
 * went away) is logged at debug level and the exchange is closed.
 */
public final class JdkHttpServerAdapter implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(JdkHttpServerAdapter.class);

  /** A Host header value we are willing to echo into URLs: host name or IP literal and port. */
  private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

  /** How much of a request body left unread by the server is drained so that the client gets the response. */
  private static final long DRAIN_LIMIT = 8L << 20;

  private final ScimServer server;
  private final String publicBaseUrl;

  /** An adapter that takes the base URL from each request's {@code Host} header. */
  public JdkHttpServerAdapter(ScimServer server) {
    this(server, null);
  }

  /**
   * An adapter with a fixed public base URL (scheme, host, port and mount point, e.g. {@code
   * https://scim.example.com}), for a server behind a proxy; null to use the {@code Host} header.
   */
  public JdkHttpServerAdapter(ScimServer server, String publicBaseUrl) {
    this.server = Objects.requireNonNull(server, "server");
    this.publicBaseUrl = publicBaseUrl == null ? null : stripSlash(publicBaseUrl);
  }

  /**
   * Starts an HTTP server on {@code address} serving {@code server} at {@code contextPath}, with a
   * fixed pool of {@code max(8, 2 × cores)} threads.
   */
  public static HttpServer start(ScimServer server, InetSocketAddress address, String contextPath)
      throws IOException {
    return start(server, address, contextPath, Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Starts an HTTP server on {@code address} serving {@code server} at {@code contextPath} with
   * {@code threads} worker threads; requests beyond what the threads and a queue of {@code 64 ×
   * threads} can hold are refused by closing their connection. Stop it with {@link #stop}, which
   * also ends the threads.
   */
  public static HttpServer start(ScimServer server, InetSocketAddress address, String contextPath, int threads)
      throws IOException {
    return start(new JdkHttpServerAdapter(server), address, contextPath, threads);
  }

  /**
   * Starts an HTTP server running {@code handler} (e.g. an adapter wrapped for logging) at {@code
   * contextPath}.
   *
   * <p>Unless the application has set it, this sets the system property {@code
   * sun.net.httpserver.nodelay} to {@code true}: the JDK server writes a response's headers and
   * body separately, and with Nagle's algorithm on, a client's delayed acknowledgement holds every
   * response with a body back by about 40 ms. The property is read when the JDK creates its first
   * HTTP server, so start SCIM servers before any other.
   */
  public static HttpServer start(HttpHandler handler, InetSocketAddress address, String contextPath, int threads)
      throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive");
    }
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer http = HttpServer.create(address, 0);
    http.createContext(normalizeContext(contextPath), handler);
    http.setExecutor(pool(threads));
    http.start();
    return http;
  }

  /**
   * Stops {@code http}, waiting up to {@code delaySeconds} for exchanges in progress, and shuts
   * down its executor if it is an {@link ExecutorService} (as with {@link #start}).
   */
  public static void stop(HttpServer http, int delaySeconds) {
    http.stop(delaySeconds);
    if (http.getExecutor() instanceof ExecutorService pool) {
      pool.shutdown();
    }
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "scim-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(64 * threads), factory, (r, executor) -> {
          LOG.warn("all {} SCIM worker threads are busy and the queue is full; refusing a connection", threads);
          throw new RejectedExecutionException("SCIM server overloaded");
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static String normalizeContext(String contextPath) {
    if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
      return "/";
    }
    String c = contextPath.startsWith("/") ? contextPath : "/" + contextPath;
    return stripSlash(c);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      ScimResponse response = respond(exchange);
      drain(exchange.getRequestBody());
      write(exchange, response);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not complete the SCIM exchange {} {}", exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), e);
    } finally {
      exchange.close();
    }
  }

  private ScimResponse respond(HttpExchange exchange) {
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
        .body(exchange.getRequestBody())
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

  private static String remote(HttpExchange exchange) {
    InetSocketAddress r = exchange.getRemoteAddress();
    return r == null || r.getAddress() == null ? null : r.getAddress().getHostAddress();
  }

  /** Reads what the server left of the body (up to a limit), so the client is not reset while sending. */
  private static void drain(InputStream body) {
    try {
      byte[] buf = new byte[8192];
      long total = 0;
      int n;
      while (total < DRAIN_LIMIT && (n = body.read(buf)) > 0) {
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // closed or already consumed: nothing left to drain
    }
  }

  private static void write(HttpExchange exchange, ScimResponse response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
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
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
