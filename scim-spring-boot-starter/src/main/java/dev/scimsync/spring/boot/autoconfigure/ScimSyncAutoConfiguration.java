package dev.scimsync.spring.boot.autoconfigure;

import dev.scimsync.spring.boot.ScimProperties;
import dev.scimsync.sync.SyncEngine;
import dev.scimsync.sync.SyncListener;
import dev.scimsync.sync.SyncReport;
import dev.scimsync.sync.schedule.SyncScheduler;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Scheduled directory sync when scim-sync is on the class path: every {@link SyncEngine} bean runs
 * on a {@link SyncScheduler} at {@code scim.sync.interval} (or its directory's own interval), and
 * each {@link SyncReport} is published as an application event and counted in the metrics.
 */
@AutoConfiguration(after = ScimServerAutoConfiguration.class)
@ConditionalOnClass(SyncEngine.class)
@ConditionalOnBean(SyncEngine.class)
@ConditionalOnBooleanProperty(name = {"scim.enabled", "scim.sync.enabled"}, matchIfMissing = true)
public class ScimSyncAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ScimSyncAutoConfiguration.class);

  /** Created by Spring. */
  public ScimSyncAutoConfiguration() {}

  /** The scheduler with every engine bean registered; started with the application context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SyncScheduler scimSyncScheduler(ScimProperties properties, ObjectProvider<SyncEngine> engines,
      ApplicationEventPublisher events, ObjectProvider<ScimObserver> observers) {
    List<ScimObserver> obs = observers.orderedStream().toList();
    SyncScheduler scheduler = SyncScheduler.builder()
        .threads(properties.sync().threads())
        .listener(new SyncListener() {
          @Override
          public void onReport(SyncReport report) {
            for (ScimObserver o : obs) {
              o.syncRun(report.directoryId(), report.kind().name(), report.outcome().name(), report.duration());
            }
            events.publishEvent(report);
          }
        })
        .build();
    engines.orderedStream().forEach(engine -> {
      Duration interval = properties.sync().intervalOf(engine.directoryId());
      if (interval == null) {
        LOG.info("SCIM sync: directory {} is not scheduled (scim.sync.directories.{}.enabled=false)",
            engine.directoryId(), engine.directoryId());
      } else {
        scheduler.register(engine, interval);
      }
    });
    return scheduler;
  }

  /** Starts the scheduler's timer once the context is up, so that no run races the start. */
  @Bean
  public SmartLifecycle scimSyncSchedulerLifecycle(SyncScheduler scheduler) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        scheduler.start();
        running = true;
      }

      @Override
      public void stop() {
        scheduler.close();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
