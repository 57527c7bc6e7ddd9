package dev.scimsync.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who an authenticated request comes from: the tenant whose directory it may read and write, a
 * subject name for audit (a token label, a client id; never the credential itself), and the
 * scopes it was granted (see {@link Scopes}).
 *
 * @param tenantId the tenant
 * @param subject a name for logs and events
 * @param scopes the granted scopes; {@link Scopes#ALL} for full access
 */
public record Principal(String tenantId, String subject, Set<String> scopes) {
  /** Requires all three; the scopes are copied. */
  public Principal {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(subject, "subject");
    scopes = Set.copyOf(scopes);
  }

  /** A principal with full access ({@link Scopes#ALL}), as every principal had before scopes. */
  public Principal(String tenantId, String subject) {
    this(tenantId, subject, Scopes.ALL);
  }

  /** True when the scopes allow reading resources at {@code endpoint} (e.g. {@code Users}). */
  public boolean canRead(String endpoint) {
    return Scopes.permits(scopes, endpoint, false);
  }

  /** True when the scopes allow creating, replacing, patching and deleting at {@code endpoint}. */
  public boolean canWrite(String endpoint) {
    return Scopes.permits(scopes, endpoint, true);
  }
}
