package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.store.jdbc.JdbcStores;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The JDBC stores (scim-store-jdbc, schema migrated on start) on the application's {@link
 * DataSource}, unless the application declares its own {@link UserStore}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcStores.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnMissingBean(UserStore.class)
@ConditionalOnBooleanProperty(name = "scim.enabled", matchIfMissing = true)
public class ScimJdbcStoreAutoConfiguration {

  /** Created by Spring. */
  public ScimJdbcStoreAutoConfiguration() {}

  /** The stores of the application's database. */
  @Bean
  @ConditionalOnMissingBean
  public JdbcStores scimJdbcStores(DataSource dataSource) {
    return JdbcStores.builder(dataSource).build();
  }

  /** The User store of that database. */
  @Bean
  public UserStore scimUserStore(JdbcStores stores) {
    return stores.users();
  }

  /** The Group store of that database, unless the application has one. */
  @Bean
  @ConditionalOnMissingBean(GroupStore.class)
  public GroupStore scimGroupStore(JdbcStores stores) {
    return stores.groups();
  }
}
