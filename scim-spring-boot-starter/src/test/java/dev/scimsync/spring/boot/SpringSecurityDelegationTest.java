package dev.scimsync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.server.auth.Principal;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code scim.auth.mode=spring-security}: Spring Security authenticates the SCIM path on its own
 * chain (HTTP Basic against the application's users here), a {@link ScimPrincipalMapper} bean
 * names the tenant, and the application's other paths keep Spring Boot's default protection.
 */
@SpringBootTest(classes = SpringSecurityDelegationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scim.auth.mode=spring-security", "scim.limits.failed-auth-per-second=0",
        "scim.limits.failed-auth-burst=0"})
class SpringSecurityDelegationTest {

  @RestController
  static class Hello {
    @GetMapping("/hello")
    String hello() {
      return "hello";
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({Hello.class, RecordedEvents.class})
  static class App {
    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("entra-acme").password("{noop}acme-secret").roles("SCIM").build(),
          User.withUsername("okta-globex").password("{noop}globex-secret").roles("SCIM").build(),
          User.withUsername("staff").password("{noop}staff-secret").roles("STAFF").build());
    }

    // tag::mapper[]
    /** IdP accounts are named IDP-TENANT and have the role SCIM; staff accounts are no SCIM clients. */
    @Bean
    ScimPrincipalMapper scimPrincipalMapper() {
      return a -> a.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals("ROLE_SCIM"))
          ? Optional.of(new Principal(a.getName().substring(a.getName().indexOf('-') + 1), a.getName()))
          : Optional.empty();
    }
    // end::mapper[]
  }

  @LocalServerPort
  int port;

  @Autowired
  RecordedEvents events;

  @Test
  void springSecurityAuthenticatesAndTheMapperNamesTheTenant() {
    Http acme = Http.to(port).basic("entra-acme", "acme-secret");
    HttpResponse<String> created = acme.post("/scim/v2/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"delegated@acme.example"}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(events.all).anySatisfy(e -> {
      assertThat(e.tenantId()).isEqualTo("acme");
      assertThat(e.actor()).contains("entra-acme");
    });
    assertThat(acme.get("/scim/v2/Users").body()).contains("delegated@acme.example");
    // the other tenant sees none of it
    assertThat(Http.to(port).basic("okta-globex", "globex-secret").get("/scim/v2/Users").body())
        .doesNotContain("delegated@acme.example");
  }

  @Test
  void refusalsAreScimErrors() {
    HttpResponse<String> anonymous = Http.to(port).get("/scim/v2/Users");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("urn:ietf:params:scim:api:messages:2.0:Error");

    assertThat(Http.to(port).basic("entra-acme", "wrong").get("/scim/v2/Users").statusCode()).isEqualTo(401);
    // Spring Security takes no SCIM bearer token here: there is no token authenticator
    assertThat(Http.to(port).bearer("anything").get("/scim/v2/Users").statusCode()).isEqualTo(401);

    // authenticated, but the mapper refuses: the SCIM server answers 401
    HttpResponse<String> staff = Http.to(port).basic("staff", "staff-secret").get("/scim/v2/Users");
    assertThat(staff.statusCode()).isEqualTo(401);
    assertThat(staff.body()).contains("urn:ietf:params:scim:api:messages:2.0:Error");
  }

  @Test
  void theApplicationsOtherPathsKeepTheDefaultProtection() {
    assertThat(Http.to(port).get("/hello").statusCode()).isEqualTo(401);
    HttpResponse<String> hello = Http.to(port).basic("staff", "staff-secret").get("/hello");
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello");
  }
}
