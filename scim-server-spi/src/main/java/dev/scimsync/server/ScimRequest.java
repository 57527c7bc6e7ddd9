package dev.scimsync.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as the {@link ScimServer} sees it, independent of any web framework: method,
 * path below the mount point, raw query string, headers and body. Adapters build one per request.
 *
 * <p>The path is what follows the point where the server is mounted, e.g. {@code /Users/2819c223}
 * or, for a tenant mounted by URL, {@code /tenants/acme/scim/v2/Users}. The body stream is read
 * by the server at most once, and no further than the configured size limit.
 */
public final class ScimRequest {

  private final String method;
  private final String path;
  private final @Nullable String rawQuery;
  private final Map<String, List<String>> headers;
  private final InputStream body;
  private final @Nullable String baseUrl;
  private final @Nullable String remoteAddress;

  private ScimRequest(Builder b) {
    this.method = b.method.toUpperCase(Locale.ROOT);
    this.path = b.path;
    this.rawQuery = b.rawQuery;
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(h);
    this.body = b.body == null ? InputStream.nullInputStream() : b.body;
    this.baseUrl = b.baseUrl;
    this.remoteAddress = b.remoteAddress;
  }

  /** A builder for a request with {@code method} and {@code path}. */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** The HTTP method in upper case. */
  public String method() {
    return method;
  }

  /** The path below the mount point, starting with '/', not decoded. */
  public String path() {
    return path;
  }

  /** The raw (still percent-encoded) query string without '?', or null. */
  public @Nullable String rawQuery() {
    return rawQuery;
  }

  /** The first value of header {@code name} (any case), or null. */
  public @Nullable String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** All headers, names case-insensitive. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The body; empty when there is none. */
  public InputStream body() {
    return body;
  }

  /**
   * The public URL under which this request's SCIM root is reachable (e.g. {@code
   * https://app.example.com/scim/v2}), used for {@code meta.location} and {@code Location}; null
   * when the adapter cannot tell, in which case the server's configured base URL is used.
   */
  public @Nullable String baseUrl() {
    return baseUrl;
  }

  /** The client's address for logs, or null. */
  public @Nullable String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public String toString() {
    return method + " " + path + (rawQuery == null ? "" : "?" + rawQuery);
  }

  /** Builds a {@link ScimRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private @Nullable String rawQuery;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private @Nullable InputStream body;
    private @Nullable String baseUrl;
    private @Nullable String remoteAddress;

    private Builder(String method, String path) {
      this.method = Objects.requireNonNull(method, "method");
      this.path = Objects.requireNonNull(path, "path");
    }

    /** The raw query string without '?'. */
    public Builder query(@Nullable String rawQuery) {
      this.rawQuery = rawQuery;
      return this;
    }

    /** Adds a header value. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** The body as a stream; the server reads it at most once. */
    public Builder body(@Nullable InputStream body) {
      this.body = body;
      return this;
    }

    /** The body as UTF-8 text. */
    public Builder body(@Nullable String json) {
      this.body = json == null ? null : new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** The public base URL of the SCIM root for this request. */
    public Builder baseUrl(@Nullable String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The client's address, for logs. */
    public Builder remoteAddress(@Nullable String remoteAddress) {
      this.remoteAddress = remoteAddress;
      return this;
    }

    /** The request. */
    public ScimRequest build() {
      return new ScimRequest(this);
    }
  }
}
