package dev.scimsync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import dev.scimsync.spring.boot.autoconfigure.ScimInMemoryStoreAutoConfiguration;
import dev.scimsync.spring.boot.autoconfigure.ScimJdbcStoreAutoConfiguration;
import dev.scimsync.spring.boot.autoconfigure.ScimServerAutoConfiguration;
import dev.scimsync.store.jdbc.JdbcGroupStore;
import dev.scimsync.store.jdbc.JdbcUserStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Properties binding and the choice of stores, without a web server. */
class ScimAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ScimJdbcStoreAutoConfiguration.class,
          ScimInMemoryStoreAutoConfiguration.class, ScimServerAutoConfiguration.class));

  @Test
  void propertiesBind() {
    runner.withPropertyValues(
        "scim.base-path=scim/v3/",
        "scim.public-base-url=https://app.example.com/scim/v3",
        "scim.tenants.acme.tolerance=entra",
        "scim.tenants.acme.hide-inactive-users=true",
        "scim.tenants.acme.tokens[0].label=entra",
        "scim.tenants.acme.tokens[0].sha256=1fa13e54e63610da89daa68ae28abd470ebe4216a75516031ed66d4557812eea",
        "scim.tenants.acme.tokens[1].label=okta",
        "scim.tenants.acme.tokens[1].value=second",
        "scim.tenants.globex.tolerance=okta",
        "scim.limits.max-page-size=50",
        "scim.limits.default-page-size=20",
        "scim.limits.max-body-bytes=65536",
        "scim.limits.requests-per-second=5",
        "scim.limits.max-concurrent-requests-per-tenant=0",
        "scim.limits.authenticate-discovery=false",
        "scim.limits.request-timeout=15s",
        "scim.sync.interval=30m",
        "scim.sync.directories.acme.interval=5m",
        "scim.sync.directories.globex.enabled=false").run(ctx -> {
          assertThat(ctx).hasNotFailed();
          ScimProperties p = ctx.getBean(ScimProperties.class);
          assertThat(p.basePath()).isEqualTo("/scim/v3");
          ScimProperties.Tenant acme = p.tenants().get("acme");
          assertThat(acme.settings().tolerance()).isEqualTo(Tolerance.entra());
          assertThat(acme.settings().hideInactiveUsers()).isTrue();
          assertThat(acme.tokens()).extracting(ScimProperties.Token::label).containsExactly("entra", "okta");
          // secrets stay out of logs and error messages
          assertThat(acme.toString()).doesNotContain("second").doesNotContain("1fa13e54");
          assertThat(p.tenants().get("globex").settings().tolerance()).isEqualTo(Tolerance.okta());

          ServerOptions o = ctx.getBean(ScimServer.class).options();
          ServerOptions d = ServerOptions.defaults();
          assertThat(o.maxPageSize()).isEqualTo(50);
          assertThat(o.defaultPageSize()).isEqualTo(20);
          assertThat(o.maxBodyBytes()).isEqualTo(65536);
          assertThat(o.requestsPerSecond()).isEqualTo(5.0);
          assertThat(o.burst()).isEqualTo(d.burst());
          assertThat(o.maxConcurrentRequestsPerTenant()).isZero();
          assertThat(o.authenticateDiscovery()).isFalse();
          assertThat(o.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
          assertThat(o.baseUrl()).isEqualTo("https://app.example.com/scim/v3");
          assertThat(o.maxFilterLength()).as("not set: the server's default").isEqualTo(d.maxFilterLength());

          // both tokens of acme are accepted, for acme
          Authenticator auth = ctx.getBean(Authenticator.class);
          assertThat(auth.authenticate("Bearer acme-entra-token", null)).hasValueSatisfying(
              pr -> assertThat(pr.tenantId()).isEqualTo("acme"));
          assertThat(auth.authenticate("Bearer second", null)).hasValueSatisfying(
              pr -> assertThat(pr.subject()).contains("okta"));
          assertThat(auth.authenticate("Bearer third", null)).isEmpty();

          assertThat(p.sync().intervalOf("acme")).isEqualTo(Duration.ofMinutes(5));
          assertThat(p.sync().intervalOf("globex")).isNull();
          assertThat(p.sync().intervalOf("other")).isEqualTo(Duration.ofMinutes(30));
        });
  }

  @Test
  void badConfigurationFailsTheStartWithoutShowingSecrets() {
    runner.withPropertyValues("scim.tenants.acme.tokens[0].sha256=abc", "scim.tenants.acme.tokens[0].value=plain-secret")
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("exactly one of sha256 and value");
          assertThat(stackOf(ctx.getStartupFailure())).doesNotContain("plain-secret");
        });
    runner.withPropertyValues("scim.base-path=/").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("must not be the root");
    });
  }

  private static String stackOf(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  @Test
  void inMemoryStoresWithoutStoreBeansOrDatabase() {
    runner.run(ctx -> {
      assertThat(ctx).hasSingleBean(ScimServer.class);
      assertThat(ctx.getBean(UserStore.class)).isInstanceOf(InMemoryUserStore.class);
      assertThat(ctx.getBean(GroupStore.class)).isInstanceOf(InMemoryGroupStore.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class Database {
    @Bean
    DataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:starter-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      return ds;
    }
  }

  @Test
  void jdbcStoresOnTheApplicationsDataSource() {
    runner.withUserConfiguration(Database.class).run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx.getBean(UserStore.class)).isInstanceOf(JdbcUserStore.class);
      assertThat(ctx.getBean(GroupStore.class)).isInstanceOf(JdbcGroupStore.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStores {
    @Bean
    UserStore myUsers() {
      return new InMemoryUserStore(SchemaRegistry.standard().resourceSchema("User"));
    }

    @Bean
    ScimServerCustomizer customizer() {
      return b -> b.me(p -> Optional.empty());
    }
  }

  @Test
  void theApplicationsStoreBeansWin() {
    runner.withUserConfiguration(Database.class, OwnStores.class).run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx.getBeansOfType(UserStore.class)).containsOnlyKeys("myUsers");
      // a User store of its own and no Group store: the starter adds no Group store of another kind
      assertThat(ctx.getBeansOfType(GroupStore.class)).isEmpty();
      assertThat(ctx).hasSingleBean(ScimServer.class);
    });
  }

  @Test
  void switchedOff() {
    runner.withPropertyValues("scim.enabled=false").run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx).doesNotHaveBean(ScimServer.class);
      assertThat(ctx).doesNotHaveBean(UserStore.class);
    });
  }

  @Test
  void configurationMetadataForIdeCompletion() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"scim.base-path\"", "\"scim.tenants\"", "\"scim.auth.mode\"",
          "\"scim.limits.max-page-size\"", "\"scim.sync.interval\"");
    }
  }
}
