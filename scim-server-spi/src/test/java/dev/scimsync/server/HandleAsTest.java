package dev.scimsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In-process requests on behalf of a principal ({@link ScimServer#handleAs}), as directory sync makes them. */
class HandleAsTest {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();
  static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"%s\"}";

  final List<ProvisioningEvent> events = new ArrayList<>();

  ScimServer server() {
    return ScimServer.builder()
        .users(new InMemoryUserStore(SCHEMAS.resourceSchema("User")))
        .groups(new InMemoryGroupStore(SCHEMAS.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "idp", "handle-as-token-0123456789"))
        .options(ServerOptions.builder().rateLimit(1, 1).build())
        .tenantPathPattern("/tenants/{tenant}/scim/v2")
        .listener(events::add)
        .build();
  }

  static ScimRequest post(String path, String body) {
    return ScimRequest.builder("POST", path).header("Content-Type", "application/scim+json").body(body).build();
  }

  @Test
  void writesGoThroughTheSameValidationUniquenessAndEventsWithoutACredentialOrTheRequestRate() {
    ScimServer s = server();
    Principal sync = new Principal("acme", "directory-sync");
    assertThat(s.handleAs(sync, post("/Users", USER.formatted("ann"))).status()).isEqualTo(201);
    assertThat(s.handleAs(sync, post("/Users", USER.formatted("bob"))).status()).isEqualTo(201); // no 429
    assertThat(s.handleAs(sync, post("/Users", USER.formatted("ANN"))).status()).isEqualTo(409);
    assertThat(s.handleAs(sync, post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}"))
        .status()).isEqualTo(400);
    assertThat(events).extracting(ProvisioningEvent::actor).containsExactly("directory-sync", "directory-sync");
    assertThat(events).extracting(ProvisioningEvent::tenantId).containsOnly("acme");
    // the same request without a credential through handle() is refused
    assertThat(s.handle(post("/Users", USER.formatted("cy"))).status()).isEqualTo(401);
  }

  @Test
  void aPathNamingAnotherTenantIsRefused() {
    ScimServer s = server();
    Principal sync = new Principal("acme", "directory-sync");
    assertThat(s.handleAs(sync, post("/tenants/other/scim/v2/Users", USER.formatted("ann"))).status())
        .isEqualTo(401);
    assertThat(s.handleAs(sync, post("/tenants/acme/scim/v2/Users", USER.formatted("ann"))).status())
        .isEqualTo(201);
  }
}
