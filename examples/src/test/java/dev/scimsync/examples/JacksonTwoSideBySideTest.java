package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scimsync.client.ScimClient;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.User;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An application still on Jackson 2 ({@code com.fasterxml.jackson.core:jackson-databind} 2.x) uses
 * scimsync, which is on Jackson 3 ({@code tools.jackson}), in the same JVM: its own mapper and
 * annotated DTOs keep working while our server and client handle SCIM.
 */
class JacksonTwoSideBySideTest {

  /** The application's DTO, mapped by its Jackson 2 annotations. */
  record Seat(@JsonProperty("seat_holder") String holder, @JsonProperty("scim_id") String scimId, int seats) {}

  static final String TOKEN = "jackson-two-token-0123456789";

  @Test
  void bothJacksonsRunInOneJvm() throws Exception {
    ObjectMapper jackson2 = new ObjectMapper();
    assertThat(jackson2.version().getMajorVersion()).isEqualTo(2);
    assertThat(ScimJson.mapper().version().getMajorVersion()).isEqualTo(3);

    SchemaRegistry schemas = SchemaRegistry.standard();
    ScimServer scim = ScimServer.builder()
        .schemas(schemas)
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("app", "test", TOKEN))
        .basePath("/scim/v2")
        .build();
    HttpServer http = JdkHttpServerAdapter.start(scim, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/");
    try (ScimClient client = ScimClient.builder()
        .baseUrl("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2").bearerToken(TOKEN).build()) {
      User created = client.users().create(User.builder("bjensen@example.com").displayName("Barbara Jensen").build());

      // the application's Jackson 2 mapper writes and reads its own DTO, built from the SCIM user
      String json = jackson2.writeValueAsString(new Seat(created.displayName(), created.id(), 3));
      assertThat(json).isEqualTo("{\"seat_holder\":\"Barbara Jensen\",\"scim_id\":\"" + created.id() + "\",\"seats\":3}");
      Seat read = jackson2.readValue(json, Seat.class);
      assertThat(read.scimId()).isEqualTo(created.id());

      // and reads SCIM JSON written by Jackson 3 as a Jackson 2 tree
      com.fasterxml.jackson.databind.JsonNode tree = jackson2.readTree(created.toResource().toJsonString());
      assertThat(tree.get("userName").asText()).isEqualTo("bjensen@example.com");

      try (Stream<User> all = client.users().all().stream()) {
        assertThat(all.map(User::id).toList()).containsExactly(read.scimId());
      }
    } finally {
      JdkHttpServerAdapter.stop(http, 0);
    }
  }
}
