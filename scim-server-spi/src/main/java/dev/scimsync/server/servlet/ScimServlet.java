package dev.scimsync.server.servlet;

import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.internal.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link ScimServer} from a Jakarta Servlet 6 container: each request becomes a {@link
 * ScimRequest} and the {@link ScimResponse} is written back.
 *
 * <p>Map it with a path mapping such as {@code /scim/v2/*} for a server built without a base path,
 * or {@code /*} for one built with {@code basePath("/scim/v2")} (needed to also serve tenants by
 * URL, {@code /tenants/{tenant}/scim/v2}). The request path given to the server is the raw
 * (still percent-encoded) request URI below the context path and servlet path; the base URL is
 * the configured public URL, or else the request URL up to the mount point.
 *
 * <p>Register it programmatically with {@link #ScimServlet(ScimServer)}, or declare it by class
 * name and put the {@link ScimServer} in the servlet context attribute {@link #SERVER_ATTRIBUTE}
 * before the servlet is initialised.
 *
 * <p>This is the adapter for a server facing the internet: the container (e.g. Jetty) brings
 * non-blocking I/O, idle timeouts and connection limits, and sends {@code 100 Continue} only when
 * the body is read. The servlet never reads the body of a request it refuses (401, 403, 413,
 * 429): it answers with {@code Connection: close} and leaves the rest unread. Configure the
 * container's idle timeout (Jetty: {@code ServerConnector.setIdleTimeout}) to bound slow clients.
 * An unexpected failure, even an {@link Error}, is answered with a 500 when nothing was sent yet.
 */
public class ScimServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ScimServlet.class);

  /** The servlet context attribute holding the {@link ScimServer} for the no-argument constructor. */
  public static final String SERVER_ATTRIBUTE = ScimServer.class.getName();

  private transient @Nullable ScimServer server;
  private final @Nullable String publicBaseUrl;

  /** A servlet that takes its server from the context attribute {@link #SERVER_ATTRIBUTE} in {@link #init()}. */
  public ScimServlet() {
    // init() takes the server from the context attribute
    this.server = null;
    this.publicBaseUrl = null;
  }

  /** A servlet for {@code server}, with base URLs taken from the requests. */
  public ScimServlet(ScimServer server) {
    this(server, null);
  }

  /**
   * A servlet for {@code server} with a fixed public base URL (scheme, host, port and mount point,
   * e.g. {@code https://scim.example.com/app}), for a container behind a proxy; null to take it from
   * each request.
   */
  public ScimServlet(ScimServer server, @Nullable String publicBaseUrl) {
    this.server = server;
    this.publicBaseUrl = publicBaseUrl == null ? null
        : publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
  }

  @Override
  public void init() throws ServletException {
    if (server == null) {
      Object s = getServletContext().getAttribute(SERVER_ATTRIBUTE);
      if (!(s instanceof ScimServer)) {
        throw new ServletException("no ScimServer in the servlet context attribute " + SERVER_ATTRIBUTE);
      }
      server = (ScimServer) s;
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) {
    try {
      ScimResponse r = Objects.requireNonNull(server, "init() sets the server").handle(toScim(request));
      if (CLOSE_UNREAD.contains(r.status())) {
        // refused without reading the body: do not read it now either
        response.setHeader("Connection", "close");
      } else {
        drain(request);
      }
      write(r, request, response);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not complete the SCIM request {} {}", request.getMethod(), request.getRequestURI(), e);
    } catch (Error e) {
      LOG.error("SCIM request {} failed", request.getMethod(), e);
      if (!response.isCommitted()) {
        try {
          response.reset();
          write(Responses.error(500, "internal error"), request, response);
        } catch (IOException | RuntimeException ignored) {
          // the client went away
        }
      }
    }
  }

  /** Statuses given without reading the body. */
  private static final Set<Integer> CLOSE_UNREAD = Set.of(401, 403, 413, 429);

  private ScimRequest toScim(HttpServletRequest request) throws IOException {
    String path = pathBelowMount(request);
    ScimRequest.Builder b = ScimRequest.builder(request.getMethod(), path)
        .query(request.getQueryString())
        .body(request.getInputStream())
        .baseUrl(baseUrl(request, path))
        .remoteAddress(request.getRemoteAddr());
    Enumeration<String> names = request.getHeaderNames();
    while (names != null && names.hasMoreElements()) {
      String name = names.nextElement();
      Enumeration<String> values = request.getHeaders(name);
      while (values.hasMoreElements()) {
        b.header(name, values.nextElement());
      }
    }
    return b.build();
  }

  /** The raw request path below context path and servlet path, starting with '/'. */
  static String pathBelowMount(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    String raw = context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    HttpServletMapping mapping = request.getHttpServletMapping();
    MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
    String path;
    if (match == MappingMatch.DEFAULT || match == MappingMatch.EXTENSION) {
      path = raw;
    } else if (match == MappingMatch.EXACT || match == MappingMatch.CONTEXT_ROOT) {
      path = "/";
    } else {
      // a path mapping: drop the servlet path, counted in segments since it is decoded and the URI is not
      path = dropSegments(raw, segmentCount(request.getServletPath()));
    }
    int semicolon = path.indexOf(';');
    if (semicolon >= 0 && path.startsWith(";jsessionid", semicolon)) {
      path = path.substring(0, semicolon);
    }
    return path.isEmpty() ? "/" : path;
  }

  private static int segmentCount(@Nullable String servletPath) {
    int n = 0;
    if (servletPath == null) {
      return 0;
    }
    for (String s : servletPath.split("/")) {
      if (!s.isEmpty()) {
        n++;
      }
    }
    return n;
  }

  private static String dropSegments(String raw, int segments) {
    int at = 0;
    for (int i = 0; i < segments; i++) {
      while (at < raw.length() && raw.charAt(at) == '/') {
        at++;
      }
      int next = raw.indexOf('/', at);
      at = next < 0 ? raw.length() : next;
    }
    return raw.substring(at);
  }

  private String baseUrl(HttpServletRequest request, String path) {
    if (publicBaseUrl != null) {
      return publicBaseUrl;
    }
    String url = request.getRequestURL().toString();
    String base = url.endsWith(path) ? url.substring(0, url.length() - path.length())
        : request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static void drain(HttpServletRequest request) {
    try {
      InputStream in = request.getInputStream();
      byte[] buf = new byte[8192];
      long total = 0;
      int n;
      while (total < (8L << 20) && (n = in.read(buf)) > 0) {
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // nothing left to drain
    }
  }

  private static void write(ScimResponse r, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(r.status());
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) {
        response.setHeader(h.getKey(), h.getValue());
      }
    }
    int status = r.status();
    byte[] body = r.body();
    if (status == 204 || status == 304 || body.length == 0) {
      return;
    }
    response.setContentLength(body.length);
    if (!request.getMethod().equalsIgnoreCase("HEAD")) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(body);
      }
    }
  }
}
