package dev.scimsync.client.auth;

import dev.scimsync.client.TimeSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): the token URL, client id and secret, and optional
 * scope. Immutable configuration; a {@link dev.scimsync.client.ScimClient} binds it to a token
 * cache that fetches a token on first use, reuses it, refreshes it when less than {@link
 * #refreshBefore()} of its lifetime is left (or when the server answers 401), and lets only one
 * thread fetch at a time while the others wait for its result.
 *
 * <p>Neither the secret nor any token appears in {@link #toString()}, logs or exception messages.
 */
public final class OAuthClientCredentials implements TokenSource {

  /** How the client authenticates at the token endpoint. */
  public enum ClientAuthentication {
    /** HTTP Basic with client id and secret ({@code client_secret_basic}, the RFC 6749 default). */
    BASIC,
    /** {@code client_id} and {@code client_secret} in the form body ({@code client_secret_post}). */
    POST
  }

  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final @Nullable String scope;
  private final Duration refreshBefore;
  private final ClientAuthentication clientAuthentication;
  private final Map<String, String> extraParameters;

  private OAuthClientCredentials(Builder b) {
    this.tokenUrl = Objects.requireNonNull(b.tokenUrl, "tokenUrl");
    this.clientId = Objects.requireNonNull(b.clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(b.clientSecret, "clientSecret");
    this.scope = b.scope;
    this.refreshBefore = b.refreshBefore;
    this.clientAuthentication = b.clientAuthentication;
    this.extraParameters = Map.copyOf(b.extraParameters);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The token endpoint. */
  public HttpUrl tokenUrl() {
    return tokenUrl;
  }

  /** The client id. */
  public String clientId() {
    return clientId;
  }

  /** The client secret; handle with care. */
  public String clientSecret() {
    return clientSecret;
  }

  /** The requested scope, or null. */
  public @Nullable String scope() {
    return scope;
  }

  /** How long before expiry a token is refreshed; default 60 s. */
  public Duration refreshBefore() {
    return refreshBefore;
  }

  /** How the client authenticates at the token endpoint; default {@link ClientAuthentication#BASIC}. */
  public ClientAuthentication clientAuthentication() {
    return clientAuthentication;
  }

  /** Further form parameters sent to the token endpoint, e.g. {@code audience} or {@code resource}. */
  public Map<String, String> extraParameters() {
    return extraParameters;
  }

  /**
   * Not usable before binding: use through a {@link dev.scimsync.client.ScimClient}, or call
   * {@link #bind} and use the returned source.
   *
   * @throws IllegalStateException always
   */
  @Override
  public String token() {
    throw new IllegalStateException("OAuthClientCredentials must be bound to an HTTP client first (bind(...))");
  }

  /** A token cache for these credentials that fetches tokens with {@code http}. */
  @Override
  public TokenSource bind(OkHttpClient http, TimeSource time) {
    return new OAuthTokenCache(this, http, time);
  }

  /** Masked: shows the token URL and client id, never the secret. */
  @Override
  public String toString() {
    return "OAuthClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=****"
        + (scope == null ? "" : ", scope=" + scope) + "]";
  }

  /** Builds {@link OAuthClientCredentials}. */
  public static final class Builder {
    private @Nullable HttpUrl tokenUrl;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable String scope;
    private Duration refreshBefore = Duration.ofSeconds(60);
    private ClientAuthentication clientAuthentication = ClientAuthentication.BASIC;
    private final Map<String, String> extraParameters = new LinkedHashMap<>();

    private Builder() {}

    /** The token endpoint URL (required). */
    public Builder tokenUrl(String url) {
      this.tokenUrl = HttpUrl.get(url);
      return this;
    }

    /** The token endpoint URL (required). */
    public Builder tokenUrl(HttpUrl url) {
      this.tokenUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The client id (required). */
    public Builder clientId(String id) {
      this.clientId = id;
      return this;
    }

    /** The client secret (required). */
    public Builder clientSecret(String secret) {
      this.clientSecret = secret;
      return this;
    }

    /** The scope to request, or null for the server's default. */
    public Builder scope(@Nullable String scope) {
      this.scope = scope;
      return this;
    }

    /** Refresh a token when less than this is left of its lifetime; default 60 s. */
    public Builder refreshBefore(Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("refreshBefore must not be negative");
      }
      this.refreshBefore = d;
      return this;
    }

    /** How to authenticate at the token endpoint; default {@link ClientAuthentication#BASIC}. */
    public Builder clientAuthentication(ClientAuthentication a) {
      this.clientAuthentication = Objects.requireNonNull(a, "clientAuthentication");
      return this;
    }

    /** Adds a form parameter sent to the token endpoint, e.g. {@code audience}. */
    public Builder parameter(String name, String value) {
      extraParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The credentials; token URL, client id and secret are required. */
    public OAuthClientCredentials build() {
      return new OAuthClientCredentials(this);
    }
  }
}
