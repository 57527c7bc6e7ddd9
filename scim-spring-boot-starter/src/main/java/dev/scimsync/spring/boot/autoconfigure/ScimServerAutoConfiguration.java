package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.ProvisioningListener;
import dev.scimsync.server.servlet.ScimServlet;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.spring.boot.ScimProperties;
import dev.scimsync.spring.boot.ScimServerCustomizer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ScimServer} built from the store beans and the {@code scim.*} properties, provisioning
 * events re-published as Spring application events, and the servlet adapter mounted at {@code
 * scim.base-path} beside the application's own paths.
 */
@AutoConfiguration(after = {ScimJdbcStoreAutoConfiguration.class, ScimInMemoryStoreAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "scim.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ScimProperties.class)
public class ScimServerAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ScimServerAutoConfiguration.class);

  /** Created by Spring. */
  public ScimServerAutoConfiguration() {}

  /**
   * The bearer tokens of {@code scim.tenants.ID.tokens}; used unless {@code scim.auth.mode} is
   * spring-security or the application has its own {@link Authenticator}.
   */
  @Bean
  @ConditionalOnMissingBean(Authenticator.class)
  @ConditionalOnProperty(name = "scim.auth.mode", havingValue = "tokens", matchIfMissing = true)
  public Authenticator scimTokenAuthenticator(ScimProperties properties) {
    BearerTokenAuthenticator auth = new BearerTokenAuthenticator();
    int count = 0;
    for (Map.Entry<String, ScimProperties.Tenant> t : properties.tenants().entrySet()) {
      int i = 0;
      for (ScimProperties.Token token : t.getValue().tokens()) {
        String label = token.label() != null ? token.label() : "token-" + i;
        String sha = token.sha256();
        // the record allows a blank sha256 beside a value: the value counts then
        String hash = sha != null && !sha.isBlank() ? sha : BearerTokenAuthenticator.hashHex(
            java.util.Objects.requireNonNull(token.value(), "a token has sha256 or value, checked when bound"));
        auth.addTokenHash(t.getKey(), label, hash);
        i++;
        count++;
      }
    }
    if (count == 0) {
      LOG.warn("SCIM: no tokens under scim.tenants.ID.tokens: every SCIM request is refused with 401");
    }
    return auth;
  }

  /** Re-publishes every provisioning event as an application event, for {@code @EventListener}s. */
  @Bean
  public ProvisioningListener scimApplicationEventPublisher(ApplicationEventPublisher publisher) {
    return publisher::publishEvent;
  }

  /** The SCIM server. */
  @Bean
  @ConditionalOnMissingBean
  public ScimServer scimServer(ScimProperties properties, UserStore users, ObjectProvider<GroupStore> groups,
      Authenticator authenticator, ObjectProvider<ProvisioningListener> listeners,
      ObjectProvider<ScimServerCustomizer> customizers) {
    ScimServer.Builder b = ScimServer.builder()
        .users(users)
        .authenticator(new TenantCapture(authenticator))
        .options(properties.limits().toOptions(properties.publicBaseUrl()));
    groups.ifAvailable(b::groups);
    properties.tenants().forEach((id, t) -> b.tenant(id, t.settings()));
    listeners.orderedStream().forEach(b::listener);
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /** The servlet registration, in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(ScimServlet.class)
  public static class ServletRegistration {

    /** Created by Spring. */
    public ServletRegistration() {}

    /** The SCIM servlet at {@code scim.base-path}; the application's other paths stay its own. */
    @Bean
    @ConditionalOnMissingBean(name = "scimServletRegistration")
    public ServletRegistrationBean<ScimServlet> scimServletRegistration(ScimServer server, ScimProperties properties,
        ObjectProvider<ScimObserver> observers) {
      ScimServlet servlet = new ObservedScimServlet(server, properties.publicBaseUrl(),
          observers.orderedStream().toList());
      ServletRegistrationBean<ScimServlet> reg = new ServletRegistrationBean<>(servlet,
          properties.basePath() + "/*");
      reg.setName("scimServlet");
      reg.setLoadOnStartup(1);
      return reg;
    }
  }
}
