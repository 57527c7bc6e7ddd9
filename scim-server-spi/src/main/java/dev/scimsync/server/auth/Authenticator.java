package dev.scimsync.server.auth;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides who sent a request. Implementations must not log credentials and should compare
 * secrets in constant time. Several authenticators serve one server through {@link
 * CompositeAuthenticator}, e.g. static tokens and JWT access tokens during a migration.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * The principal for a request, or empty when the credentials are missing or wrong (the server
   * answers 401).
   *
   * @param authorization the {@code Authorization} header, or null
   * @param pathTenant the tenant named in the URL ({@code /tenants/NAME/...}), or null
   */
  Optional<Principal> authenticate(@Nullable String authorization, @Nullable String pathTenant);

  /**
   * The retired credential in a refused request's {@code authorization} header, when this
   * authenticator remembers it as revoked or rotated out; empty by default. The server asks only
   * after {@link #authenticate} refused, to raise {@link
   * dev.scimsync.server.event.SecurityEvent.RetiredTokenUsed}.
   */
  default Optional<RetiredToken> retired(@Nullable String authorization) {
    return Optional.empty();
  }

  /**
   * Like {@link #authenticate} but, when refusing, says why (the server passes the reason to the
   * client as the RFC 6750 {@code error_description}). An authenticator that refuses a credential
   * because it belongs to another tenant than {@code pathTenant} returns {@link
   * Authentication#crossTenant}, so that the server reports the cross-tenant request without
   * checking the credential again. The default gives no reason and no holder.
   *
   * @param authorization the {@code Authorization} header, or null
   * @param pathTenant the tenant named in the URL, or null
   */
  default Authentication check(@Nullable String authorization, @Nullable String pathTenant) {
    return authenticate(authorization, pathTenant).map(Authentication::accepted)
        .orElseGet(() -> Authentication.refused(null));
  }
}
