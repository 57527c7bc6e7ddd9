package dev.scimsync.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example application as its jar runs it: SCIM on the JDBC store at /scim/v2, /hello beside it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "SCIM_TOKEN=example-test-token")
class SpringExampleApplicationTest {

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder scim(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/scim/v2" + path))
        .header("Authorization", "Bearer example-test-token");
  }

  @Test
  void servesScimAndItsOwnHello() throws Exception {
    HttpResponse<String> hello = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")));
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).contains("hello from the application");

    HttpResponse<String> created = send(scim("/Users").header("Content-Type", "application/scim+json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"alice@example.com\"}")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    String filter = URLEncoder.encode("userName eq \"alice@example.com\"", StandardCharsets.UTF_8).replace("+", "%20");
    HttpResponse<String> found = send(scim("/Users?filter=" + filter));
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains("\"totalResults\":1");

    HttpResponse<String> refused = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/scim/v2/Users")));
    assertThat(refused.statusCode()).isEqualTo(401);
  }
}
