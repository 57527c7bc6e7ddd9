package dev.scimsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import dev.scimsync.server.store.UserStore;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The server's behaviour without HTTP: events, /Me, hidden inactive users, in-memory filtering. */
class ScimServerTest {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();
  static final String TOKEN = "server-test-token-0123456789";
  static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

  final List<ProvisioningEvent> events = new ArrayList<>();

  ScimServer.Builder builder(UserStore users) {
    return ScimServer.builder()
        .users(users)
        .groups(new InMemoryGroupStore(SCHEMAS.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "test", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).inMemoryFilterCap(50).build())
        .listener(events::add);
  }

  ScimServer server() {
    return builder(new InMemoryUserStore(SCHEMAS.resourceSchema("User"))).build();
  }

  static ScimResponse call(ScimServer s, String method, String path, String body) {
    String p = path;
    String q = null;
    int qm = path.indexOf('?');
    if (qm >= 0) {
      p = path.substring(0, qm);
      q = path.substring(qm + 1);
    }
    ScimRequest.Builder b = ScimRequest.builder(method, p).query(q).header("Authorization", "Bearer " + TOKEN);
    if (body != null) {
      b.header("Content-Type", "application/scim+json").body(body);
    }
    return s.handle(b.build());
  }

  static JsonNode json(ScimResponse r) {
    return ScimJson.parse(r.bodyText());
  }

