package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.spring.boot.ScimPrincipalMapper;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Takes the caller from Spring Security: the SCIM path's filter chain has authenticated the request
 * on this thread before the servlet runs, so the header is not read again here.
 */
final class SpringSecurityAuthenticator implements Authenticator {

  private final ScimPrincipalMapper mapper;

  SpringSecurityAuthenticator(ScimPrincipalMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Optional<Principal> authenticate(@Nullable String authorization, @Nullable String pathTenant) {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return mapper.map(a);
  }
}
