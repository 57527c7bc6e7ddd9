package dev.scimsync.spring.boot;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * With {@code scim.auth.mode=spring-security}: how the SCIM path's own {@code SecurityFilterChain}
 * authenticates, e.g. {@code http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))}.
 * Without such a bean the chain uses HTTP Basic against the application's user details.
 */
@FunctionalInterface
public interface ScimHttpSecurityCustomizer {

  /** Configures {@code http}, already scoped to the SCIM path. */
  void customize(HttpSecurity http) throws Exception;
}
