package dev.scimsync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.spring.boot.autoconfigure.ScimInMemoryStoreAutoConfiguration;
import dev.scimsync.spring.boot.autoconfigure.ScimMetricsAutoConfiguration;
import dev.scimsync.spring.boot.autoconfigure.ScimServerAutoConfiguration;
import dev.scimsync.spring.boot.autoconfigure.ScimSyncAutoConfiguration;
import dev.scimsync.sync.Outcome;
import dev.scimsync.sync.SyncEngine;
import dev.scimsync.sync.SyncReport;
import dev.scimsync.sync.schedule.SyncScheduler;
import dev.scimsync.sync.scim.ScimServerTarget;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceCapabilities;
import dev.scimsync.sync.source.SourcePage;
import dev.scimsync.sync.source.SourceRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.node.ObjectNode;

/**
 * With scim-sync on the class path: {@code SyncEngine} beans run on the scheduler per the {@code
 * scim.sync.*} properties, and each report is an application event and a metric.
 */
class ScimSyncAutoConfigurationTest {

  /** One user in an HR system. */
  static final class OneUserSource implements DirectorySource {
    @Override
    public SourceCapabilities capabilities() {
      return SourceCapabilities.fullListingOnly();
    }

    @Override
    public SourcePage list(ResourceKind kind, @Nullable String position) {
      if (kind != ResourceKind.USER) {
        return new SourcePage(List.of(), null);
      }
      ObjectNode a = ScimJson.object();
      a.put("userName", "synced@acme.example");
      a.put("active", true);
      return new SourcePage(List.of(new SourceRecord(ResourceKind.USER, "hr-1", a, null)), null);
    }
  }

  /** Collects the sync reports published as events. */
  static final class Reports {
    final List<SyncReport> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(SyncReport r) {
      received.add(r);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class App {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    Reports reports() {
      return new Reports();
    }

    @Bean
    SyncEngine acmeSync(ScimServer server) {
      return SyncEngine.builder().directoryId("acme").source(new OneUserSource())
          .target(new ScimServerTarget(server, new Principal("acme", "hr-sync"))).build();
    }

    @Bean
    SyncEngine globexSync(ScimServer server) {
      return SyncEngine.builder().directoryId("globex").source(new OneUserSource())
          .target(new ScimServerTarget(server, new Principal("globex", "hr-sync"))).build();
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ScimInMemoryStoreAutoConfiguration.class,
          ScimServerAutoConfiguration.class, ScimMetricsAutoConfiguration.class, ScimSyncAutoConfiguration.class))
      .withUserConfiguration(App.class);

  @Test
  void engineBeansAreScheduledAndReportsPublished() {
    runner.withPropertyValues("scim.sync.directories.acme.interval=12h", "scim.sync.directories.globex.enabled=false")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          SyncScheduler scheduler = ctx.getBean(SyncScheduler.class);
          SyncReport report = scheduler.syncNow("acme").get(60, TimeUnit.SECONDS);
          assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.SUCCESS);

          assertThat(ctx.getBean(Reports.class).received).anySatisfy(r -> {
            assertThat(r.directoryId()).isEqualTo("acme");
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
          });
          UserStore users = ctx.getBean(UserStore.class);
          assertThat(users.search(StoreContext.of("acme"), ResourceQuery.of(null, 10)).resources())
              .hasSize(1);
          assertThat(ctx.getBean(MeterRegistry.class).get("scim.sync.runs")
              .tags("directory", "acme", "outcome", "SUCCESS").timer().count()).isPositive();

          // switched off by property: not scheduled at all
          assertThat(scheduler.syncNow("globex")).isCompletedExceptionally();
          assertThat(users.search(StoreContext.of("globex"), ResourceQuery.of(null, 10)).resources()).isEmpty();
        });
  }

  @Test
  void noSchedulerWhenSwitchedOff() {
    runner.withPropertyValues("scim.sync.enabled=false")
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SyncScheduler.class));
  }
}
