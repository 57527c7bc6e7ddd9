package dev.scimsync.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Limits and behaviour of a {@link ScimServer} and its HTTP adapters, with safe defaults.
 * Immutable; build with {@link #builder()} (there is no public constructor, so that options can be
 * added without breaking callers). Every limit is enforced with a clear SCIM error, never a hang
 * or a 500.
 */
public final class ServerOptions {

  private final int maxBodyBytes;
  private final int maxFilterLength;
  private final int maxFilterDepth;
  private final int defaultPageSize;
  private final int maxPageSize;
  private final int maxBulkOperations;
  private final int maxBulkPayloadBytes;
  private final int maxPatchOperations;
  private final int inMemoryFilterCap;
  private final int maxProjectionPaths;
  private final double requestsPerSecond;
  private final int burst;
  private final int maxConcurrentRequestsPerTenant;
  private final double failedAuthPerSecond;
  private final int failedAuthBurst;
  private final boolean authenticateDiscovery;
  private final boolean checkMemberReferences;
  private final boolean groupPatchReturnsNoContent;
  private final @Nullable String baseUrl;
  private final Duration cursorTimeout;
  private final byte @Nullable [] cursorSecret;
  private final Duration requestTimeout;
  private final Duration responseTimeout;

  private ServerOptions(Builder b) {
    positive(b.maxBodyBytes, "maxBodyBytes");
    positive(b.maxFilterLength, "maxFilterLength");
    positive(b.maxFilterDepth, "maxFilterDepth");
    positive(b.defaultPageSize, "defaultPageSize");
    positive(b.maxPageSize, "maxPageSize");
    positive(b.maxBulkOperations, "maxBulkOperations");
    positive(b.maxBulkPayloadBytes, "maxBulkPayloadBytes");
    positive(b.maxPatchOperations, "maxPatchOperations");
    positive(b.inMemoryFilterCap, "inMemoryFilterCap");
    positive(b.maxProjectionPaths, "maxProjectionPaths");
    if (b.requestsPerSecond < 0 || b.burst < 0 || Double.isNaN(b.requestsPerSecond)) {
      throw new IllegalArgumentException("rate limits cannot be negative");
    }
    if (b.maxConcurrentRequestsPerTenant < 0) {
      throw new IllegalArgumentException("maxConcurrentRequestsPerTenant cannot be negative");
    }
    if (b.failedAuthPerSecond < 0 || b.failedAuthBurst < 0 || Double.isNaN(b.failedAuthPerSecond)) {
      throw new IllegalArgumentException("failed-authentication limits cannot be negative");
    }
    if (b.defaultPageSize > b.maxPageSize) {
      throw new IllegalArgumentException("defaultPageSize exceeds maxPageSize");
    }
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxFilterLength = b.maxFilterLength;
    this.maxFilterDepth = b.maxFilterDepth;
    this.defaultPageSize = b.defaultPageSize;
    this.maxPageSize = b.maxPageSize;
    this.maxBulkOperations = b.maxBulkOperations;
    this.maxBulkPayloadBytes = b.maxBulkPayloadBytes;
    this.maxPatchOperations = b.maxPatchOperations;
    this.inMemoryFilterCap = b.inMemoryFilterCap;
    this.maxProjectionPaths = b.maxProjectionPaths;
    this.requestsPerSecond = b.requestsPerSecond;
    this.burst = b.burst;
    this.maxConcurrentRequestsPerTenant = b.maxConcurrentRequestsPerTenant;
    this.failedAuthPerSecond = b.failedAuthPerSecond;
    this.failedAuthBurst = b.failedAuthBurst;
    this.authenticateDiscovery = b.authenticateDiscovery;
    this.checkMemberReferences = b.checkMemberReferences;
    this.groupPatchReturnsNoContent = b.groupPatchReturnsNoContent;
    this.baseUrl = b.baseUrl;
    this.cursorTimeout = positive(b.cursorTimeout, "cursorTimeout");
    this.cursorSecret = b.cursorSecret == null ? null : b.cursorSecret.clone();
    this.requestTimeout = positive(b.requestTimeout, "requestTimeout");
    this.responseTimeout = positive(b.responseTimeout, "responseTimeout");
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }

