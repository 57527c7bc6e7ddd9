package dev.scimsync.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and behaviour of a {@link ScimServer}, with safe defaults. Immutable; build with {@link
 * #builder()}. Every limit is enforced with a clear SCIM error, never a hang or a 500.
 *
 * @param maxBodyBytes largest request body accepted outside {@code /Bulk} (413 beyond)
 * @param maxFilterLength longest filter accepted, in characters (400 invalidFilter beyond)
 * @param maxFilterDepth deepest filter nesting accepted (400 invalidFilter beyond)
 * @param defaultPageSize results per page when {@code count} is not given
 * @param maxPageSize the most results per page; a larger {@code count} is lowered to it
 * @param maxBulkOperations most operations in one bulk request (413 beyond, RFC 7644 §3.7.4)
 * @param maxBulkPayloadBytes largest bulk request body (413 beyond)
 * @param maxPatchOperations most operations in one PATCH request (400 beyond)
 * @param inMemoryFilterCap most candidate resources the server filters in memory for a store that
 *     cannot evaluate a filter itself (400 tooMany beyond)
 * @param requestsPerSecond sustained requests per second allowed per tenant (0 for no limit); the
 *     excess gets 429 with {@code Retry-After}
 * @param burst requests a tenant may make at once above the sustained rate
 * @param authenticateDiscovery whether {@code /ServiceProviderConfig}, {@code /ResourceTypes} and
 *     {@code /Schemas} need credentials (RFC 7644 §4 allows them to be public)
 * @param checkMemberReferences reject (400 invalidValue) group members that are not a User or
 *     Group of the same tenant, and a group that would contain itself
 * @param groupPatchReturnsNoContent answer a group PATCH with 204 and no body (what Microsoft Entra
 *     ID recommends, to avoid sending back large member lists) instead of 200 with the group
 * @param baseUrl the public URL of the SCIM root for {@code meta.location} when the adapter cannot
 *     tell (e.g. behind a proxy), or null
 * @param cursorTimeout how long a pagination cursor stays valid
 * @param cursorSecret key that signs pagination cursors so that they cannot be forged or used by
 *     another tenant; random per server when null (cursors then do not survive a restart)
 */
public record ServerOptions(
    int maxBodyBytes,
    int maxFilterLength,
    int maxFilterDepth,
    int defaultPageSize,
    int maxPageSize,
    int maxBulkOperations,
    int maxBulkPayloadBytes,
    int maxPatchOperations,
    int inMemoryFilterCap,
    double requestsPerSecond,
    int burst,
    boolean authenticateDiscovery,
    boolean checkMemberReferences,
    boolean groupPatchReturnsNoContent,
    String baseUrl,
    Duration cursorTimeout,
    byte[] cursorSecret) {

  /** Checks the ranges. */
  public ServerOptions {
    positive(maxBodyBytes, "maxBodyBytes");
    positive(maxFilterLength, "maxFilterLength");
    positive(maxFilterDepth, "maxFilterDepth");
    positive(defaultPageSize, "defaultPageSize");
    positive(maxPageSize, "maxPageSize");
    positive(maxBulkOperations, "maxBulkOperations");
    positive(maxBulkPayloadBytes, "maxBulkPayloadBytes");
    positive(maxPatchOperations, "maxPatchOperations");
    positive(inMemoryFilterCap, "inMemoryFilterCap");
    if (requestsPerSecond < 0 || burst < 0) {
      throw new IllegalArgumentException("rate limits cannot be negative");
    }
    if (defaultPageSize > maxPageSize) {
      throw new IllegalArgumentException("defaultPageSize exceeds maxPageSize");
    }
    Objects.requireNonNull(cursorTimeout, "cursorTimeout");
    cursorSecret = cursorSecret == null ? null : cursorSecret.clone();
  }

  /** A copy of the cursor key, or null. */
  @Override
  public byte[] cursorSecret() {
    return cursorSecret == null ? null : cursorSecret.clone();
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** The defaults. */
  public static ServerOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ServerOptions}. */
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
    private double requestsPerSecond = 100;
    private int burst = 200;
    private boolean authenticateDiscovery = true;
    private boolean checkMemberReferences = true;
    private boolean groupPatchReturnsNoContent = true;
    private String baseUrl;
    private Duration cursorTimeout = Duration.ofHours(1);
    private byte[] cursorSecret;

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

    /** See {@link ServerOptions#requestsPerSecond()} and {@link ServerOptions#burst()}; 0 turns limiting off. */
    public Builder rateLimit(double perSecond, int burstSize) {
      requestsPerSecond = perSecond;
      burst = burstSize;
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
    public Builder baseUrl(String v) {
      baseUrl = v;
      return this;
    }

    /** See {@link ServerOptions#cursorTimeout()}. */
    public Builder cursorTimeout(Duration v) {
      cursorTimeout = v;
      return this;
    }

    /** See {@link ServerOptions#cursorSecret()}; at least 32 bytes. */
    public Builder cursorSecret(byte[] v) {
      if (v != null && v.length < 32) {
        throw new IllegalArgumentException("cursorSecret needs at least 32 bytes");
      }
      cursorSecret = v == null ? null : v.clone();
      return this;
    }

    /** The options. */
    public ServerOptions build() {
      return new ServerOptions(maxBodyBytes, maxFilterLength, maxFilterDepth, defaultPageSize, maxPageSize,
          maxBulkOperations, maxBulkPayloadBytes, maxPatchOperations, inMemoryFilterCap, requestsPerSecond, burst,
          authenticateDiscovery, checkMemberReferences, groupPatchReturnsNoContent, baseUrl, cursorTimeout,
          cursorSecret);
    }
  }
}
