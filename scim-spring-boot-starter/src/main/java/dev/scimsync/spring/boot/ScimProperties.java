package dev.scimsync.spring.boot;

import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.TenantSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code scim.*} properties of the starter.
 *
 * @param enabled whether the SCIM endpoint is configured at all
 * @param basePath where the SCIM servlet is mounted; the application's other paths are left alone
 * @param publicBaseUrl the public URL of the SCIM root (e.g. {@code https://app.example.com/scim/v2})
 *     for {@code meta.location} behind a proxy; taken from each request when not set
 * @param auth how requests are authenticated
 * @param tenants the tenants by id: their tokens and their identity provider's tolerance profile
 * @param limits request limits; a limit not set keeps the server's default
 * @param sync scheduled directory sync (with scim-sync on the class path and SyncEngine beans)
 */
@ConfigurationProperties("scim")
public record ScimProperties(@DefaultValue("true") boolean enabled, @DefaultValue("/scim/v2") String basePath,
    @Nullable String publicBaseUrl, @DefaultValue Auth auth, @Nullable Map<String, Tenant> tenants,
    @DefaultValue Limits limits, @DefaultValue Sync sync) {

  /** Normalises the base path to a leading slash and no trailing one, and absent tenants to none. */
  public ScimProperties {
    String p = basePath.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      throw new IllegalArgumentException("scim.base-path must not be the root: the SCIM endpoint lives under a"
          + " prefix so that the application's own paths stay its own");
    }
    basePath = p.startsWith("/") ? p : "/" + p;
    tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
  }

  /** The tenants by id, never null. */
  @Override
  public Map<String, Tenant> tenants() {
    return tenants == null ? Map.of() : tenants;
  }

  /** How requests are authenticated. */
  public enum AuthMode {
    /** Bearer tokens configured per tenant under {@code scim.tenants.ID.tokens} (the default). */
    TOKENS,
    /**
     * Spring Security authenticates on a filter chain scoped to the SCIM path; a {@link
     * ScimPrincipalMapper} bean (or {@code scim.auth.tenant}) says which tenant the caller is.
     */
    SPRING_SECURITY
  }

  /**
   * Authentication.
   *
   * @param mode tokens (the default) or spring-security
   * @param tenant with spring-security and no {@link ScimPrincipalMapper} bean: the tenant of every
   *     authenticated caller
   */
  public record Auth(@DefaultValue("tokens") AuthMode mode, @DefaultValue("default") String tenant) {}

  /** An identity provider's tolerance profile (what the reader accepts besides strict RFC 7643/7644). */
  public enum ToleranceProfile {
    /** {@link Tolerance#strict()}. */
    STRICT,
    /** {@link Tolerance#entra()}. */
    ENTRA,
    /** {@link Tolerance#okta()}. */
    OKTA,
    /** {@link Tolerance#lenient()}, the default. */
    LENIENT;

    /** The tolerance of this profile. */
    public Tolerance tolerance() {
      return switch (this) {
        case STRICT -> Tolerance.strict();
        case ENTRA -> Tolerance.entra();
        case OKTA -> Tolerance.okta();
        case LENIENT -> Tolerance.lenient();
      };
    }
  }

  /**
   * One tenant.
   *
   * @param tokens the bearer tokens accepted for it (several, e.g. one per IdP or during rotation)
   * @param tolerance its identity provider's profile
   * @param hideInactiveUsers answer 404 for users with active false and leave them out of searches
   */
  public record Tenant(@Nullable List<Token> tokens, @DefaultValue("lenient") ToleranceProfile tolerance,
      @DefaultValue("false") boolean hideInactiveUsers) {

    /** Absent tokens are none. */
    public Tenant {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** The tokens, never null. */
    @Override
    public List<Token> tokens() {
      return tokens == null ? List.of() : tokens;
    }

    /** The server's settings for this tenant. */
    public TenantSettings settings() {
      return new TenantSettings(tolerance.tolerance(), hideInactiveUsers);
    }
  }

  /**
   * One accepted bearer token, given by its SHA-256 (preferred: the token itself need not be in the
   * configuration) or, e.g. from an environment variable, by its value. Never printed.
   *
   * @param label a name for logs and audit (the subject of the principal)
   * @param sha256 the SHA-256 of the token in hex
   * @param value the token itself
   */
  public record Token(@Nullable String label, @Nullable String sha256, @Nullable String value) {

    /** Requires exactly one of the hash and the value. */
    public Token {
      boolean hash = sha256 != null && !sha256.isBlank();
      boolean plain = value != null && !value.isBlank();
      if (hash == plain) {
        throw new IllegalArgumentException("a scim token needs exactly one of sha256 and value"
            + (label == null ? "" : " (token " + label + ")"));
      }
    }

    /** Label only: the hash and the value are secrets. */
    @Override
    public String toString() {
      return "Token[label=" + label + "]";
    }
  }

  /**
   * Request limits; each one not set keeps the server's default (see {@link ServerOptions}).
   *
   * @param maxBodyBytes largest request body outside /Bulk
   * @param maxFilterLength longest filter, in characters
   * @param defaultPageSize results per page when count is not given
   * @param maxPageSize most results per page
   * @param maxBulkOperations most operations in one bulk request
   * @param maxBulkPayloadBytes largest bulk request body
   * @param maxPatchOperations most operations in one PATCH
   * @param requestsPerSecond sustained requests per second per tenant (0: no rate limit)
   * @param burst requests a tenant may make at once above the sustained rate
   * @param maxConcurrentRequestsPerTenant requests in flight per tenant (0: no cap)
   * @param failedAuthPerSecond sustained failed authentications per second per client address (0: no limit)
   * @param failedAuthBurst failed authentications at once above that rate
   * @param requestTimeout how long one request may take
   * @param authenticateDiscovery whether the discovery endpoints need credentials
   */
  public record Limits(@Nullable Integer maxBodyBytes, @Nullable Integer maxFilterLength,
      @Nullable Integer defaultPageSize, @Nullable Integer maxPageSize, @Nullable Integer maxBulkOperations,
      @Nullable Integer maxBulkPayloadBytes, @Nullable Integer maxPatchOperations,
      @Nullable Double requestsPerSecond, @Nullable Integer burst,
      @Nullable Integer maxConcurrentRequestsPerTenant, @Nullable Double failedAuthPerSecond,
      @Nullable Integer failedAuthBurst, @Nullable Duration requestTimeout, @Nullable Boolean authenticateDiscovery) {

    /** The server options: the defaults with the limits that are set. */
    public ServerOptions toOptions(@Nullable String publicBaseUrl) {
      ServerOptions d = ServerOptions.defaults();
      ServerOptions.Builder b = d.toBuilder();
      ifSet(maxBodyBytes, b::maxBodyBytes);
      ifSet(maxFilterLength, b::maxFilterLength);
      ifSet(defaultPageSize, b::defaultPageSize);
      ifSet(maxPageSize, b::maxPageSize);
      ifSet(maxBulkOperations, b::maxBulkOperations);
      ifSet(maxBulkPayloadBytes, b::maxBulkPayloadBytes);
      ifSet(maxPatchOperations, b::maxPatchOperations);
      if (requestsPerSecond != null || burst != null) {
        b.rateLimit(requestsPerSecond != null ? requestsPerSecond : d.requestsPerSecond(),
            burst != null ? burst : d.burst());
      }
      ifSet(maxConcurrentRequestsPerTenant, b::maxConcurrentRequestsPerTenant);
      if (failedAuthPerSecond != null || failedAuthBurst != null) {
        b.failedAuthLimit(failedAuthPerSecond != null ? failedAuthPerSecond : d.failedAuthPerSecond(),
            failedAuthBurst != null ? failedAuthBurst : d.failedAuthBurst());
      }
      ifSet(requestTimeout, b::requestTimeout);
      ifSet(authenticateDiscovery, b::authenticateDiscovery);
      ifSet(publicBaseUrl, b::baseUrl);
      return b.build();
    }

    private static <T> void ifSet(@Nullable T value, Consumer<T> setter) {
      if (value != null) {
        setter.accept(value);
      }
    }
  }

  /**
   * Scheduled directory sync: every {@code SyncEngine} bean is scheduled by its directory id.
   *
   * @param enabled whether the engines are scheduled
   * @param interval how often each directory runs unless it has its own interval
   * @param threads how many directories sync at once
   * @param directories per directory (by the engine's directory id, typically the tenant)
   */
  public record Sync(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
      @DefaultValue("2") int threads, @Nullable Map<String, Directory> directories) {

    /** Absent directories are none. */
    public Sync {
      directories = directories == null ? Map.of() : Map.copyOf(directories);
    }

    /** The directories, never null. */
    @Override
    public Map<String, Directory> directories() {
      return directories == null ? Map.of() : directories;
    }

    /** How often {@code directoryId} runs, or null when it is not scheduled. */
    public @Nullable Duration intervalOf(String directoryId) {
      Directory d = directories().get(directoryId);
      if (d == null) {
        return interval;
      }
      return d.enabled() ? (d.interval() != null ? d.interval() : interval) : null;
    }
  }

  /**
   * One scheduled directory.
   *
   * @param enabled whether it is scheduled
   * @param interval how often it runs; {@code scim.sync.interval} when not set
   */
  public record Directory(@DefaultValue("true") boolean enabled, @Nullable Duration interval) {}
}