  /** The defaults. */
  public static ServerOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxBodyBytes = maxBodyBytes;
    b.maxFilterLength = maxFilterLength;
    b.maxFilterDepth = maxFilterDepth;
    b.defaultPageSize = defaultPageSize;
    b.maxPageSize = maxPageSize;
    b.maxBulkOperations = maxBulkOperations;
    b.maxBulkPayloadBytes = maxBulkPayloadBytes;
    b.maxPatchOperations = maxPatchOperations;
    b.inMemoryFilterCap = inMemoryFilterCap;
    b.maxProjectionPaths = maxProjectionPaths;
    b.requestsPerSecond = requestsPerSecond;
    b.burst = burst;
    b.maxConcurrentRequestsPerTenant = maxConcurrentRequestsPerTenant;
    b.failedAuthPerSecond = failedAuthPerSecond;
    b.failedAuthBurst = failedAuthBurst;
    b.authenticateDiscovery = authenticateDiscovery;
    b.checkMemberReferences = checkMemberReferences;
    b.groupPatchReturnsNoContent = groupPatchReturnsNoContent;
    b.baseUrl = baseUrl;
    b.cursorTimeout = cursorTimeout;
    b.cursorSecret = cursorSecret == null ? null : cursorSecret.clone();
    b.requestTimeout = requestTimeout;
    b.responseTimeout = responseTimeout;
    return b;
  }

  /** Largest request body accepted outside {@code /Bulk} (413 beyond). */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Longest filter accepted, in characters (400 invalidFilter beyond). */
  public int maxFilterLength() {
    return maxFilterLength;
  }

  /** Deepest filter nesting accepted (400 invalidFilter beyond). */
  public int maxFilterDepth() {
    return maxFilterDepth;
  }

  /** Results per page when {@code count} is not given. */
  public int defaultPageSize() {
    return defaultPageSize;
  }

  /** The most results per page; a larger {@code count} is lowered to it. */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** Most operations in one bulk request (413 beyond, RFC 7644 §3.7.4). */
  public int maxBulkOperations() {
    return maxBulkOperations;
  }

  /** Largest bulk request body (413 beyond). */
  public int maxBulkPayloadBytes() {
    return maxBulkPayloadBytes;
  }

  /** Most operations in one PATCH request (400 beyond). */
  public int maxPatchOperations() {
    return maxPatchOperations;
  }

  /**
   * Most candidate resources the server filters in memory for a store that cannot evaluate a
   * filter itself (400 tooMany beyond).
   */
  public int inMemoryFilterCap() {
    return inMemoryFilterCap;
  }

  /**
   * Most names in {@code attributes} and {@code excludedAttributes} together (400 invalidValue
   * beyond); 200 by default, far more than any schema has attributes.
   */
  public int maxProjectionPaths() {
    return maxProjectionPaths;
  }

  /**
   * Sustained requests per second allowed per tenant (0 for no limit); the excess gets 429 with
   * {@code Retry-After}. Each operation of a bulk request counts as one request.
   */
  public double requestsPerSecond() {
    return requestsPerSecond;
  }

  /** Requests a tenant may make at once above the sustained rate. */
  public int burst() {
    return burst;
  }

  /**
   * Most requests of one tenant handled at the same time (0 for no limit). A request beyond it is
   * not queued: it gets 429 with {@code Retry-After: 1} at once, so that one tenant's slow
   * requests cannot occupy every worker thread while the others wait.
   */
  public int maxConcurrentRequestsPerTenant() {
    return maxConcurrentRequestsPerTenant;
  }

  /**
   * Sustained failed authentications per second allowed per client address (0 for no limit);
   * beyond it (after {@link #failedAuthBurst()} at once) that address gets 429 with {@code
   * Retry-After} before its credentials are even checked. Behind a reverse proxy every client has
   * the proxy's address: limit there instead, or raise this.
   */
  public double failedAuthPerSecond() {
    return failedAuthPerSecond;
  }

  /** Failed authentications a client address may have at once above the sustained rate. */
  public int failedAuthBurst() {
    return failedAuthBurst;
  }

  /**
   * Whether {@code /ServiceProviderConfig}, {@code /ResourceTypes} and {@code /Schemas} need
   * credentials (RFC 7644 §4 allows them to be public).
   */
  public boolean authenticateDiscovery() {
    return authenticateDiscovery;
  }

  /**
   * Reject (400 invalidValue) group members that are not a User or Group of the same tenant, and a
   * group that would contain itself.
   */
  public boolean checkMemberReferences() {
    return checkMemberReferences;
  }

  /**
   * Answer a group PATCH with 204 and no body (what Microsoft Entra ID recommends, to avoid sending
   * back large member lists) instead of 200 with the group.
   */
  public boolean groupPatchReturnsNoContent() {
    return groupPatchReturnsNoContent;
  }

  /**
   * The public URL of the SCIM root for {@code meta.location} when the adapter cannot tell (e.g.
   * behind a proxy), or null.
   */
  public @Nullable String baseUrl() {
    return baseUrl;
  }

  /** How long a pagination cursor stays valid. */
  public Duration cursorTimeout() {
    return cursorTimeout;
  }

  /**
   * A copy of the key that signs pagination cursors so that they cannot be forged or used by
   * another tenant, or null: random per server (cursors then do not survive a restart).
   */
  public byte @Nullable [] cursorSecret() {
    return cursorSecret == null ? null : cursorSecret.clone();
  }

  /**
   * How long an HTTP adapter waits for a request's headers and body (10 s by default); a client
   * slower than that has its connection closed. Enforced by {@link
   * dev.scimsync.server.jdkhttp.JdkHttpServerAdapter}; a servlet container uses its own timeouts.
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * How long an HTTP adapter spends sending one response (30 s by default); a client that does
   * not read it in time has its connection closed. Enforced by {@link
   * dev.scimsync.server.jdkhttp.JdkHttpServerAdapter}.
   */
  public Duration responseTimeout() {
    return responseTimeout;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerOptions x
        && maxBodyBytes == x.maxBodyBytes && maxFilterLength == x.maxFilterLength
        && maxFilterDepth == x.maxFilterDepth && defaultPageSize == x.defaultPageSize
        && maxPageSize == x.maxPageSize && maxBulkOperations == x.maxBulkOperations
        && maxBulkPayloadBytes == x.maxBulkPayloadBytes && maxPatchOperations == x.maxPatchOperations
        && inMemoryFilterCap == x.inMemoryFilterCap && maxProjectionPaths == x.maxProjectionPaths
        && Double.compare(requestsPerSecond, x.requestsPerSecond) == 0 && burst == x.burst
        && maxConcurrentRequestsPerTenant == x.maxConcurrentRequestsPerTenant
        && Double.compare(failedAuthPerSecond, x.failedAuthPerSecond) == 0 && failedAuthBurst == x.failedAuthBurst
        && authenticateDiscovery == x.authenticateDiscovery && checkMemberReferences == x.checkMemberReferences
        && groupPatchReturnsNoContent == x.groupPatchReturnsNoContent && Objects.equals(baseUrl, x.baseUrl)
        && cursorTimeout.equals(x.cursorTimeout) && Arrays.equals(cursorSecret, x.cursorSecret)
        && requestTimeout.equals(x.requestTimeout) && responseTimeout.equals(x.responseTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxBodyBytes, maxFilterLength, maxFilterDepth, defaultPageSize, maxPageSize,
        maxBulkOperations, maxBulkPayloadBytes, maxPatchOperations, inMemoryFilterCap, maxProjectionPaths,
        requestsPerSecond, burst, maxConcurrentRequestsPerTenant, failedAuthPerSecond, failedAuthBurst,
        authenticateDiscovery, checkMemberReferences, groupPatchReturnsNoContent, baseUrl, cursorTimeout,
        Arrays.hashCode(cursorSecret), requestTimeout, responseTimeout);
  }

  /** The options, without the cursor key. */
  @Override
  public String toString() {
    return "ServerOptions[maxBodyBytes=" + maxBodyBytes + ", maxPageSize=" + maxPageSize + ", maxBulkOperations="
        + maxBulkOperations + ", maxProjectionPaths=" + maxProjectionPaths + ", requestsPerSecond="
        + requestsPerSecond + ", burst=" + burst + ", maxConcurrentRequestsPerTenant="
        + maxConcurrentRequestsPerTenant + ", failedAuthPerSecond=" + failedAuthPerSecond + ", requestTimeout="
        + requestTimeout + ", responseTimeout=" + responseTimeout + ", cursorSecret="
        + (cursorSecret == null ? "random" : "set") + ", ...]";
  }

  /** Builds {@link ServerOptions}; every setting starts at its default. */
  public static final class Builder {
    private int maxBodyBytes = 1 << 20;
    private int maxFilterLength = 4096;
    private int maxFilterDepth = 16;
    private int defaultPageSize = 100;
    private int maxPageSize = 1000;
    private int maxBulkOperations = 1000;
    private int maxBulkPayloadBytes = 4 << 20;
    private int maxPatchOperations = 1000;
    private int inMemoryFilterCap = 10_000;
    private int maxProjectionPaths = 200;
    private double requestsPerSecond = 100;
    private int burst = 200;
    private int maxConcurrentRequestsPerTenant = 8;
    private double failedAuthPerSecond = 1;
    private int failedAuthBurst = 20;
    private boolean authenticateDiscovery = true;
    private boolean checkMemberReferences = true;
    private boolean groupPatchReturnsNoContent = true;
    private @Nullable String baseUrl;
    private Duration cursorTimeout = Duration.ofHours(1);
    private byte @Nullable [] cursorSecret;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** See {@link ServerOptions#maxBodyBytes()}. */
    public Builder maxBodyBytes(int v) {
      maxBodyBytes = v;
      return this;
    }

    /** See {@link ServerOptions#maxFilterLength()}. */
    public Builder maxFilterLength(int v) {
      maxFilterLength = v;
      return this;
    }

    /** See {@link ServerOptions#maxFilterDepth()}. */
    public Builder maxFilterDepth(int v) {
      maxFilterDepth = v;
      return this;
    }

    /** See {@link ServerOptions#defaultPageSize()}. */
    public Builder defaultPageSize(int v) {
      defaultPageSize = v;
      return this;
    }

    /** See {@link ServerOptions#maxPageSize()}. */
    public Builder maxPageSize(int v) {
      maxPageSize = v;
      return this;
    }

    /** See {@link ServerOptions#maxBulkOperations()}. */
    public Builder maxBulkOperations(int v) {
      maxBulkOperations = v;
      return this;
    }

    /** See {@link ServerOptions#maxBulkPayloadBytes()}. */
    public Builder maxBulkPayloadBytes(int v) {
      maxBulkPayloadBytes = v;
      return this;
    }

    /** See {@link ServerOptions#maxPatchOperations()}. */
    public Builder maxPatchOperations(int v) {
      maxPatchOperations = v;
      return this;
    }

    /** See {@link ServerOptions#inMemoryFilterCap()}. */
    public Builder inMemoryFilterCap(int v) {
      inMemoryFilterCap = v;
      return this;
    }

    /** See {@link ServerOptions#maxProjectionPaths()}. */
    public Builder maxProjectionPaths(int v) {
      maxProjectionPaths = v;
      return this;
    }

    /** See {@link ServerOptions#requestsPerSecond()} and {@link ServerOptions#burst()}; 0 turns limiting off. */
    public Builder rateLimit(double perSecond, int burstSize) {
      requestsPerSecond = perSecond;
      burst = burstSize;
      return this;
    }

    /** See {@link ServerOptions#maxConcurrentRequestsPerTenant()}; 0 turns the cap off. */
    public Builder maxConcurrentRequestsPerTenant(int v) {
      maxConcurrentRequestsPerTenant = v;
      return this;
    }

    /**
     * See {@link ServerOptions#failedAuthPerSecond()} and {@link ServerOptions#failedAuthBurst()};
     * 0 turns the limit off.
     */
    public Builder failedAuthLimit(double perSecond, int burstSize) {
      failedAuthPerSecond = perSecond;
      failedAuthBurst = burstSize;
      return this;
    }

    /** See {@link ServerOptions#authenticateDiscovery()}. */
    public Builder authenticateDiscovery(boolean v) {
      authenticateDiscovery = v;
      return this;
    }

    /** See {@link ServerOptions#checkMemberReferences()}. */
    public Builder checkMemberReferences(boolean v) {
      checkMemberReferences = v;
      return this;
    }

    /** See {@link ServerOptions#groupPatchReturnsNoContent()}. */
    public Builder groupPatchReturnsNoContent(boolean v) {
      groupPatchReturnsNoContent = v;
      return this;
    }

    /** See {@link ServerOptions#baseUrl()}. */
    public Builder baseUrl(@Nullable String v) {
      baseUrl = v;
      return this;
    }

    /** See {@link ServerOptions#cursorTimeout()}. */
    public Builder cursorTimeout(Duration v) {
      cursorTimeout = v;
      return this;
    }

    /** See {@link ServerOptions#cursorSecret()}; at least 32 bytes, copied. */
    public Builder cursorSecret(byte @Nullable [] v) {
      if (v != null && v.length < 32) {
        throw new IllegalArgumentException("cursorSecret needs at least 32 bytes");
      }
      cursorSecret = v == null ? null : v.clone();
      return this;
    }

    /** See {@link ServerOptions#requestTimeout()}. */
    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    /** See {@link ServerOptions#responseTimeout()}. */
    public Builder responseTimeout(Duration v) {
      responseTimeout = v;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException when a limit is out of range
     */
    public ServerOptions build() {
      return new ServerOptions(this);
    }
  }
}
