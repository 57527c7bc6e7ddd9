package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.auth.Authentication;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.auth.RetiredToken;
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
    return check(authorization, pathTenant).acceptedPrincipal();
  }

  // the delegate's check and retired, not the defaults: they carry its refusal reason, the holder of
  // a credential of another tenant and its retired tokens to the server's answer and security events
  @Override
  public Authentication check(@Nullable String authorization, @Nullable String pathTenant) {
    Authentication a = delegate.check(authorization, pathTenant);
    CURRENT.set(a.acceptedPrincipal().map(Principal::tenantId).orElse(null));
    return a;
  }

  @Override
  public Optional<RetiredToken> retired(@Nullable String authorization) {
    return delegate.retired(authorization);
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
