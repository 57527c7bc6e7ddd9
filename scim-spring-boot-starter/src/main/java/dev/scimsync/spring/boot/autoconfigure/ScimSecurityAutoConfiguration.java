package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.spring.boot.ScimHttpSecurityCustomizer;
import dev.scimsync.spring.boot.ScimPrincipalMapper;
import dev.scimsync.spring.boot.ScimProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security and the SCIM path: a {@link SecurityFilterChain} scoped to {@code scim.base-path}
 * (stateless, no CSRF: SCIM clients send a credential on every request and no cookies), which
 * either lets the requests through to the SCIM token authenticator ({@code scim.auth.mode=tokens})
 * or authenticates them with Spring Security and maps the caller to a tenant ({@code
 * spring-security}).
 *
 * <p>Declaring a filter chain switches off Spring Boot's default one; when the application has no
 * chain of its own, an equivalent of that default (every other request authenticated, form login
 * and HTTP Basic) is declared as well, so that adding the starter does not open the application's
 * other paths.
 */
@AutoConfiguration(before = ScimServerAutoConfiguration.class,
    beforeName = {"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "scim.enabled", matchIfMissing = true)
public class ScimSecurityAutoConfiguration {

  /** Ahead of the application's catch-all chains, which usually keep the default order. */
  static final int SCIM_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

  private static final byte[] UNAUTHORIZED = ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
      + "\"status\":\"401\",\"detail\":\"authentication required\"}").getBytes(StandardCharsets.UTF_8);

  /** Created by Spring. */
  public ScimSecurityAutoConfiguration() {}

  /** Spring Boot's default chain, kept for the other paths when the application declares none. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  public static class DefaultChain {

    /** Created by Spring. */
    public DefaultChain() {}

    /** Every request outside the SCIM path authenticated, with form login and HTTP Basic. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 5)
    public SecurityFilterChain scimDefaultSecurityFilterChain(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(r -> r.anyRequest().authenticated());
      http.formLogin(Customizer.withDefaults());
      http.httpBasic(Customizer.withDefaults());
      return http.build();
    }
  }

  /** The SCIM path's chain. */
  @Bean
  @Order(SCIM_CHAIN_ORDER)
  @ConditionalOnMissingBean(name = "scimSecurityFilterChain")
  public SecurityFilterChain scimSecurityFilterChain(HttpSecurity http, ScimProperties properties,
      ObjectProvider<ScimHttpSecurityCustomizer> customizers) throws Exception {
    http.securityMatcher(properties.basePath() + "/**");
    http.csrf(c -> c.disable());
    http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    http.requestCache(c -> c.disable());
    if (properties.auth().mode() == ScimProperties.AuthMode.SPRING_SECURITY) {
      AuthenticationEntryPoint scim401 = (request, response, e) -> {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/scim+json");
        response.getOutputStream().write(UNAUTHORIZED);
      };
      http.authorizeHttpRequests(r -> r.anyRequest().authenticated());
      http.exceptionHandling(e -> e.authenticationEntryPoint(scim401));
      List<ScimHttpSecurityCustomizer> list = customizers.orderedStream().toList();
      if (list.isEmpty()) {
        http.httpBasic(b -> b.authenticationEntryPoint(scim401));
      }
      for (ScimHttpSecurityCustomizer c : list) {
        c.customize(http);
      }
    } else {
      // the SCIM token authenticator decides, and answers in SCIM's error format
      http.authorizeHttpRequests(r -> r.anyRequest().permitAll());
    }
    return http.build();
  }

  /** Spring Security's caller as the SCIM principal, with {@code scim.auth.mode=spring-security}. */
  @Bean
  @ConditionalOnMissingBean(Authenticator.class)
  @ConditionalOnProperty(name = "scim.auth.mode", havingValue = "spring-security")
  public Authenticator scimSpringSecurityAuthenticator(ObjectProvider<ScimPrincipalMapper> mapper,
      ScimProperties properties) {
    String tenant = properties.auth().tenant();
    return new SpringSecurityAuthenticator(mapper.getIfAvailable(
        () -> a -> Optional.of(new Principal(tenant, a.getName()))));
  }
}
