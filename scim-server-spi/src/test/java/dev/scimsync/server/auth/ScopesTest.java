package dev.scimsync.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each scope allows, and that in-process calls and composite authentication respect it. */
class ScopesTest {

  @Test
  void writeImpliesReadAndTypeScopesCoverOneType() {
    assertThat(Scopes.permits(Set.of(Scopes.READ), "Users", false)).isTrue();
    assertThat(Scopes.permits(Set.of(Scopes.READ), "Users", true)).isFalse();
    assertThat(Scopes.permits(Set.of(Scopes.WRITE), "/Groups", false)).isTrue();
    assertThat(Scopes.permits(Set.of("scim.users.write"), "users", false)).isTrue();
    assertThat(Scopes.permits(Set.of("scim.users.write"), "Groups", false)).isFalse();
    assertThat(Scopes.permits(Set.of("scim.groups.read"), "Groups", true)).isFalse();
    assertThat(Scopes.permits(Set.of("scim.devices.write"), "/Devices", true)).isTrue();
    assertThat(Scopes.permits(Set.of(), "Users", false)).isFalse();
    assertThat(Scopes.parse("  scim.read\tscim.users.write ")).containsExactlyInAnyOrder("scim.read",
        "scim.users.write");
    assertThat(new Principal("t", "s").scopes()).isEqualTo(Scopes.ALL);
  }

  static ScimServer server(Authenticator auth) {
    SchemaRegistry schemas = SchemaRegistry.standard();
    return ScimServer.builder().users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group"))).authenticator(auth).build();
  }

  static ScimRequest post(String path, String body) {
    return ScimRequest.builder("POST", path).header("Content-Type", "application/scim+json")
        .body(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).build();
  }

  @Test
  void anInProcessReadOnlyPrincipalCannotWrite() {
    ScimServer s = server((a, t) -> Optional.empty());
    Principal reader = new Principal("acme", "report", Set.of(Scopes.READ));
    ScimResponse r = s.handleAs(reader, post("/Users",
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\"}"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).contains("scim.users.write").doesNotContain("scimType");
    assertThat(s.handleAs(reader, ScimRequest.builder("GET", "/Users").build()).status()).isEqualTo(200);
  }

  @Test
  void aCompositeAcceptsWhatAnyAcceptsAndGivesTheLastReason() {
    Authenticator refusesWithReason = new Authenticator() {
      @Override
      public Optional<Principal> authenticate(String authorization, String pathTenant) {
        return Optional.empty();
      }

      @Override
      public Authentication check(String authorization, String pathTenant) {
        return Authentication.refused("the access token has expired");
      }
    };
    BearerTokenAuthenticator tokens = new BearerTokenAuthenticator().addToken("acme", "t", "composite-token-0123456");
    CompositeAuthenticator both = CompositeAuthenticator.of(tokens, refusesWithReason);
    assertThat(both.authenticate("Bearer composite-token-0123456", null)).map(Principal::tenantId).contains("acme");
    assertThat(both.check("Bearer other-token-0123456789", null))
        .isEqualTo(Authentication.refused("the access token has expired"));
    ScimResponse r = server(both).handle(ScimRequest.builder("GET", "/Users")
        .header("Authorization", "Bearer other-token-0123456789").build());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().get("WWW-Authenticate")).contains("error=\"invalid_token\"")
        .contains("error_description=\"the access token has expired\"");
  }
}
