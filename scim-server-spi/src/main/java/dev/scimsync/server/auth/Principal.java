package dev.scimsync.server.auth;

import java.util.Objects;

/**
 * Who an authenticated request comes from: the tenant whose directory it may read and write, and
 * a subject name for audit (a token label, a client id; never the credential itself).
 *
 * @param tenantId the tenant
 * @param subject a name for logs and events
 */
public record Principal(String tenantId, String subject) {
  /** Requires both. */
  public Principal {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(subject, "subject");
  }
}
