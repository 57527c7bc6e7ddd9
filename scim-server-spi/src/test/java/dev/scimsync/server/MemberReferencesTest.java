package dev.scimsync.server;

import static dev.scimsync.server.ScimServerTest.SCHEMAS;
import static dev.scimsync.server.ScimServerTest.call;
import static dev.scimsync.server.ScimServerTest.json;
import static dev.scimsync.server.ScimServerTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.store.ForwardingGroupStore;
import dev.scimsync.server.store.ForwardingUserStore;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Group members' {@code display}, {@code type} and {@code $ref}, and the check that an added
 * member exists, are answered with batched lookups ({@code getAll}), never one store read per
 * member; a created user's {@code groups} are not read.
 */
class MemberReferencesTest {

  private final CountingUserStore users = new CountingUserStore();
  private final WatchedGroupStore groups = new WatchedGroupStore();
  private final ScimServer server = ScimServer.builder()
      .users(users)
      .groups(groups)
      .authenticator(new BearerTokenAuthenticator().addToken("acme", "test", ScimServerTest.TOKEN))
      .options(ServerOptions.builder().rateLimit(0, 0).build())
      .build();

  private String create(String body) {
    ScimResponse r = call(server, "POST", body.contains(":Group\"") ? "/Groups" : "/Users", body);
    assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
    return json(r).get("id").stringValue();
  }

  @Test
  void membersAreResolvedTogetherNotOneReadPerMember() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(create(user("u" + i)));
    }
    String sub = create("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"sub\"}");
    StringBuilder members = new StringBuilder();
    ids.forEach(id -> members.append("{\"value\":\"").append(id).append("\",\"display\":\"spoofed\"},"));
    members.append("{\"value\":\"").append(sub).append("\"}");
    users.gets = 0;
    users.getAlls = 0;

    String group = create("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"all\","
        + "\"members\":[" + members + "]}");
    ScimResponse read = call(server, "GET", "/Groups/" + group, null);

    assertThat(users.gets).as("single reads of users").isZero();
    assertThat(users.getAlls).as("batched reads: the check on create, its response, the GET").isEqualTo(3);
    JsonNode out = json(read).get("members");
    assertThat(out).hasSize(41);
    JsonNode first = out.get(0);
    assertThat(first.get("display").stringValue()).isEqualTo("u0");
    assertThat(first.get("type").stringValue()).isEqualTo("User");
    assertThat(first.get("$ref").stringValue()).endsWith("/Users/" + ids.get(0));
    JsonNode last = out.get(40);
    assertThat(last.get("type").stringValue()).isEqualTo("Group");
    assertThat(last.get("display").stringValue()).isEqualTo("sub");
  }

  @Test
  void anUnknownMemberIsStillRefused() {
    String id = create(user("known"));
    ScimResponse r = call(server, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"g\",\"members\":[{\"value\":\"" + id + "\"},{\"value\":\"nobody\"}]}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("nobody");
  }

  @Test
  void aCreatedUsersGroupsAreNotRead() {
    ScimResponse r = call(server, "POST", "/Users", user("fresh"));

    assertThat(r.status()).isEqualTo(201);
    assertThat(json(r).has("groups")).isFalse();
    assertThat(groups.groupsRead).isFalse();
  }

  /** The in-memory user store, counting single and batched reads. */
  static final class CountingUserStore extends ForwardingUserStore {
    int gets;
    int getAlls;

    CountingUserStore() {
      super(new InMemoryUserStore(SCHEMAS.resourceSchema("User")));
    }

    @Override
    public Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
      gets++;
      return super.get(ctx, id, omit);
    }

    @Override
    public Optional<ScimResource> get(StoreContext ctx, String id) {
      gets++;
      return super.get(ctx, id);
    }

    @Override
    public Map<String, ScimResource> getAll(StoreContext ctx, Collection<String> ids, Set<String> omit) {
      getAlls++;
      return super.getAll(ctx, ids, omit);
    }
  }

  /** A group store that notes whether memberships were read. */
  static final class WatchedGroupStore extends ForwardingGroupStore {
    boolean groupsRead;

    WatchedGroupStore() {
      super(new InMemoryGroupStore(SCHEMAS.resourceSchema("Group")));
    }

    @Override
    public List<Membership> groupsOf(StoreContext ctx, String memberId) {
      groupsRead = true;
      return super.groupsOf(ctx, memberId);
    }

    @Override
    public Map<String, List<Membership>> groupsOf(StoreContext ctx, Collection<String> memberIds) {
      groupsRead = true;
      return super.groupsOf(ctx, memberIds);
    }
  }
}
