package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The in-memory stores when the application has neither a {@link UserStore} bean nor a database:
 * fine for tests and demos, lost on restart, hence the warning outside tests.
 */
@AutoConfiguration(after = ScimJdbcStoreAutoConfiguration.class)
@ConditionalOnMissingBean(UserStore.class)
@ConditionalOnBooleanProperty(name = "scim.enabled", matchIfMissing = true)
public class ScimInMemoryStoreAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ScimInMemoryStoreAutoConfiguration.class);

  /** Created by Spring. */
  public ScimInMemoryStoreAutoConfiguration() {}

  /** Users in memory. */
  @Bean
  public UserStore scimUserStore() {
    // Spring's test support is on the class path of tests and not of applications
    if (!ClassUtils.isPresent("org.springframework.test.context.TestContext", getClass().getClassLoader())) {
      LOG.warn("SCIM: no UserStore bean and no DataSource: users and groups are kept in memory and lost on"
          + " restart; declare a UserStore/GroupStore bean or add scim-store-jdbc and a DataSource");
    }
    return new InMemoryUserStore(java.util.Objects.requireNonNull(SchemaRegistry.standard().resourceSchema("User"),
        "the standard registry holds User"));
  }

  /** Groups in memory, unless the application has a Group store. */
  @Bean
  @ConditionalOnMissingBean(GroupStore.class)
  public GroupStore scimGroupStore() {
    return new InMemoryGroupStore(java.util.Objects.requireNonNull(SchemaRegistry.standard().resourceSchema("Group"),
        "the standard registry holds Group"));
  }
}
