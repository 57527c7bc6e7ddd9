package dev.scimsync.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A credential that was revoked or rotated out and is no longer accepted, as its authenticator
 * remembers it: whose it was and under which label, never the credential itself.
 *
 * @param tenantId the tenant it belonged to
 * @param label its label
 * @param retiredAt when it stopped being accepted
 */
public record RetiredToken(String tenantId, String label, Instant retiredAt) {
  /** Requires every part. */
  public RetiredToken {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(retiredAt, "retiredAt");
  }
}
