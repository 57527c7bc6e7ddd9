package dev.scimsync.server;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.message.SearchRequest;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.internal.Texts;
import dev.scimsync.server.auth.Authentication;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.auth.RetiredToken;
import dev.scimsync.server.auth.Scopes;
import dev.scimsync.server.event.ProvisioningListener;
import dev.scimsync.server.event.SecurityListener;
import dev.scimsync.server.event.SecurityThresholds;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.internal.Bulk;
import dev.scimsync.server.internal.Call;
import dev.scimsync.server.internal.ConcurrencyLimiter;
import dev.scimsync.server.internal.Cursors;
import dev.scimsync.server.internal.Denials;
import dev.scimsync.server.internal.Discovery;
import dev.scimsync.server.internal.EventPublisher;
import dev.scimsync.server.internal.MessageUrns;
import dev.scimsync.server.internal.QueryParams;
import dev.scimsync.server.internal.RateLimiter;
import dev.scimsync.server.internal.Responses;
import dev.scimsync.server.internal.SearchSpec;
import dev.scimsync.server.internal.SecuritySignals;
import dev.scimsync.server.internal.TypeHandler;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.UserStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SCIM 2.0 service provider (RFC 7643, RFC 7644) that is independent of any web framework: it
 * takes a {@link ScimRequest} and returns a {@link ScimResponse}. Thread-safe; build one with
 * {@link #builder()} and share it.
 *
 * <p>It serves {@code /Users}, {@code /Groups} and custom resource types, {@code /.search} at the
 * root and per type, {@code /Bulk}, {@code /ServiceProviderConfig}, {@code /ResourceTypes}, {@code
 * /Schemas} and {@code /Me}, with filtering, sorting, index and cursor pagination, projections and
 * ETags. Every endpoint is authenticated unless configured otherwise; the tenant comes from the
 * credential and, when the server is mounted per tenant ({@code /tenants/NAME/...}), must match
 * the URL. The credential's scopes ({@link Scopes}) decide what it may read and write: a request
 * without the scope it needs gets 403, and each operation of a bulk request is checked on its own;
 * discovery endpoints need no scope. Every 401 and 403 is logged on {@code
 * dev.scimsync.server.denied} without the credential. Errors are SCIM error responses with the
 * right status and {@code scimType}; an unexpected failure is a 500 without details, logged with
 * its request id.
 */
public final class ScimServer {

  private static final Logger LOG = LoggerFactory.getLogger(ScimServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.scimsync.server.access");
  /** The longest client text (a path, a media type) shown in logs and messages: 200 characters and "...". */
  private static final int SHOWN = 203;

  private final SchemaRegistry registry;
  private final Map<String, TypeHandler> handlers;
  private final Authenticator authenticator;
  private final ServerOptions options;
  private final TenantSettings defaultSettings;
  private final Map<String, TenantSettings> tenantSettings;
  private final String basePath;
  private final @Nullable String tenantPrefix;
  private final @Nullable String tenantSuffix;
  private final @Nullable Function<Principal, Optional<String>> me;
  private final Discovery discovery;
  private final RateLimiter rateLimiter;
  private final RateLimiter failedAuth;
  private final ConcurrencyLimiter inFlight;
  private final SecuritySignals security;

  private ScimServer(Builder b) {
    this.registry = b.registry;
    this.authenticator = Objects.requireNonNull(b.authenticator, "an authenticator is required");
    this.options = b.options;
    this.defaultSettings = b.defaultSettings;
    this.tenantSettings = Map.copyOf(b.tenantSettings);
    this.basePath = trimSlash(b.basePath);
    String pattern = b.tenantPathPattern;
    if (pattern != null) {
      int at = pattern.indexOf("{tenant}");
      if (at < 0) {
        throw new IllegalArgumentException("the tenant path pattern needs {tenant}");
      }
      this.tenantPrefix = pattern.substring(0, at);
      this.tenantSuffix = trimSlash(pattern.substring(at + "{tenant}".length()));
    } else {
      this.tenantPrefix = null;
      this.tenantSuffix = null;
    }
    this.me = b.me;
    Clock clock = b.clock;
    byte[] secret = options.cursorSecret();
    if (secret == null) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    }
    Cursors cursors = new Cursors(secret, options.cursorTimeout(), clock);
    EventPublisher events = new EventPublisher(b.listeners, b.outbox);
    Map<String, TypeHandler> hs = new LinkedHashMap<>();
    List<ResourceType> served = new ArrayList<>();
    boolean anyCursors = false;
    for (Map.Entry<String, ResourceStore> e : b.stores.entrySet()) {
      ResourceSchema rs = registry.resourceSchema(e.getKey());
      if (rs == null) {
        throw new IllegalArgumentException("no resource type " + e.getKey() + " in the schema registry");
      }
      TypeHandler h = new TypeHandler(rs, registry, e.getValue(), b.groups, b.stores.get("User"), options, cursors, events,
          clock);
      hs.put(rs.resourceType().endpoint().substring(1).toLowerCase(Locale.ROOT), h);
      served.add(rs.resourceType());
      anyCursors |= e.getValue().supportsCursors();
    }
    if (hs.isEmpty()) {
      throw new IllegalArgumentException("serve at least one resource type");
    }
    this.handlers = hs;
    if (b.groups != null && b.stores.get("User") instanceof UserStore users) {
      users.useGroups(b.groups);
    }
    Map<String, java.util.Set<String>> unique = new LinkedHashMap<>();
    b.stores.forEach((type, store) -> unique.put(type, store.uniqueAttributes()));
    this.discovery = new Discovery(registry, served, options, anyCursors, unique, b.securityEventUris);
    this.rateLimiter = new RateLimiter(options.requestsPerSecond(), options.burst(), System::nanoTime);
    this.failedAuth = new RateLimiter(options.failedAuthPerSecond(), options.failedAuthBurst(), System::nanoTime);
    this.inFlight = new ConcurrencyLimiter(options.maxConcurrentRequestsPerTenant());
    this.security = new SecuritySignals(b.securityListeners, b.securityThresholds, clock);
  }

  private static String trimSlash(@Nullable String p) {
    if (p == null || p.isEmpty() || p.equals("/")) {
      return "";
    }
    String s = p.startsWith("/") ? p : "/" + p;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options in force. */
  public ServerOptions options() {
    return options;
  }

  /**
   * Handles one request. Never throws: every failure becomes a SCIM error response.
   */
  public ScimResponse handle(ScimRequest request) {
    return handle(request, null);
  }

  /**
   * Handles a request made inside the application on behalf of {@code principal}, e.g. a directory
   * sync writing into the tenant's own stores: the same routing, validation, uniqueness checks,
   * stores, provisioning events and audit as {@link #handle(ScimRequest)}, but no credential is read
   * and the per-tenant request rate (meant for remote clients) is not applied. A path naming another
   * tenant is answered 401. Never throws.
   */
  public ScimResponse handleAs(Principal principal, ScimRequest request) {
    return handle(request, Objects.requireNonNull(principal, "principal"));
  }

  private ScimResponse handle(ScimRequest request, @Nullable Principal trusted) {
    long start = System.nanoTime();
    String requestId = requestId(request);
    ScimResponse response;
    String tenant = null;
    try {
      Route route = route(request.path());
      if (route == null) {
        response = Responses.error(404, "no SCIM endpoint at " + Texts.abbreviate(request.path(), SHOWN));
      } else {
        String first = route.segments.isEmpty() ? "" : route.segments.get(0);
        boolean discoveryEndpoint = first.equalsIgnoreCase("ServiceProviderConfig")
            || first.equalsIgnoreCase("ResourceTypes") || first.equalsIgnoreCase("Schemas");
        String baseUrl = origin(request) + route.prefix;
        if (discoveryEndpoint && !options.authenticateDiscovery()) {
          response = discovery(request, route, baseUrl);
        } else {
          String address = request.remoteAddress();
          String authorization = request.header("Authorization");
          long authWait = trusted != null || address == null ? 0 : failedAuth.peek(address);
          Authentication auth = trusted != null ? Authentication.accepted(trusted) : authWait > 0
              ? Authentication.refused(null) : authenticator.check(authorization, route.tenant);
          if (authWait > 0) {
            security.rateLimited(null, address);
            response = Responses.error(429, "too many failed authentications from this address; retry after "
                + authWait + " s", "Retry-After", Long.toString(authWait));
          } else if (!(auth instanceof Authentication.Accepted accepted)
              || (route.tenant != null && !route.tenant.equals(accepted.principal().tenantId()))) {
            if (address != null) {
              failedAuth.acquire(address);
            }
            response = unauthorized(request, route, requestId, auth, trusted != null || authorization != null);
          } else {
            Principal principal = accepted.principal();
            tenant = principal.tenantId();
            response = authenticated(request, route, baseUrl, discoveryEndpoint, principal, requestId,
                trusted != null);
          }
        }
      }
    } catch (ScimException e) {
      response = Responses.error(e);
    } catch (FilterException e) {
      response = Responses.error(ScimException.from(e));
    } catch (RuntimeException | Error e) {
      // an Error too (StackOverflowError, OutOfMemoryError in one request): the client still gets
      // an answer and the worker thread goes on serving
      response = internalError(request, requestId, e);
    }
    if (ACCESS.isDebugEnabled()) {
      ACCESS.debug("{} {} {} -> {} in {} ms tenant={} id={}", request.remoteAddress(), request.method(),
          Texts.abbreviate(request.path(), SHOWN), response.status(), (System.nanoTime() - start) / 1_000_000, tenant,
          requestId);
    }
    Map<String, String> h = new LinkedHashMap<>(response.headers());
    h.putIfAbsent("X-Request-Id", requestId);
    return new ScimResponse(response.status(), h, response.body());
  }

  /**
   * Security events of a request refused 401: whose credential crossed into another tenant's URL,
   * or which retired token was presented; then the failure counts per tenant and address.
   */
  private void refusedCredential(ScimRequest request, Route route, Authentication auth, @Nullable String address,
      String requestId) {
    if (!security.active()) {
      return;
    }
    String header = request.header("Authorization");
    // accepted for another tenant, or refused by an authenticator that checks the tenant itself
    Principal holder = auth instanceof Authentication.Accepted a ? a.principal()
        : auth instanceof Authentication.Refused r ? r.holder() : null;
    String tenant = route.tenant;
    if (holder != null && route.tenant != null && !route.tenant.equals(holder.tenantId())) {
      security.crossTenant(route.tenant, holder.tenantId(), address, requestId);
    } else if (holder == null) {
      Optional<RetiredToken> retired = authenticator.retired(header);
      if (retired.isPresent()) {
        security.retiredTokenUsed(retired.get().tenantId(), retired.get().label(), address, requestId);
        tenant = tenant == null ? retired.get().tenantId() : tenant;
      }
    }
    security.authenticationFailed(tenant, address);
  }

  /**
   * The 401 for a missing or refused credential (RFC 6750 §3: an {@code error} only when a
   * credential was sent), reported to {@link Denials} and the security listeners, as {@link
   * #forbidden} reports a 403.
   */
  private ScimResponse unauthorized(ScimRequest request, Route route, String requestId, Authentication auth,
      boolean credentialPresented) {
    refusedCredential(request, route, auth, request.remoteAddress(), requestId);
    String reason = auth instanceof Authentication.Refused r && r.reason() != null ? r.reason()
        : auth instanceof Authentication.Accepted ? "the credential is not valid for this tenant"
        : credentialPresented ? "the bearer token is not valid" : "no bearer token";
    Denials.report(new Denials.Denial(401, reason, request.method(), Texts.abbreviate(request.path(), SHOWN),
        request.remoteAddress(), null, null, requestId, credentialPresented));
    String challenge = credentialPresented
        ? "Bearer realm=\"SCIM\", error=\"invalid_token\", error_description=\"" + quotable(reason) + "\""
        : "Bearer realm=\"SCIM\"";
    String detail = credentialPresented ? "authentication failed: " + reason
        : "authentication required: send a valid bearer token";
    return Responses.error(401, detail, "WWW-Authenticate", challenge);
  }

  /**
   * The 403 when {@code call}'s scopes do not allow {@code write} (or read) access to {@code
   * endpoint}, reported to {@link Denials} and the security listeners; null when they do.
   */
  private @Nullable ScimResponse forbidden(Call call, String method, List<String> seg, String endpoint,
      boolean write) {
    Principal p = call.principal();
    if (write ? p.canWrite(endpoint) : p.canRead(endpoint)) {
      return null;
    }
    String needed = write ? Scopes.write(endpoint) : Scopes.read(endpoint);
    String any = write ? Scopes.WRITE : Scopes.READ;
    String path = "/" + Texts.abbreviate(String.join("/", seg), SHOWN);
    String reason = "the credential lacks the scope " + needed + " (or " + any + ") needed to " + method + " " + path;
    Denials.report(new Denials.Denial(403, reason, method, path, call.request().remoteAddress(), p.tenantId(),
        p.subject(), call.requestId(), true));
    security.accessDenied(p.tenantId(), p.subject(), method, path, reason, call.request().remoteAddress(),
        call.requestId());
    return Responses.error(403, reason, "WWW-Authenticate",
        "Bearer realm=\"SCIM\", error=\"insufficient_scope\", scope=\"" + needed + " " + any + "\"");
  }

  /** {@code s} safe inside a quoted string of an HTTP header. */
  private static String quotable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      b.append(c == '"' || c == '\\' || c < 0x20 || c > 0x7e ? '\'' : c);
    }
    return b.toString();
  }

  /** Rate limit and concurrency cap of an authenticated tenant, then the request. */
  private ScimResponse authenticated(ScimRequest request, Route route, String baseUrl, boolean discoveryEndpoint,
      Principal principal, String requestId, boolean inProcess) {
    String tenant = principal.tenantId();
    if (inProcess) {
      // the application's own calls (handleAs) are neither rate-limited nor capped: the limits
      // protect tenants from each other's HTTP clients, not the application from itself
      return serve(request, route, baseUrl, discoveryEndpoint, principal, requestId);
    }
    long wait = rateLimiter.acquire(tenant);
    if (wait > 0) {
      security.rateLimited(tenant, null);
      return Responses.error(429, "too many requests for this tenant; retry after " + wait + " s",
          "Retry-After", Long.toString(wait));
    }
    if (!inFlight.tryEnter(tenant)) {
      security.rateLimited(tenant, null);
      return Responses.error(429, "too many concurrent requests for this tenant (limit "
          + options.maxConcurrentRequestsPerTenant() + "); retry after 1 s", "Retry-After", "1");
    }
    try {
      return serve(request, route, baseUrl, discoveryEndpoint, principal, requestId);
    } finally {
      inFlight.exit(tenant);
    }
  }

  private ScimResponse serve(ScimRequest request, Route route, String baseUrl, boolean discoveryEndpoint,
      Principal principal, String requestId) {
    Call call = new Call(request, principal, settingsOf(principal.tenantId()), requestId, baseUrl);
    return discoveryEndpoint ? discovery(request, route, baseUrl)
        : dispatch(call, request.method(), route.segments, request.rawQuery(), null);
  }

  private static ScimResponse internalError(ScimRequest request, String requestId, Throwable e) {
    try {
      LOG.error("request {} {} {} failed", requestId, request.method(), Texts.abbreviate(request.path(), SHOWN),
          e);
    } catch (RuntimeException | Error logFailure) {
      // logging must not stop the answer
    }
    return Responses.error(500, "internal error; request id " + requestId);
  }

  private static String requestId(ScimRequest request) {
    String given = request.header("X-Request-Id");
    if (given != null && given.length() <= 64 && given.matches("[A-Za-z0-9._:-]+")) {
      return given;
    }
    return UUID.randomUUID().toString();
  }

  private String origin(ScimRequest request) {
    if (options.baseUrl() != null) {
      return trimTrailingSlash(options.baseUrl());
    }
    return request.baseUrl() == null ? "" : trimTrailingSlash(request.baseUrl());
  }

  private static String trimTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private TenantSettings settingsOf(String tenant) {
    return tenantSettings.getOrDefault(tenant, defaultSettings);
  }

  // ---- routing ----

  private record Route(@Nullable String tenant, String prefix, List<String> segments) {}

  private @Nullable Route route(@Nullable String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    String tenantSuffix = this.tenantSuffix == null ? "" : this.tenantSuffix;
    if (tenantPrefix != null && path.startsWith(tenantPrefix)) {
      int end = path.indexOf('/', tenantPrefix.length());
      String tenant = decode(end < 0 ? path.substring(tenantPrefix.length()) : path.substring(tenantPrefix.length(), end));
      String rest = end < 0 ? "" : path.substring(end);
      if (!tenant.isEmpty() && (tenantSuffix.isEmpty() || rest.equals(tenantSuffix) || rest.startsWith(tenantSuffix + "/"))) {
        String prefix = tenantPrefix + encodeSegment(tenant) + tenantSuffix;
        return new Route(tenant, prefix, segments(rest.substring(tenantSuffix.length())));
      }
    }
    if (basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/")) {
      return new Route(null, basePath, segments(path.substring(basePath.length())));
    }
    return null;
  }

  private static List<String> segments(String rest) {
    List<String> out = new ArrayList<>();
    for (String s : rest.split("/")) {
      if (!s.isEmpty()) {
        out.add(decode(s));
      }
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ScimException.invalidValue("malformed percent-encoding in the path");
    }
  }

  private static String encodeSegment(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private ScimResponse discovery(ScimRequest request, Route route, String baseUrl) {
    List<String> seg = route.segments;
    if (!request.method().equals("GET")) {
      return methodNotAllowed("GET");
    }
    String first = seg.get(0);
    if (first.equalsIgnoreCase("ServiceProviderConfig")) {
      return seg.size() == 1 ? discovery.serviceProviderConfig(baseUrl) : notFound(request);
    }
    if (first.equalsIgnoreCase("ResourceTypes")) {
      return seg.size() == 1 ? discovery.resourceTypes(baseUrl)
          : seg.size() == 2 ? discovery.resourceType(baseUrl, seg.get(1)) : notFound(request);
    }
    return seg.size() == 1 ? discovery.schemas(baseUrl)
        : seg.size() == 2 ? discovery.schema(baseUrl, seg.get(1)) : notFound(request);
  }

  private static ScimResponse notFound(ScimRequest request) {
    return Responses.error(404, "no SCIM endpoint at " + Texts.abbreviate(request.path(), SHOWN));
  }

  private static ScimResponse methodNotAllowed(String allow) {
    return Responses.error(405, "method not allowed here; allowed: " + allow, "Allow", allow);
  }

  /**
   * Runs a request for an authenticated call; {@code body} is given for bulk operations and read
   * from the request otherwise.
   */
  private ScimResponse dispatch(Call call, String method, List<String> seg, @Nullable String rawQuery,
      @Nullable ObjectNode bulkBody) {
    if (seg.isEmpty()) {
      return Responses.error(404, "no SCIM endpoint at the root; try /Users, /Groups or /ServiceProviderConfig");
    }
    QueryParams q = QueryParams.parse(rawQuery);
    String first = seg.get(0);
    if (first.equalsIgnoreCase("Bulk") && seg.size() == 1) {
      if (bulkBody != null) {
        throw ScimException.invalidValue("a bulk operation cannot call /Bulk");
      }
      if (!method.equals("POST")) {
        return methodNotAllowed("POST");
      }
      return bulk(call);
    }
    if (first.equals(".search") && seg.size() == 1) {
      if (!method.equals("POST")) {
        return methodNotAllowed("POST");
      }
      for (String endpoint : handlers.keySet()) {
        ScimResponse denied = forbidden(call, method, seg, endpoint, false);
        if (denied != null) {
          return denied;
        }
      }
      return rootSearch(call, body(call, bulkBody, options.maxBodyBytes()));
    }
    if (first.equalsIgnoreCase("Me")) {
      if (me == null) {
        return Responses.error(501, "/Me is not supported by this service provider");
      }
      String id = me.apply(call.principal()).orElseThrow(
          () -> ScimException.notFound("the authenticated subject has no User resource"));
      List<String> rewritten = new ArrayList<>();
      rewritten.add("Users");
      rewritten.add(id);
      rewritten.addAll(seg.subList(1, seg.size()));
      return dispatch(call, method, rewritten, rawQuery, bulkBody);
    }
    TypeHandler h = handlers.get(first.toLowerCase(Locale.ROOT));
    if (h == null || seg.size() > 2) {
      return Responses.error(404, "no SCIM endpoint /" + String.join("/", seg));
    }
    boolean search = seg.size() == 2 && seg.get(1).equals(".search");
    boolean write = !search && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
        || method.equals("DELETE"));
    ScimResponse denied = forbidden(call, method, seg, first.toLowerCase(Locale.ROOT), write);
    if (denied != null) {
      return denied;
    }
    if (seg.size() == 1) {
      switch (method) {
        case "GET":
          return h.search(call, SearchSpec.from(q));
        case "POST":
          return h.create(call, body(call, bulkBody, options.maxBodyBytes()), q);
        default:
          return methodNotAllowed("GET, POST");
      }
    }
    String id = seg.get(1);
    if (id.equals(".search")) {
      if (!method.equals("POST")) {
        return methodNotAllowed("POST");
      }
      ObjectNode body = body(call, bulkBody, options.maxBodyBytes());
      MessageUrns.check(registry, body, List.of(MessageUrns.SEARCH_REQUEST), "a search request");
      return h.search(call, SearchSpec.from(SearchRequest.fromJson(body, call.settings().tolerance())));
    }
    switch (method) {
      case "GET":
        return h.get(call, id, q);
      case "PUT":
        return h.replace(call, id, body(call, bulkBody, options.maxBodyBytes()), q);
      case "PATCH":
        return h.patch(call, id, body(call, bulkBody, options.maxBodyBytes()), q);
      case "DELETE":
        return h.delete(call, id);
      default:
        return methodNotAllowed("GET, PUT, PATCH, DELETE");
    }
  }

  private ScimResponse rootSearch(Call call, ObjectNode body) {
    MessageUrns.check(registry, body, List.of(MessageUrns.SEARCH_REQUEST), "a search request");
    SearchSpec spec = SearchSpec.from(SearchRequest.fromJson(body, call.settings().tolerance()));
    if (spec.cursor() != null) {
      throw ScimException.invalidValue("cursor pagination is not available on /.search; search one resource type");
    }
    if (spec.sortBy() != null) {
      throw ScimException.invalidValue("sortBy is not available on /.search across resource types");
    }
    int startIndex = spec.startIndex() == null || spec.startIndex() < 1 ? 1 : spec.startIndex();
    int count = spec.count() == null ? options.defaultPageSize() : Math.max(0, Math.min(spec.count(), options.maxPageSize()));
    long total = 0;
    List<ScimResource> out = new ArrayList<>();
    for (TypeHandler h : handlers.values()) {
      var counted = h.searchPage(call, withPage(spec, 1, 0));
      long t = counted.totalResults();
      if (out.size() < count && startIndex <= total + t) {
        int localStart = (int) Math.max(1, startIndex - total);
        var page = h.searchPage(call, withPage(spec, localStart, count - out.size()));
        out.addAll(page.scimResources());
      }
      total += t;
    }
    return Responses.json(200, dev.scimsync.core.message.ListResponse.ofResources(
        (int) Math.min(total, Integer.MAX_VALUE), startIndex, out, null, null).toJsonBytes());
  }

  private static SearchSpec withPage(SearchSpec s, int startIndex, int count) {
    return new SearchSpec(s.filter(), s.sortBy(), s.descending(), startIndex, count, null, s.attributes(),
        s.excludedAttributes());
  }

  private ScimResponse bulk(Call call) {
    ObjectNode body = body(call, null, options.maxBulkPayloadBytes());
    MessageUrns.check(registry, body, List.of(MessageUrns.BULK_REQUEST), "a bulk request");
    BulkRequest request = BulkRequest.fromJson(body, call.settings().tolerance(), options.maxBulkOperations());
    var response = Bulk.process(request, (method, path, data) -> {
      String rawPath = path;
      String rawQuery = null;
      int qm = path.indexOf('?');
      if (qm >= 0) {
        rawPath = path.substring(0, qm);
        rawQuery = path.substring(qm + 1);
      }
      try {
        List<String> seg = segments(rawPath);
        String refused = bulkPathProblem(method, seg);
        if (refused != null) {
          return Responses.error(ScimException.invalidValue(refused));
        }
        // each operation is a request for the rate limiter (the bulk request itself was one)
        long wait = rateLimiter.acquire(call.tenant());
        if (wait > 0) {
          security.rateLimited(call.tenant(), null);
          return Responses.error(429, "too many requests for this tenant; retry after " + wait + " s",
              "Retry-After", Long.toString(wait));
        }
        return dispatch(call, method, seg, rawQuery, data == null ? ScimJson.object() : data);
      } catch (ScimException e) {
        return Responses.error(e);
      } catch (FilterException e) {
        return Responses.error(ScimException.from(e));
      }
    });
    return Responses.json(200, response.toJson());
  }

  /**
   * Why a bulk operation may not address {@code seg} with {@code method}, or null when it may: only
   * a resource type ({@code POST /Users}) or one resource ({@code PUT|PATCH|DELETE /Users/{id}}),
   * so that a bulk request cannot hide searches, nested bulks or discovery calls (RFC 7644 §3.7
   * defines bulk for creating, replacing, patching and deleting resources).
   */
  private @Nullable String bulkPathProblem(String method, List<String> seg) {
    String shown = "/" + Texts.abbreviate(String.join("/", seg), SHOWN);
    boolean resourceType = !seg.isEmpty() && handlers.containsKey(seg.get(0).toLowerCase(Locale.ROOT));
    if (!resourceType || seg.size() > 2 || (seg.size() == 2 && seg.get(1).equals(".search"))) {
      return "a bulk operation may only address a resource type (/Users) or a resource (/Users/{id}), not "
          + shown;
    }
    boolean ok = seg.size() == 1 ? method.equals("POST")
        : method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
    return ok ? null : "a bulk operation cannot " + method + " " + shown + "; use POST on a resource type and "
        + "PUT, PATCH or DELETE on a resource";
  }

  /** The request body as a JSON object, checking media type and size; or the bulk operation's data. */
  private ObjectNode body(Call call, @Nullable ObjectNode bulkBody, int limit) {
    if (bulkBody != null) {
      return bulkBody;
    }
    String type = call.request().header("Content-Type");
    if (type != null) {
      String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!media.isEmpty() && !media.equals("application/scim+json") && !media.equals("application/json")) {
        throw new ScimException(415, null, "Content-Type must be application/scim+json or application/json, not "
            + Texts.abbreviate(media, SHOWN));
      }
    }
    byte[] bytes = readLimited(call.request().body(), limit);
    return ScimJson.parseObject(bytes);
  }

  private static byte[] readLimited(InputStream in, int limit) {
    try (InputStream body = in) {
      // Sized from available(), exact for in-process bodies (handleAs, directory sync), which are
      // then read with one array and no copy; a stream that does not know grows the array.
      int known = body.available();
      if (known > limit) {
        throw tooLarge(limit);
      }
      byte[] buf = new byte[known > 0 ? known : Math.min(limit, 8192)];
      int total = 0;
      while (true) {
        if (total == buf.length) {
          int b = body.read();
          if (b < 0) {
            break;
          }
          if (total + 1 > limit) {
            throw tooLarge(limit);
          }
          buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) limit, Math.max(16L, buf.length * 2L)));
          buf[total++] = (byte) b;
          continue;
        }
        int n = body.read(buf, total, buf.length - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
      return total == buf.length ? buf : java.util.Arrays.copyOf(buf, total);
    } catch (IOException e) {
      throw ScimException.invalidSyntax("the request body could not be read");
    }
  }

  private static ScimException tooLarge(int limit) {
    return new ScimException(413, null, "the request body is larger than the limit of " + limit + " bytes");
  }

  /** Builds a {@link ScimServer}. */
  public static final class Builder {
    private SchemaRegistry registry = SchemaRegistry.standard();
    private final Map<String, ResourceStore> stores = new LinkedHashMap<>();
    private @Nullable GroupStore groups;
    private @Nullable Authenticator authenticator;
    private ServerOptions options = ServerOptions.defaults();
    private TenantSettings defaultSettings = TenantSettings.defaults();
    private final Map<String, TenantSettings> tenantSettings = new LinkedHashMap<>();
    private final List<ProvisioningListener> listeners = new ArrayList<>();
    private final List<SecurityListener> securityListeners = new ArrayList<>();
    private SecurityThresholds securityThresholds = SecurityThresholds.defaults();
    private EventOutbox outbox = EventOutbox.none();
    private List<String> securityEventUris = List.of();
    private String basePath = "";
    private @Nullable String tenantPathPattern;
    private @Nullable Function<Principal, Optional<String>> me;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The schemas and resource types; {@link SchemaRegistry#standard()} by default. */
    public Builder schemas(SchemaRegistry registry) {
      this.registry = Objects.requireNonNull(registry);
      return this;
    }

    /** Serves {@code /Users} from {@code store}. */
    public Builder users(UserStore store) {
      stores.put("User", Objects.requireNonNull(store));
      return this;
    }

    /** Serves {@code /Groups} from {@code store}; also fills Users' {@code groups}. */
    public Builder groups(GroupStore store) {
      stores.put("Group", Objects.requireNonNull(store));
      this.groups = store;
      return this;
    }

    /** Serves a custom resource type registered in the schema registry. */
    public Builder resourceType(String name, ResourceStore store) {
      stores.put(name, Objects.requireNonNull(store));
      return this;
    }

    /** Who may call; required. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    /** Limits and behaviour. */
    public Builder options(ServerOptions options) {
      this.options = Objects.requireNonNull(options);
      return this;
    }

    /** Settings for tenants without their own. */
    public Builder defaultTenantSettings(TenantSettings settings) {
      this.defaultSettings = Objects.requireNonNull(settings);
      return this;
    }

    /** Settings for one tenant, e.g. its IdP's tolerance profile. */
    public Builder tenant(String tenantId, TenantSettings settings) {
      tenantSettings.put(tenantId, settings);
      return this;
    }

    /** Shorthand: {@code tenant}'s IdP is read with {@code tolerance}. */
    public Builder tenant(String tenantId, Tolerance tolerance) {
      return tenant(tenantId, defaultSettings.withTolerance(tolerance));
    }

    /** Adds a listener for provisioning events. */
    public Builder listener(ProvisioningListener listener) {
      listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /**
     * Adds a listener for security events: repeated authentication failures, retired tokens in
     * use, cross-tenant attempts, rate-limit storms.
     */
    public Builder securityListener(SecurityListener listener) {
      securityListeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** When repeated failures and 429 answers become security events; {@link SecurityThresholds#defaults()}. */
    public Builder securityThresholds(SecurityThresholds thresholds) {
      this.securityThresholds = Objects.requireNonNull(thresholds);
      return this;
    }

    /**
     * Records every write's events in {@code outbox} in the same transaction as the write (e.g.
     * {@code JdbcStores.outbox()} or the in-memory store's {@code FileOutbox}), for delivery beyond
     * the process; none by default. In-process listeners are told after the commit either way.
     */
    public Builder outbox(EventOutbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /**
     * Advertises Security Events (RFC 9967 §4) in {@code /ServiceProviderConfig}: {@code
     * securityEvents} with {@code eventUris} (the SET event URIs this service issues through its
     * SET push or poll streams, e.g. {@code ScimEventUris.issued()} of {@code scim-set}) and
     * {@code asyncRequest: "none"} (requests complete synchronously). Not advertised by default
     * or when {@code eventUris} is empty.
     */
    public Builder securityEvents(Collection<String> eventUris) {
      this.securityEventUris = List.copyOf(eventUris);
      return this;
    }

    /**
     * Where the server is mounted for credential-identified tenants, e.g. {@code /scim/v2}; empty
     * (the default) when the adapter already strips the mount point.
     */
    public Builder basePath(String basePath) {
      this.basePath = basePath;
      return this;
    }

    /**
     * Also serve tenants by URL, e.g. {@code /tenants/{tenant}/scim/v2}; the credential must then
     * belong to that tenant.
     */
    public Builder tenantPathPattern(String pattern) {
      this.tenantPathPattern = pattern;
      return this;
    }

    /** Maps the authenticated principal to its User id, enabling {@code /Me}. */
    public Builder me(Function<Principal, Optional<String>> resolver) {
      this.me = resolver;
      return this;
    }

    /** The clock for events, cursors and the windows of security events. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** The server. */
    public ScimServer build() {
      return new ScimServer(this);
    }
  }
}
