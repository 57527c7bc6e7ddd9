package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UserStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator health indicator {@code scim}: UP when the User store answers a search, DOWN with
 * the exception's type (not its message, which may name hosts or credentials) when it does not.
 */
@AutoConfiguration(after = {ScimServerAutoConfiguration.class, ScimJdbcStoreAutoConfiguration.class,
    ScimInMemoryStoreAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(UserStore.class)
@ConditionalOnBooleanProperty(name = "scim.enabled", matchIfMissing = true)
public class ScimHealthAutoConfiguration {

  /** A tenant that never holds data: the probe reads nothing of a real tenant's. */
  static final String PROBE_TENANT = "__scimsync_health__";

  /** Created by Spring. */
  public ScimHealthAutoConfiguration() {}

  /** Probes the User store. */
  @Bean
  @ConditionalOnMissingBean(name = "scimHealthIndicator")
  public HealthIndicator scimHealthIndicator(UserStore users) {
    return () -> {
      try {
        users.search(StoreContext.of(PROBE_TENANT), ResourceQuery.of(null, 1));
        return Health.up().withDetail("store", users.getClass().getSimpleName()).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("store", users.getClass().getSimpleName())
            .withDetail("error", e.getClass().getName()).build();
      }
    };
  }
}
