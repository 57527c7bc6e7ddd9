package dev.scimsync.spring.boot.autoconfigure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the SCIM endpoint: {@code scim.requests} (a timer: count and latency by
 * endpoint, method, status and tenant), {@code scim.errors} (requests answered 5xx, i.e. store
 * failures and unexpected errors, by endpoint and tenant) and {@code scim.sync.runs} (a timer by
 * directory, kind and outcome).
 */
@AutoConfiguration(before = ScimServerAutoConfiguration.class,
    afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "scim.enabled", matchIfMissing = true)
public class ScimMetricsAutoConfiguration {

  /** Created by Spring. */
  public ScimMetricsAutoConfiguration() {}

  /** Records requests and sync runs in {@code registry}. */
  @Bean
  public ScimObserver scimMetrics(MeterRegistry registry) {
    return new Metrics(registry);
  }

  /** The meters. */
  static final class Metrics implements ScimObserver {
    private final MeterRegistry registry;

    Metrics(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public void request(String endpoint, String method, int status, String tenant, long nanos) {
      Timer.builder("scim.requests")
          .description("SCIM requests by endpoint, method, status and tenant")
          .tags("endpoint", endpoint, "method", method, "status", Integer.toString(status), "tenant", tenant)
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
      if (status >= 500) {
        Counter.builder("scim.errors")
            .description("SCIM requests answered 5xx: store failures and unexpected errors")
            .tags("endpoint", endpoint, "tenant", tenant)
            .register(registry)
            .increment();
      }
    }

    @Override
    public void syncRun(String directory, String kind, String outcome, Duration duration) {
      Timer.builder("scim.sync.runs")
          .description("directory sync runs by directory, kind and outcome")
          .tags("directory", directory, "kind", kind, "outcome", outcome)
          .register(registry)
          .record(duration);
    }
  }
}
