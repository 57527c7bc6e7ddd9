package dev.scimsync.spring.boot;

import dev.scimsync.server.auth.Principal;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * With {@code scim.auth.mode=spring-security}: who a request authenticated by Spring Security is
 * in SCIM terms, the tenant whose directory it may read and write and a subject name for audit.
 * Empty refuses the request with a SCIM 401. Without such a bean every authenticated caller is
 * mapped to the tenant {@code scim.auth.tenant}.
 */
@FunctionalInterface
public interface ScimPrincipalMapper {

  /** The principal for {@code authentication} (authenticated, never anonymous), or empty. */
  Optional<Principal> map(Authentication authentication);
}
