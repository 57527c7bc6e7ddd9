package dev.scimsync.server.auth;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Accepts a request that any of several authenticators accepts, asked in order: e.g. a tenant's
 * static bearer tokens and JWT access tokens from its identity provider while it moves from one
 * to the other. When all refuse, the reason given is the last non-null one (put the authenticator
 * whose reasons matter most, such as the JWT one, last).
 */
public final class CompositeAuthenticator implements Authenticator {

  private final List<Authenticator> authenticators;

  private CompositeAuthenticator(List<Authenticator> authenticators) {
    if (authenticators.isEmpty()) {
      throw new IllegalArgumentException("give at least one authenticator");
    }
    this.authenticators = List.copyOf(authenticators);
  }

  /** Asks {@code authenticators} in the given order. */
  public static CompositeAuthenticator of(Authenticator... authenticators) {
    return new CompositeAuthenticator(List.of(authenticators));
  }

  @Override
  public Optional<Principal> authenticate(@Nullable String authorization, @Nullable String pathTenant) {
    return check(authorization, pathTenant).acceptedPrincipal();
  }

  /** The first part's answer: a token retired by any of them is reported. */
  @Override
  public Optional<RetiredToken> retired(@Nullable String authorization) {
    for (Authenticator a : authenticators) {
      Optional<RetiredToken> r = a.retired(authorization);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  @Override
  public Authentication check(@Nullable String authorization, @Nullable String pathTenant) {
    String reason = null;
    Principal holder = null;
    for (Authenticator a : authenticators) {
      Authentication result = a.check(authorization, pathTenant);
      if (result instanceof Authentication.Accepted) {
        return result;
      }
      if (result instanceof Authentication.Refused r) {
        reason = r.reason() != null ? r.reason() : reason;
        holder = holder == null ? r.holder() : holder;
      }
    }
    return holder == null ? Authentication.refused(reason) : Authentication.crossTenant(holder, reason);
  }
}
