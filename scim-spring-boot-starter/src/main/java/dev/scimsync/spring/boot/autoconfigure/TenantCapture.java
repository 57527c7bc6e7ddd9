package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.Principal;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, for the request on this thread, which tenant the authenticator accepted, so that the
 * servlet can tag its metrics with it: the server authenticates inside {@code handle} and does not
 * hand the principal out.
 */
final class TenantCapture implements Authenticator {

  private static final ThreadLocal<@Nullable String> CURRENT = new ThreadLocal<>();

  private final Authenticator delegate;

  TenantCapture(Authenticator delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<Principal> authenticate(@Nullable String authorization, @Nullable String pathTenant) {
    Optional<Principal> p = delegate.authenticate(authorization, pathTenant);
    CURRENT.set(p.map(Principal::tenantId).orElse(null));
    return p;
  }

  /** Clears the tenant of this thread before a request. */
  static void clear() {
    CURRENT.remove();
  }

  /** The tenant accepted on this thread since {@link #clear()}, or "none"; clears it. */
  static String take() {
    String t = CURRENT.get();
    CURRENT.remove();
    return t == null ? "none" : t;
  }
}