  static String user(String name) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name + "\",\"active\":true}";
  }

  List<String> types() {
    return events.stream().map(ProvisioningEvent::type).toList();
  }

  @Test
  void eventsFollowTheProvisioningLifecycle() {
    ScimServer s = server();
    String u = json(call(s, "POST", "/Users", user("alice"))).get("id").stringValue();
    String g = json(call(s, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"Staff\"}")).get("id").stringValue();
    assertThat(types()).containsExactly("user.created", "group.created");
    events.clear();

    assertThat(call(s, "PATCH", "/Groups/" + g, PATCH.formatted(
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u + "\"}]}")).status()).isEqualTo(204);
    assertThat(types()).containsExactly("group.members_added");
    assertThat(((ProvisioningEvent.GroupMembersAdded) events.get(0)).memberIds()).containsExactly(u);
    events.clear();

    // adding an existing member again changes nothing and says nothing
    call(s, "PATCH", "/Groups/" + g, PATCH.formatted(
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u + "\"}]}"));
    assertThat(events).isEmpty();

    call(s, "PATCH", "/Users/" + u, PATCH.formatted("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
    assertThat(types()).containsExactly("user.updated", "user.deactivated");
    assertThat(((ProvisioningEvent.UserUpdated) events.get(0)).changedAttributes()).containsExactly("active");
    assertThat(events.get(1).actor()).isEqualTo("token:test");
    events.clear();

    call(s, "PATCH", "/Users/" + u, PATCH.formatted("{\"op\":\"replace\",\"value\":{\"active\":true}}"));
    assertThat(types()).containsExactly("user.updated", "user.reactivated");
    events.clear();

    call(s, "PATCH", "/Groups/" + g, PATCH.formatted("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"All Staff\"}"));
    assertThat(types()).containsExactly("group.renamed", "group.updated");
    events.clear();

    assertThat(call(s, "DELETE", "/Users/" + u, null).status()).isEqualTo(204);
    assertThat(types()).containsExactly("user.deleted", "group.members_removed");
    assertThat(((ProvisioningEvent.UserDeleted) events.get(0)).groupIds()).containsExactly(g);
    JsonNode group = json(call(s, "GET", "/Groups/" + g, null));
    assertThat(group.has("members")).as("a deleted user leaves its groups").isFalse();
  }

  @Test
  void meMapsThePrincipalToItsUser() {
    InMemoryUserStore users = new InMemoryUserStore(SCHEMAS.resourceSchema("User"));
    String[] id = new String[1];
    ScimServer s = builder(users).me(p -> Optional.ofNullable(id[0])).build();
    assertThat(call(s, "GET", "/Me", null).status()).isEqualTo(404);
    id[0] = json(call(s, "POST", "/Users", user("me"))).get("id").stringValue();
    ScimResponse me = call(s, "GET", "/Me", null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(json(me).get("userName").stringValue()).isEqualTo("me");
    assertThat(call(server(), "GET", "/Me", null).status()).as("without a mapping").isEqualTo(501);
  }

  @Test
  void inactiveUsersStayVisibleUnlessTheTenantHidesThem() {
    InMemoryUserStore users = new InMemoryUserStore(SCHEMAS.resourceSchema("User"));
    ScimServer visible = builder(users).build();
    String id = json(call(visible, "POST", "/Users", user("bob"))).get("id").stringValue();
    call(visible, "PATCH", "/Users/" + id, PATCH.formatted("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));
    assertThat(call(visible, "GET", "/Users/" + id, null).status()).isEqualTo(200);
    assertThat(json(call(visible, "GET", "/Users?filter=active%20eq%20false", null)).get("totalResults").intValue())
        .isEqualTo(1);

    ScimServer hiding = builder(users).tenant("acme", new TenantSettings(Tolerance.lenient(), true)).build();
    assertThat(call(hiding, "GET", "/Users/" + id, null).status()).isEqualTo(404);
    assertThat(json(call(hiding, "GET", "/Users", null)).get("totalResults").intValue()).isZero();
  }

  /** A store that evaluates no filter itself, so the server must. */
  static final class NoFilterStore implements UserStore {
    final InMemoryUserStore inner = new InMemoryUserStore(SCHEMAS.resourceSchema("User"));
    final List<ResourceQuery> queries = new ArrayList<>();
    /** How many of the next updates fail with 412, as if a concurrent write got in first. */
    int conflicts;
    int updates;

    @Override
    public ScimResource create(StoreContext ctx, ScimResource r) {
      return inner.create(ctx, r);
    }

    @Override
    public Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
      return inner.get(ctx, id, omit);
    }

    @Override
    public ScimResource replace(StoreContext ctx, String id, ScimResource r, String v) {
      return inner.replace(ctx, id, r, v);
    }

    @Override
    public UpdateResult update(StoreContext ctx, String id, PatchResult p, String d, String v) {
      updates++;
      if (conflicts > 0) {
        conflicts--;
        throw new ScimException(412, null, "changed concurrently");
      }
      return inner.update(ctx, id, p, d, v);
    }

    @Override
    public void delete(StoreContext ctx, String id, String v) {
      inner.delete(ctx, id, v);
    }

    @Override
    public ResourcePage search(StoreContext ctx, ResourceQuery q) {
      queries.add(q);
      assertThat(q.filter()).as("the server must not hand this store a filter").isNull();
      return inner.search(ctx, q);
    }
  }

  @Test
  void aPatchWithoutIfMatchIsRetriedAndNeverAnswers412() {
    NoFilterStore store = new NoFilterStore();
    ScimServer s = builder(store).build();
    String id = json(call(s, "POST", "/Users", user("racer"))).get("id").stringValue();
    String op = PATCH.formatted("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"t%d\"}");

    store.conflicts = 3;
    assertThat(call(s, "PATCH", "/Users/" + id, op.formatted(1)).status()).as("retried past 3 conflicts").isEqualTo(200);

    store.conflicts = 1000;
    store.updates = 0;
    ScimResponse busy = call(s, "PATCH", "/Users/" + id, op.formatted(2));
    assertThat(busy.status()).as("never a 412 the client did not ask for").isEqualTo(503);
    assertThat(store.updates).isEqualTo(8);

    store.conflicts = 1;
    store.updates = 0;
    String version = call(s, "GET", "/Users/" + id, null).header("ETag");
    ScimResponse asked = s.handle(ScimRequest.builder("PATCH", "/Users/" + id).header("Authorization", "Bearer " + TOKEN)
        .header("If-Match", version).header("Content-Type", "application/scim+json").body(op.formatted(3)).build());
    assertThat(asked.status()).as("with If-Match the conflict is the client's").isEqualTo(412);
    assertThat(store.updates).isEqualTo(1);
  }

  @Test
  void theServerFiltersOnGroupsForAStoreThatCannot() {
    NoFilterStore store = new NoFilterStore();
    ScimServer s = builder(store).build();
    String in = json(call(s, "POST", "/Users", user("member"))).get("id").stringValue();
    call(s, "POST", "/Users", user("outsider"));
    String g = json(call(s, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"Crew\",\"members\":[{\"value\":\"" + in + "\"}]}")).get("id").stringValue();
    for (String f : List.of("groups.value%20eq%20%22" + g + "%22", "groups.display%20eq%20%22crew%22", "groups%20pr")) {
      JsonNode page = json(call(s, "GET", "/Users?filter=" + f, null));
      assertThat(page.get("totalResults").intValue()).as(f).isEqualTo(1);
      assertThat(page.get("Resources").get(0).get("id").stringValue()).isEqualTo(in);
    }
  }

  @Test
  void theServerFiltersSortsAndPagesForAStoreThatCannot() {
    NoFilterStore store = new NoFilterStore();
    ScimServer s = builder(store).build();
    for (String name : List.of("carol", "alice", "dave", "bob", "anne")) {
      call(s, "POST", "/Users", user(name));
    }
    JsonNode page = json(call(s, "GET", "/Users?filter=userName%20sw%20%22a%22&sortBy=userName&count=1&startIndex=2", null));
    assertThat(page.get("totalResults").intValue()).isEqualTo(2);
    assertThat(page.get("Resources").get(0).get("userName").stringValue()).isEqualTo("anne");
    assertThat(store.queries).isNotEmpty();

    for (int i = 0; i < 50; i++) {
      call(s, "POST", "/Users", user("more" + i));
    }
    ScimResponse tooMany = call(s, "GET", "/Users?filter=userName%20sw%20%22a%22", null);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(json(tooMany).get("scimType").stringValue()).isEqualTo("tooMany");
  }

  @Test
  void unsupportedMethodsGet405WithAllow() {
    ScimServer s = server();
    ScimResponse r = call(s, "DELETE", "/Users", null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, POST");
    assertThat(json(r).get("status").stringValue()).isEqualTo("405");
  }

  @Test
  void groupMembersMustBeUsersOrGroupsOfTheSameTenant() {
    InMemoryUserStore users = new InMemoryUserStore(SCHEMAS.resourceSchema("User"));
    InMemoryGroupStore groups = new InMemoryGroupStore(SCHEMAS.resourceSchema("Group"));
    String otherToken = "other-tenant-token-0123456789";
    ScimServer s = ScimServer.builder().users(users).groups(groups)
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "test", TOKEN)
            .addToken("globex", "other", otherToken))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .build();
    String g = json(call(s, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"G\"}")).get("id").stringValue();
    ScimResponse foreign = s.handle(ScimRequest.builder("POST", "/Users").header("Authorization", "Bearer " + otherToken)
        .header("Content-Type", "application/scim+json").body(user("outsider")).build());
    String outsider = json(foreign).get("id").stringValue();

    for (String member : List.of("no-such-user", outsider, g)) {
      ScimResponse r = call(s, "PATCH", "/Groups/" + g, PATCH.formatted(
          "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + member + "\"}]}"));
      assertThat(r.status()).as(member).isEqualTo(400);
      assertThat(json(r).get("scimType").stringValue()).isEqualTo("invalidValue");
    }
    ScimResponse create = call(s, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"H\",\"members\":[{\"value\":\"" + outsider + "\"}]}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(json(call(s, "GET", "/Groups/" + g, null)).has("members")).isFalse();

    String nested = json(call(s, "POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"Nested\"}")).get("id").stringValue();
    assertThat(call(s, "PATCH", "/Groups/" + g, PATCH.formatted(
        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + nested + "\",\"type\":\"Group\"}]}"))
        .status()).isEqualTo(204);
  }
}
