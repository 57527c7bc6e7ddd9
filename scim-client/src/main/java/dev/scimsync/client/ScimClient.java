package dev.scimsync.client;

import dev.scimsync.core.message.ServiceProviderConfig;
import dev.scimsync.client.auth.BearerToken;
import dev.scimsync.client.auth.OAuthClientCredentials;
import dev.scimsync.client.auth.TokenSource;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.schema.SchemaJson;
import dev.scimsync.core.schema.SchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SCIM 2.0 client for one service provider. Build with {@link #builder()}; thread-safe; share one
 * per service provider. Close it to release the connections of the HTTP client it created (a shared
 * client passed to {@link Builder#httpClient} is left open).
 *
 * <pre>{@code
 * ScimClient scim = ScimClient.builder().baseUrl("https://example.com/scim/v2").bearerToken(token).build();
 * User u = scim.users().create(User.builder("bjensen").build());
 * scim.users().patch(u.id()).replace("active", false).send();
 * }</pre>
 *
 * <p>Discovery ({@link #serviceProviderConfig()}, {@link #schemas()}, {@link #resourceTypes()}) is
 * read once, when first needed, and decides fallbacks: PATCH becomes GET + PUT when {@code
 * patch.supported} is false, Bulk becomes single requests when {@code bulk.supported} is false, and
 * {@code POST /.search} becomes GET when filtering is not supported. A server without {@code
 * /ServiceProviderConfig} (404) is assumed to support PATCH and filtering but not Bulk.
 */
public final class ScimClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScimClient.class);

  /** This library's version, e.g. {@code 0.1.0}. */
  public static final String VERSION = readVersion();

  /** Without discovery every feature is assumed; nothing is said about pagination. */
  private static final ServiceProviderConfig NO_DISCOVERY = ServiceProviderConfig.builder().bulk(true, 0, 0)
      .sortSupported(true).etagSupported(true).changePasswordSupported(true).known(false).build();

  private final Transport transport;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final boolean discovery;
  private final ResourceClient<User> users;
  private final ResourceClient<Group> groups;
  private final Set<String> postSearchUnsupported = ConcurrentHashMap.newKeySet();
  private final Map<String, ResourceSchema> schemaCache = new ConcurrentHashMap<>();
  private volatile boolean patchUnsupported;
  private volatile @Nullable ServiceProviderConfig config;
  private volatile @Nullable List<Schema> schemas;
  private volatile @Nullable List<ResourceType> resourceTypes;

  private ScimClient(Builder b) {
    OkHttpClient.Builder hb = b.httpClient != null ? b.httpClient.newBuilder() : new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60)).writeTimeout(Duration.ofSeconds(60));
    if (b.connectTimeout != null) {
      hb.connectTimeout(b.connectTimeout);
    }
    if (b.readTimeout != null) {
      hb.readTimeout(b.readTimeout);
    }
    if (b.writeTimeout != null) {
      hb.writeTimeout(b.writeTimeout);
    }
    if (b.callTimeout != null) {
      hb.callTimeout(b.callTimeout);
    }
    if (b.tls != null) {
      b.tls.applyTo(hb);
    }
    // The client decides about retries itself: OkHttp must not silently repeat a POST.
    hb.retryOnConnectionFailure(false);
    OkHttpClient withoutHooks = hb.build();
    for (Interceptor i : b.interceptors) {
      hb.addInterceptor(i);
    }
    this.http = hb.build();
    this.ownsHttp = b.httpClient == null;
    TimeSource time = b.timeSource;
    TokenBucket limiter = b.requestsPerSecond > 0 ? new TokenBucket(b.requestsPerSecond, b.burst, time) : null;
    // token requests go through the transport's retry loop and rate limit; the transport needs the
    // token source, so the interceptor finds the transport once it exists
    AtomicReference<Transport> self = new AtomicReference<>();
    OkHttpClient tokenHttp = withoutHooks.newBuilder()
        .addInterceptor(chain -> Objects.requireNonNull(self.get(), "transport").tokenRequests().intercept(chain)).build();
    TokenSource tokens = b.tokenSource == null ? null : b.tokenSource.bind(tokenHttp, time);
    this.transport = new Transport(http, Objects.requireNonNull(b.baseUrl, "baseUrl"), tokens, b.retryPolicy, limiter, time, b.requestIdHeaders,
        b.userAgent);
    self.set(transport);
    this.discovery = b.discovery;
    this.users = new ResourceClient<>(this, ResourceMapper.users());
    this.groups = new ResourceClient<>(this, ResourceMapper.groups());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL, e.g. {@code https://example.com/scim/v2}. */
  public HttpUrl baseUrl() {
    return transport.base();
  }

  /** Operations on {@code /Users}, typed as {@link User}. */
  public ResourceClient<User> users() {
    return users;
  }

  /** Operations on {@code /Groups}, typed as {@link Group}. */
  public ResourceClient<Group> groups() {
    return groups;
  }

  /** Operations on any endpoint, e.g. {@code /Devices}, as generic {@link ScimResource}s. */
  public ResourceClient<ScimResource> resources(String endpoint) {
    return new ResourceClient<>(this, ResourceMapper.generic(endpoint));
  }

  /**
   * Operations on {@code endpoint} with a custom Java type: {@code read} converts from and {@code
   * write} to the generic form. Created resources are not looked up after a connection failure
   * unless a filter is passed to {@link ResourceClient#create(Object, dev.scimsync.filter.Filter)}.
   */
  public <T> ResourceClient<T> resources(String endpoint, Function<ScimResource, T> read,
      Function<T, ScimResource> write) {
    return new ResourceClient<>(this, new ResourceMapper<>(endpoint, read, write, t -> null));
  }

  /**
   * The service provider's configuration, read once from {@code /ServiceProviderConfig} and
   * cached. A 404, 405 or 501 gives {@link ServiceProviderConfig#unknown()} (also cached).
   */
  public ServiceProviderConfig serviceProviderConfig() {
    ServiceProviderConfig c = config;
    if (c != null) {
      return c;
    }
    synchronized (this) {
      if (config == null) {
        try {
          ObjectNode json = transport.send(Transport.Req.get().path("ServiceProviderConfig")).jsonObject();
          config = ServiceProviderConfig.fromJson(json);
        } catch (ScimClientException e) {
          if (e.status() != 404 && e.status() != 405 && e.status() != 501) {
            throw e;
          }
          LOG.info("the server has no /ServiceProviderConfig ({}); assuming PATCH and filtering, no Bulk", e.status());
          config = ServiceProviderConfig.unknown();
        }
      }
      return config;
    }
  }

  /** The schemas from {@code /Schemas}, read once and cached; entries that cannot be read are skipped. */
  public List<Schema> schemas() {
    List<Schema> s = schemas;
    if (s == null) {
      synchronized (this) {
        if (schemas == null) {
          List<Schema> out = new ArrayList<>();
          for (JsonNode n : listOf("Schemas")) {
            try {
              out.add(SchemaJson.readSchema(n));
            } catch (RuntimeException e) {
              LOG.warn("skipping a schema from /Schemas that cannot be read: {}", e.getMessage());
            }
          }
          schemas = List.copyOf(out);
        }
        s = schemas;
      }
    }
    return s;
  }

  /** The resource types from {@code /ResourceTypes}, read once and cached; unreadable entries are skipped. */
  public List<ResourceType> resourceTypes() {
    List<ResourceType> t = resourceTypes;
    if (t == null) {
      synchronized (this) {
        if (resourceTypes == null) {
          List<ResourceType> out = new ArrayList<>();
          for (JsonNode n : listOf("ResourceTypes")) {
            try {
              out.add(SchemaJson.readResourceType(n));
            } catch (RuntimeException e) {
              LOG.warn("skipping a resource type from /ResourceTypes that cannot be read: {}", e.getMessage());
            }
          }
          resourceTypes = List.copyOf(out);
        }
        t = resourceTypes;
      }
    }
    return t;
  }

  /** A list response or a bare JSON array (both are seen in the wild). */
  private List<JsonNode> listOf(String endpoint) {
    HttpResult r = transport.send(Transport.Req.get().path(endpoint));
    JsonNode json = r.json();
    List<JsonNode> out = new ArrayList<>();
    if (json == null) {
      return out;
    }
    if (json.isArray()) {
      json.forEach(out::add);
      return out;
    }
    try {
      out.addAll(ListResponse.fromJson(json).resources());
    } catch (RuntimeException e) {
      throw r.unreadable("the " + endpoint + " response is malformed: " + e.getMessage());
    }
    return out;
  }

  /** A typed bulk request to fill and {@link BulkBuilder#send() send}. */
  public BulkBuilder bulk() {
    return new BulkBuilder(this);
  }

  /**
   * Runs a bulk request (RFC 7644 §3.7). When the server supports Bulk, it is sent to {@code /Bulk}
   * in chunks within the server's {@code bulk.maxOperations} and {@code bulk.maxPayloadSize}, with
   * {@code bulkId} references to earlier chunks resolved (an operation larger than {@code
   * maxPayloadSize} alone is reported as failed with 413, not sent); otherwise each operation is
   * sent as a single request, in order, resolving {@code bulkId:} references from earlier results.
   * Either way it stops after {@code failOnErrors} errors, and the result has one entry per
   * operation run.
   *
   * @throws ScimBulkException when a chunk (or a single request) fails as a whole; it carries the
   *     results of the operations run before, and the operations not run
   */
  public BulkResult bulk(BulkRequest request) {
    Objects.requireNonNull(request, "request");
    return new BulkExecutor(this).run(request);
  }

  /** The retries left in this client's retry budget (see {@link RetryPolicy}). */
  public long retryBudgetRemaining() {
    return transport.retryBudgetRemaining();
  }

  /** Releases the connections and threads of the HTTP client this client created; a shared one is left alone. */
  @Override
  public void close() {
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  // ------------------------------------------------------------------ internals

  Transport transport() {
    return transport;
  }

  /** The configuration decisions are based on: discovered, or "everything supported" without discovery. */
  ServiceProviderConfig effectiveConfig() {
    if (!discovery) {
      return NO_DISCOVERY;
    }
    return serviceProviderConfig();
  }

  boolean patchSupported() {
    return !patchUnsupported && effectiveConfig().patchSupported();
  }

  void markPatchUnsupported() {
    patchUnsupported = true;
  }

  boolean postSearchAllowed(String endpoint) {
    return !postSearchUnsupported.contains(endpoint.toLowerCase(Locale.ROOT)) && effectiveConfig().filterSupported();
  }

  void markPostSearchUnsupported(String endpoint) {
    postSearchUnsupported.add(endpoint.toLowerCase(Locale.ROOT));
  }

  /** The schema of {@code endpoint}: the standard one for /Users and /Groups, else from discovery; or null. */
  @Nullable ResourceSchema resourceSchema(String endpoint) {
    String key = endpoint.toLowerCase(Locale.ROOT);
    ResourceSchema cached = schemaCache.get(key);
    if (cached != null) {
      return cached;
    }
    ResourceSchema found = SchemaRegistry.standard().byEndpoint(endpoint);
    if (found == null && discovery) {
      try {
        SchemaRegistry.Builder rb = SchemaRegistry.standardBuilder();
        schemas().forEach(rb::schema);
        for (ResourceType t : resourceTypes()) {
          if (ResourceMapper.normalise(t.endpoint()).equalsIgnoreCase(endpoint)) {
            rb.resourceType(t);
          }
        }
        found = rb.build().byEndpoint(endpoint);
      } catch (RuntimeException e) {
        LOG.warn("cannot build the schema of {} from discovery: {}", endpoint, e.getMessage());
      }
    }
    if (found != null) {
      schemaCache.put(key, found);
    }
    return found;
  }

  private static String readVersion() {
    try (InputStream in = ScimClient.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "dev";
  }

  /** Builds {@link ScimClient}s. Not thread-safe. */
  public static final class Builder {
    private @Nullable HttpUrl baseUrl;
    private @Nullable TokenSource tokenSource;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable Duration writeTimeout;
    private @Nullable Duration callTimeout;
    private String userAgent = "scimsync/" + VERSION;
    private @Nullable OkHttpClient httpClient;
    private @Nullable ClientTls tls;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private double requestsPerSecond;
    private int burst = 1;
    private TimeSource timeSource = TimeSource.system();
    private boolean discovery = true;
    private List<String> requestIdHeaders = List.of("X-Request-Id", "request-id", "x-ms-request-id",
        "X-Correlation-Id", "X-Amzn-RequestId");

    private Builder() {}

    /** The base URL of the SCIM service, e.g. {@code https://example.com/scim/v2} (required). */
    public Builder baseUrl(String url) {
      return baseUrl(HttpUrl.get(url));
    }

    /** The base URL of the SCIM service (required). */
    public Builder baseUrl(HttpUrl url) {
      HttpUrl u = Objects.requireNonNull(url, "url");
      List<String> segs = u.pathSegments();
      if (!segs.isEmpty() && segs.get(segs.size() - 1).isEmpty()) {
        u = u.newBuilder().removePathSegment(segs.size() - 1).build();
      }
      this.baseUrl = u;
      return this;
    }

    /** Authenticates with a static bearer token. */
    public Builder bearerToken(String token) {
      this.tokenSource = BearerToken.of(token);
      return this;
    }

    /** Authenticates with OAuth 2.0 client credentials (cached, refreshed before expiry and on 401). */
    public Builder oauth(OAuthClientCredentials credentials) {
      this.tokenSource = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Authenticates with tokens from {@code source}; null for no {@code Authorization} header. */
    public Builder tokenSource(TokenSource source) {
      this.tokenSource = source;
      return this;
    }

    /** Adds an OkHttp application interceptor, e.g. for another authentication scheme or request signing. */
    public Builder interceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** The connect timeout; default 10 s (or the shared client's). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** The read timeout; default 60 s (or the shared client's). */
    public Builder readTimeout(Duration d) {
      this.readTimeout = d;
      return this;
    }

    /** The write timeout; default 60 s (or the shared client's). */
    public Builder writeTimeout(Duration d) {
      this.writeTimeout = d;
      return this;
    }

    /** The timeout for a whole call, one attempt, from connecting to reading the body; default none. */
    public Builder callTimeout(Duration d) {
      this.callTimeout = d;
      return this;
    }

    /** The {@code User-Agent}; default {@code scimsync/<version>}. */
    public Builder userAgent(String ua) {
      this.userAgent = Objects.requireNonNull(ua, "userAgent");
      return this;
    }

    /**
     * A shared OkHttp client: this client derives its own from it with {@code newBuilder()}, so
     * connection pool and dispatcher are shared, and does not close it.
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = client;
      return this;
    }

    /**
     * TLS for the connections to the server (a private CA, a client certificate, pins); default
     * the JDK's trusted authorities (or the shared client's settings). Replaces the TLS settings
     * of a client given to {@link #httpClient}. Host names are always verified.
     */
    public Builder tls(ClientTls tls) {
      this.tls = tls;
      return this;
    }

    /** The retry policy; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Limits requests to {@code perSecond} (blocking callers as needed), with no bursts. */
    public Builder rateLimit(double perSecond) {
      return rateLimit(perSecond, 1);
    }

    /** Limits requests to {@code perSecond} on average, allowing bursts of {@code burst}. */
    public Builder rateLimit(double perSecond, int burst) {
      if (!(perSecond > 0) || burst < 1) {
        throw new IllegalArgumentException("the rate must be positive and the burst at least 1");
      }
      this.requestsPerSecond = perSecond;
      this.burst = burst;
      return this;
    }

    /** The clock and sleep for retries, rate limiting and token expiry; tests pass a fake one. */
    public Builder timeSource(TimeSource time) {
      this.timeSource = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Whether to read {@code /ServiceProviderConfig} to decide fallbacks (default true). Without
     * discovery the server is assumed to support everything (PATCH, Bulk, filtering).
     */
    public Builder discovery(boolean enabled) {
      this.discovery = enabled;
      return this;
    }

    /** The response headers read as the request id, first present wins. */
    public Builder requestIdHeaders(String... names) {
      this.requestIdHeaders = List.of(names);
      return this;
    }

    /** The client; the base URL is required. */
    public ScimClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required");
      }
      return new ScimClient(this);
    }
  }
}
