package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.ScimServer;
import dev.scimsync.server.servlet.ScimServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The servlet adapter, telling the {@link ScimObserver}s of each request it answered. */
final class ObservedScimServlet extends ScimServlet {

  private static final long serialVersionUID = 1L;

  /** The endpoints a metric may name; anything else is "other", so that tags stay few. */
  private static final Set<String> ENDPOINTS = Set.of("Users", "Groups", "Bulk", ".search", "Me",
      "ServiceProviderConfig", "ResourceTypes", "Schemas");

  private final transient List<ScimObserver> observers;

  ObservedScimServlet(ScimServer server, @Nullable String publicBaseUrl, List<ScimObserver> observers) {
    super(server, publicBaseUrl);
    this.observers = List.copyOf(observers);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) {
    if (observers.isEmpty()) {
      super.service(request, response);
      return;
    }
    long start = System.nanoTime();
    TenantCapture.clear();
    try {
      super.service(request, response);
    } finally {
      long nanos = System.nanoTime() - start;
      String tenant = TenantCapture.take();
      String endpoint = endpoint(request.getPathInfo());
      for (ScimObserver o : observers) {
        o.request(endpoint, request.getMethod(), response.getStatus(), tenant, nanos);
      }
    }
  }

  static String endpoint(@Nullable String pathInfo) {
    if (pathInfo == null) {
      return "other";
    }
    String p = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
    int slash = p.indexOf('/');
    String first = slash < 0 ? p : p.substring(0, slash);
    for (String e : ENDPOINTS) {
      if (e.toLowerCase(Locale.ROOT).equals(first.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    return "other";
  }
}
