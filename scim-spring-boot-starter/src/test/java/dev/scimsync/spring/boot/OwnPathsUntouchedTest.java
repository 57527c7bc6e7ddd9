package dev.scimsync.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with its own controllers and its own security chain: the starter serves SCIM
 * under its prefix and nothing else; paths beside it (even /scim/admin, or /api/Users) and the
 * application's chain stay the application's.
 */
@SpringBootTest(classes = OwnPathsUntouchedTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"scim.tenants.t1.tokens[0].value=t1-token", "scim.base-path=/scim/v2/"})
class OwnPathsUntouchedTest {

  @RestController
  static class AppController {
    @GetMapping("/hello")
    String hello() {
      return "hello from the application";
    }

    @GetMapping("/api/Users/{id}")
    Map<String, String> user(@PathVariable("id") String id) {
      return Map.of("id", id, "source", "application");
    }

    @GetMapping("/scim/admin")
    String admin() {
      return "the application's own page under /scim";
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(AppController.class)
  static class App {
    /** The application's own chain: its public pages are open, the rest needs a login. */
    @Bean
    SecurityFilterChain appChain(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(r -> r.requestMatchers("/hello", "/api/**", "/scim/admin").permitAll()
          .anyRequest().authenticated());
      http.httpBasic(b -> {});
      return http.build();
    }
  }

  @LocalServerPort
  int port;

  @Test
  void applicationPathsStayTheApplications() {
    HttpResponse<String> hello = Http.to(port).get("/hello");
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello from the application");

    HttpResponse<String> api = Http.to(port).get("/api/Users/42");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).contains("\"source\":\"application\"");

    assertThat(Http.to(port).get("/scim/admin").body()).isEqualTo("the application's own page under /scim");
    // the application's chain still guards what it guards
    assertThat(Http.to(port).get("/private").statusCode()).isEqualTo(401);
  }

  @Test
  void scimLivesUnderItsPrefix() {
    Http scim = Http.to(port).bearer("t1-token");
    HttpResponse<String> created = scim.post("/scim/v2/Users", """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen"}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/scim+json"));
    assertThat(scim.get("/scim/v2/Users").body()).contains("bjensen");
    // SCIM's 404 for what is not a SCIM endpoint below the prefix, not the application's error page
    HttpResponse<String> unknown = scim.get("/scim/v2/Nothing");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("urn:ietf:params:scim:api:messages:2.0:Error");
  }
}
