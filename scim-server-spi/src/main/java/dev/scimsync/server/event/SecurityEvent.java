package dev.scimsync.server.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something an operator should be alerted to, beside the {@link ProvisioningEvent}s: repeated
 * authentication failures, a retired token still in use, a request refused for naming another
 * tenant, a storm of rate-limited requests, a directory sync stopped by its deletion threshold.
 * Delivered to {@link SecurityListener}s. Threshold events fire once when the count within the
 * window reaches the threshold, then stay quiet for one window, so that an attack produces an
 * alert, not a flood. None carries a credential.
 */
public sealed interface SecurityEvent {

  /** When it was detected. */
  Instant occurredAt();

  /** The tenant concerned, or null when it is not known (a wrong token names no tenant). */
  @Nullable String tenantId();

  /** A short, stable name such as {@code security.auth_failures}. */
  String type();

  /** What a threshold event counts by. */
  enum Scope {
    /** One tenant's requests. */
    TENANT,
    /** One client address's requests. */
    CLIENT_ADDRESS
  }

  /**
   * Authentication failed {@code failures} times within {@code window} for one tenant (when the
   * request named it, by URL or by a retired token) or from one client address.
   *
   * @param scope what {@code key} is
   * @param key the tenant id or the client address
   * @param failures the failures counted, the threshold
   * @param window the window they fell in
   * @param occurredAt when the threshold was reached
   */
  record RepeatedAuthenticationFailures(Scope scope, String key, int failures, Duration window, Instant occurredAt)
      implements SecurityEvent {
    /** Requires every part. */
    public RepeatedAuthenticationFailures {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public @Nullable String tenantId() {
      return scope == Scope.TENANT ? key : null;
    }

    @Override
    public String type() {
      return "security.auth_failures";
    }
  }

  /**
   * A token that was retired (revoked, or rotated out) was presented again: the old credential
   * may have leaked, or a client was not updated. The request was refused.
   *
   * @param tenantId the tenant the token belonged to
   * @param tokenLabel the retired token's label, never the token
   * @param clientAddress the client's address, or null
   * @param requestId the refused request's id
   * @param occurredAt when
   */
  record RetiredTokenUsed(String tenantId, String tokenLabel, @Nullable String clientAddress, String requestId,
      Instant occurredAt) implements SecurityEvent {
    @Override
    public String type() {
      return "security.retired_token_used";
    }
  }

  /**
   * A valid credential of one tenant was used on another tenant's URL; the request was refused.
   *
   * @param tenantId the tenant whose URL was called
   * @param credentialTenant the tenant the credential belongs to
   * @param clientAddress the client's address, or null
   * @param requestId the refused request's id
   * @param occurredAt when
   */
  record CrossTenantRequestRefused(String tenantId, String credentialTenant, @Nullable String clientAddress,
      String requestId, Instant occurredAt) implements SecurityEvent {
    @Override
    public String type() {
      return "security.cross_tenant_refused";
    }
  }

  /**
   * An authenticated credential was refused (403) because it lacks the scope the request needs:
   * a read-only reporting token writing, or a token for one resource type touching another. One
   * event per refused request, and per refused operation of a bulk request.
   *
   * @param tenantId the credential's tenant
   * @param subject the credential's subject (a token label or a JWT subject), never the token
   * @param method the HTTP method (of the bulk operation, for one)
   * @param path the path, abbreviated
   * @param reason the missing scope, as told to the client
   * @param clientAddress the client's address, or null
   * @param requestId the refused request's id
   * @param occurredAt when
   */
  record AccessDenied(String tenantId, String subject, String method, String path, String reason,
      @Nullable String clientAddress, String requestId, Instant occurredAt) implements SecurityEvent {
    @Override
    public String type() {
      return "security.access_denied";
    }
  }

  /**
   * {@code refused} requests of one tenant (or, for the failed-authentication limiter, of one
   * client address) were answered 429 within {@code window}.
   *
   * @param scope what {@code key} is
   * @param key the tenant id or the client address
   * @param refused the 429 answers counted, the threshold
   * @param window the window they fell in
   * @param occurredAt when the threshold was reached
   */
  record RateLimitStorm(Scope scope, String key, int refused, Duration window, Instant occurredAt)
      implements SecurityEvent {
    /** Requires every part. */
    public RateLimitStorm {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public @Nullable String tenantId() {
      return scope == Scope.TENANT ? key : null;
    }

    @Override
    public String type() {
      return "security.rate_limit_storm";
    }
  }

  /**
   * A directory sync stopped before removing anything because its removals passed the deletion
   * threshold: the source may have lost its users, or a filter changed.
   *
   * @param directoryId the synced directory (usually the tenant)
   * @param wouldRemove the removals held back
   * @param message the sync's description, without credentials
   * @param occurredAt when the run ended
   */
  record SyncDeletionThresholdExceeded(String directoryId, long wouldRemove, String message, Instant occurredAt)
      implements SecurityEvent {
    @Override
    public String tenantId() {
      return directoryId;
    }

    @Override
    public String type() {
      return "security.sync_deletion_threshold";
    }
  }
}
