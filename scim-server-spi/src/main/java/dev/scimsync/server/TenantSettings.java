package dev.scimsync.server;

import dev.scimsync.core.validation.Tolerance;
import java.util.Objects;

/**
 * Per-tenant behaviour, so that each customer's identity provider gets what it needs.
 *
 * @param tolerance what the reader accepts from this tenant's IdP; {@link Tolerance#lenient()} by
 *     default, which accepts what Entra ID, Okta, OneLogin and Google send
 * @param hideInactiveUsers answer 404 for users with {@code active: false} and leave them out of
 *     searches (PingFederate's behaviour); off by default, since Entra ID requires disabled users
 *     to stay readable and filterable
 */
public record TenantSettings(Tolerance tolerance, boolean hideInactiveUsers) {

  /** Requires a tolerance. */
  public TenantSettings {
    Objects.requireNonNull(tolerance, "tolerance");
  }

  /** Lenient reading, inactive users visible. */
  public static TenantSettings defaults() {
    return new TenantSettings(Tolerance.lenient(), false);
  }

  /** These settings with another tolerance. */
  public TenantSettings withTolerance(Tolerance t) {
    return new TenantSettings(t, hideInactiveUsers);
  }
}
