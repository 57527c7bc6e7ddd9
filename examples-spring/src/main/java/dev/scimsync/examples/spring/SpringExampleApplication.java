package dev.scimsync.examples.spring;

import dev.scimsync.server.event.ProvisioningEvent.UserDeactivated;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application with a SCIM endpoint: scim-spring-boot-starter, scim-store-jdbc and a
 * DataSource (H2 in memory here, see application.yml) are all it takes; the bearer token comes
 * from the environment variable SCIM_TOKEN. SCIM is served at /scim/v2, the application's own
 * /hello beside it.
 *
 * <pre>SCIM_TOKEN=... java -jar examples/target/scim-spring-example.jar --server.port=8080</pre>
 */
@SpringBootApplication
public class SpringExampleApplication {

  private static final Logger LOG = LoggerFactory.getLogger(SpringExampleApplication.class);

  /** Starts the application; refuses to start without SCIM_TOKEN. */
  public static void main(String[] args) {
    String token = System.getenv("SCIM_TOKEN");
    if (token == null || token.isBlank()) {
      System.err.println("set the bearer token of the SCIM endpoint in the environment variable SCIM_TOKEN");
      System.exit(2);
    }
    SpringApplication.run(SpringExampleApplication.class, args);
  }

  /** The application's own endpoint, which the starter leaves alone. */
  @RestController
  static class Hello {
    @GetMapping("/hello")
    Map<String, String> hello() {
      return Map.of("message", "hello from the application; SCIM is at /scim/v2");
    }
  }

  // tag::offboarding[]
  /** Ends a user's sessions as soon as the identity provider deactivates them. */
  @Component
  static class Offboarding {
    @EventListener
    void onDeactivated(UserDeactivated e) {
      LOG.info("user {} of tenant {} deactivated: revoking their sessions", e.resourceId(), e.tenantId());
      // sessions.revokeAll(e.tenantId(), e.resourceId());
    }
  }
  // end::offboarding[]
}
