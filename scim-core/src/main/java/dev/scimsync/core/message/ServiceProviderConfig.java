package dev.scimsync.core.message;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.filter.internal.JsonNodes;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a service provider says it supports (RFC 7643 §5, with the RFC 9865 {@code pagination}
 * object). Immutable; build with {@link #builder()} or read with {@link #fromJson}, which is
 * tolerant: attribute names in any case, booleans and numbers also as strings, odd shapes read as
 * the defaults. A feature the document does not mention takes the default a client acts on: PATCH
 * and filtering are assumed supported; bulk, sorting, ETags, password change and cursors are not.
 * Numeric limits are 0 when not stated.
 */
public final class ServiceProviderConfig {

  private final boolean patchSupported;
  private final boolean bulkSupported;
  private final int bulkMaxOperations;
  private final long bulkMaxPayloadSize;
  private final boolean filterSupported;
  private final int filterMaxResults;
  private final boolean sortSupported;
  private final boolean etagSupported;
  private final boolean changePasswordSupported;
  private final boolean paginationStated;
  private final boolean cursorPaginationSupported;
  private final boolean indexPaginationSupported;
  private final int defaultPageSize;
  private final int maxPageSize;
  private final boolean known;

  private ServiceProviderConfig(Builder b) {
    this.patchSupported = b.patchSupported;
    this.bulkSupported = b.bulkSupported;
    this.bulkMaxOperations = b.bulkMaxOperations;
    this.bulkMaxPayloadSize = b.bulkMaxPayloadSize;
    this.filterSupported = b.filterSupported;
    this.filterMaxResults = b.filterMaxResults;
    this.sortSupported = b.sortSupported;
    this.etagSupported = b.etagSupported;
    this.changePasswordSupported = b.changePasswordSupported;
    this.paginationStated = b.paginationStated;
    this.cursorPaginationSupported = b.cursorPaginationSupported;
    this.indexPaginationSupported = b.indexPaginationSupported;
    this.defaultPageSize = b.defaultPageSize;
    this.maxPageSize = b.maxPageSize;
    this.known = b.known;
  }

  /** A builder starting from the defaults of a document that states nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults used when the server has no {@code /ServiceProviderConfig}; {@link #known()} is false. */
  public static ServiceProviderConfig unknown() {
    return builder().known(false).build();
  }

  /** Reads the document; never throws for odd shapes, which fall back to the defaults. */
  public static ServiceProviderConfig fromJson(@Nullable JsonNode json) {
    if (json == null || !json.isObject()) {
      return unknown();
    }
    JsonNode bulk = get(json, "bulk");
    JsonNode filter = get(json, "filter");
    JsonNode pagination = get(json, "pagination");
    Builder b = builder()
        .patchSupported(bool(get(get(json, "patch"), "supported"), true))
        .bulk(bool(get(bulk, "supported"), false), (int) number(get(bulk, "maxOperations")),
            number(get(bulk, "maxPayloadSize")))
        .filter(bool(get(filter, "supported"), true), (int) number(get(filter, "maxResults")))
        .sortSupported(bool(get(get(json, "sort"), "supported"), false))
        .etagSupported(bool(get(get(json, "etag"), "supported"), false))
        .changePasswordSupported(bool(get(get(json, "changePassword"), "supported"), false));
    if (pagination != null && pagination.isObject()) {
      b.pagination(bool(get(pagination, "cursor"), false), bool(get(pagination, "index"), true),
          (int) number(get(pagination, "defaultPageSize")), (int) number(get(pagination, "maxPageSize")));
    }
    return b.build();
  }

  /** Reads the document from JSON text; see {@link #fromJson}. */
  public static ServiceProviderConfig parse(String json) {
    return fromJson(ScimJson.parse(json));
  }

  /** {@code patch.supported}. */
  public boolean patchSupported() {
    return patchSupported;
  }

  /** {@code bulk.supported}. */
  public boolean bulkSupported() {
    return bulkSupported;
  }

  /** {@code bulk.maxOperations}, or 0 when not stated. */
  public int bulkMaxOperations() {
    return bulkMaxOperations;
  }

  /** {@code bulk.maxPayloadSize} in bytes, or 0 when not stated. */
  public long bulkMaxPayloadSize() {
    return bulkMaxPayloadSize;
  }

  /** {@code filter.supported}. */
  public boolean filterSupported() {
    return filterSupported;
  }

  /** {@code filter.maxResults}, or 0 when not stated. */
  public int filterMaxResults() {
    return filterMaxResults;
  }

  /** {@code sort.supported}. */
  public boolean sortSupported() {
    return sortSupported;
  }

  /** {@code etag.supported}. */
  public boolean etagSupported() {
    return etagSupported;
  }

  /** {@code changePassword.supported}. */
  public boolean changePasswordSupported() {
    return changePasswordSupported;
  }

  /** Whether the document has an RFC 9865 {@code pagination} object at all. */
  public boolean paginationStated() {
    return paginationStated;
  }

  /** {@code pagination.cursor} (RFC 9865); false when not stated. */
  public boolean cursorPaginationSupported() {
    return cursorPaginationSupported;
  }

  /** {@code pagination.index} (RFC 9865); true when not stated, as RFC 7644 index paging is the base. */
  public boolean indexPaginationSupported() {
    return indexPaginationSupported;
  }

  /** {@code pagination.defaultPageSize}, or 0 when not stated. */
  public int defaultPageSize() {
    return defaultPageSize;
  }

  /** {@code pagination.maxPageSize}, or 0 when not stated. */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** False when the server offered no usable document and every value is a default. */
  public boolean known() {
    return known;
  }

  /** The RFC 7643 §5 document (without {@code meta} and authentication schemes). */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(CoreSchemas.SERVICE_PROVIDER_CONFIG_URN);
    o.putObject("patch").put("supported", patchSupported);
    o.putObject("bulk").put("supported", bulkSupported).put("maxOperations", bulkMaxOperations)
        .put("maxPayloadSize", bulkMaxPayloadSize);
    o.putObject("filter").put("supported", filterSupported).put("maxResults", filterMaxResults);
    o.putObject("changePassword").put("supported", changePasswordSupported);
    o.putObject("sort").put("supported", sortSupported);
    o.putObject("etag").put("supported", etagSupported);
    if (paginationStated) {
      ObjectNode p = o.putObject("pagination").put("cursor", cursorPaginationSupported)
          .put("index", indexPaginationSupported);
      if (defaultPageSize > 0) {
        p.put("defaultPageSize", defaultPageSize);
      }
      if (maxPageSize > 0) {
        p.put("maxPageSize", maxPageSize);
      }
    }
    return o;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ServiceProviderConfig c && c.toJson().equals(toJson()) && c.known == known;
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "ServiceProviderConfig" + toJson() + (known ? "" : " (unknown)");
  }

  /** Case-insensitive member of an object (RFC 7643 §2.1); null when absent or not an object. */
  private static @Nullable JsonNode get(@Nullable JsonNode o, String name) {
    return o == null || !o.isObject() ? null : JsonNodes.get(o, name);
  }

  private static boolean bool(@Nullable JsonNode n, boolean dflt) {
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isString()) {
      String s = n.stringValue().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true")) {
        return true;
      }
      if (s.equals("false")) {
        return false;
      }
    }
    return dflt;
  }

  private static long number(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (n.isNumber()) {
      return Math.max(0, n.asLong());
    }
    if (n.isString()) {
      try {
        return Math.max(0, Long.parseLong(n.stringValue().trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** Builds {@link ServiceProviderConfig}s; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private boolean patchSupported = true;
    private boolean bulkSupported;
    private int bulkMaxOperations;
    private long bulkMaxPayloadSize;
    private boolean filterSupported = true;
    private int filterMaxResults;
    private boolean sortSupported;
    private boolean etagSupported;
    private boolean changePasswordSupported;
    private boolean paginationStated;
    private boolean cursorPaginationSupported;
    private boolean indexPaginationSupported = true;
    private int defaultPageSize;
    private int maxPageSize;
    private boolean known = true;

    private Builder() {}

    /** {@code patch.supported} (default true). */
    public Builder patchSupported(boolean b) {
      this.patchSupported = b;
      return this;
    }

    /** {@code bulk}: supported, maxOperations and maxPayloadSize (0 for not stated). */
    public Builder bulk(boolean supported, int maxOperations, long maxPayloadSize) {
      this.bulkSupported = supported;
      this.bulkMaxOperations = Math.max(0, maxOperations);
      this.bulkMaxPayloadSize = Math.max(0, maxPayloadSize);
      return this;
    }

    /** {@code filter}: supported and maxResults (0 for not stated). */
    public Builder filter(boolean supported, int maxResults) {
      this.filterSupported = supported;
      this.filterMaxResults = Math.max(0, maxResults);
      return this;
    }

    /** {@code sort.supported} (default false). */
    public Builder sortSupported(boolean b) {
      this.sortSupported = b;
      return this;
    }

    /** {@code etag.supported} (default false). */
    public Builder etagSupported(boolean b) {
      this.etagSupported = b;
      return this;
    }

    /** {@code changePassword.supported} (default false). */
    public Builder changePasswordSupported(boolean b) {
      this.changePasswordSupported = b;
      return this;
    }

    /** The RFC 9865 {@code pagination} object; page sizes 0 for not stated. */
    public Builder pagination(boolean cursor, boolean index, int defaultPageSize, int maxPageSize) {
      this.paginationStated = true;
      this.cursorPaginationSupported = cursor;
      this.indexPaginationSupported = index;
      this.defaultPageSize = Math.max(0, defaultPageSize);
      this.maxPageSize = Math.max(0, maxPageSize);
      return this;
    }

    /** Whether the values come from a document (default true). */
    public Builder known(boolean b) {
      this.known = b;
      return this;
    }

    /** The configuration. */
    public ServiceProviderConfig build() {
      return new ServiceProviderConfig(this);
    }
  }
}
