package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.client.ResourceClient;
import dev.scimsync.client.ScimClient;
import dev.scimsync.client.ScimClientException;
import dev.scimsync.client.ScimConflictException;
import dev.scimsync.client.ScimNotFoundException;
import dev.scimsync.client.ScimPreconditionFailedException;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.Reference;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.core.resource.Name;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import dev.scimsync.server.ServerOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The typed client ({@link ScimClient}) against the example server over real HTTP on loopback: a
 * full provisioning cycle of users and groups, and the errors a sync client must tell apart
 * (conflict, not found, stale version, not modified).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientServerIntegrationTest {

  static final String TOKEN = "client-it-token-0123456789";

  ExampleServer server;
  ScimClient scim;
  ResourceClient<User> users;
  ResourceClient<Group> groups;

  @BeforeAll
  void start() throws Exception {
    server = startServer(TOKEN);
    scim = ScimClient.builder().baseUrl(server.baseUrl()).bearerToken(TOKEN).build();
    users = scim.users();
    groups = scim.groups();
  }

  @AfterAll
  void stop() {
    if (scim != null) {
      scim.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The example server on an ephemeral loopback port, without rate limiting. */
  static ExampleServer startServer(String token) throws Exception {
    return ExampleServer.start(ExampleServer.parse(new String[] {"--port", "0", "--token", token}),
        ServerOptions.builder().rateLimit(0, 0).build());
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void discoveryReadsTheServersCapabilities() {
    var spc = scim.serviceProviderConfig();
    assertThat(spc.patchSupported()).isTrue();
    assertThat(spc.bulkSupported()).isTrue();
    assertThat(spc.bulkMaxOperations()).isEqualTo(1000);
    assertThat(spc.filterSupported()).isTrue();
    assertThat(scim.resourceTypes()).extracting(t -> t.name()).contains("User", "Group");
    assertThat(scim.schemas()).isNotEmpty();
  }

  @Test
  void userProvisioningCycle() {
    String userName = unique("cycle");
    User created = users.create(User.builder(userName)
        .externalId("E-" + userName)
        .name(Name.ofGivenAndFamily("Barbara", "Jensen"))
        .displayName("Babs Jensen")
        .addEmail(new MultiValue(userName, null, "work", true))
        .active(true)
        .build());
    String id = created.id();
    assertThat(id).isNotBlank();
    assertThat(created.meta().version()).isNotBlank();
    assertThat(created.meta().location()).isEqualTo(server.baseUrl() + "/Users/" + id);
    assertThat(created.meta().resourceType()).isEqualTo("User");
    assertThat(created.userName()).isEqualTo(userName);
    assertThat(created.name().familyName()).isEqualTo("Jensen");

    // find by filter, and the read agrees with the create
    User found = users.findOne(Filter.eq("userName", userName)).orElseThrow();
    assertThat(found.toResource().json()).isEqualTo(created.toResource().json());
    assertThat(users.findOne(Filter.eq("externalId", "E-" + userName)).map(User::id)).contains(id);
    assertThat(users.get(id)).isEqualTo(found);

    // patch with the fluent builder
    User patched = users.patch(id)
        .replace("name.familyName", "Jensen-Smith")
        .add("emails", List.of(MultiValue.of("babs-" + userName, "home")))
        .ifMatch(created.meta().version())
        .sendAndGet();
    assertThat(patched.name().familyName()).isEqualTo("Jensen-Smith");
    assertThat(patched.name().givenName()).isEqualTo("Barbara");
    assertThat(patched.emails()).extracting(MultiValue::value).containsExactly(userName, "babs-" + userName);
    assertThat(patched.emails()).extracting(MultiValue::type).containsExactly("work", "home");
    assertThat(patched.meta().version()).isNotEqualTo(created.meta().version());
    assertThat(users.get(id)).isEqualTo(patched);

    // deactivate: still there, findable as inactive, not as active
    users.patch(id).replace("active", false).send();
    assertThat(users.get(id).active()).isFalse();
    assertThat(users.findOne(Filter.eq("userName", userName).and(Filter.eq("active", false))).map(User::id))
        .contains(id);
    assertThat(users.findOne(Filter.eq("userName", userName).and(Filter.eq("active", true)))).isEmpty();
    try (var inactive = users.search(Filter.eq("active", false)).pageSize(50).stream()) {
      assertThat(inactive.map(User::id)).contains(id);
    }

    // delete: 404 afterwards
    users.delete(id);
    assertThatThrownBy(() -> users.get(id)).isInstanceOf(ScimNotFoundException.class)
        .satisfies(e -> assertThat(((ScimNotFoundException) e).status()).isEqualTo(404));
    assertThat(users.find(id)).isEmpty();
    assertThat(users.findOne(Filter.eq("userName", userName))).isEmpty();
    assertThatThrownBy(() -> users.delete(id)).isInstanceOf(ScimNotFoundException.class);
    assertThatThrownBy(() -> users.patch(id).replace("active", true).send()).isInstanceOf(ScimNotFoundException.class);
  }

  @Test
  void groupMembershipCycle() {
    User alice = users.create(User.builder(unique("alice")).build());
    User bob = users.create(User.builder(unique("bob")).build());
    String name = "Engineering " + UUID.randomUUID();
    Group g = groups.create(Group.builder(name).externalId("G-" + name).build());
    assertThat(g.id()).isNotBlank();
    assertThat(g.members()).isEmpty();

    // add both (the server answers 204 to a group PATCH by default)
    Optional<Group> added = groups.patch(g.id()).add("members", List.of(Reference.user(alice.id()), Reference.user(bob.id())))
        .send().resource();
    assertThat(added).isEmpty();
    assertThat(groups.get(g.id()).members()).extracting(Reference::value).containsExactlyInAnyOrder(alice.id(), bob.id());
    assertThat(users.get(alice.id()).groups()).extracting(Reference::value).containsExactly(g.id());
    assertThat(users.get(alice.id()).groups()).extracting(Reference::display).containsExactly(name);
    assertThat(users.get(bob.id()).groups()).extracting(Reference::value).containsExactly(g.id());
    assertThat(groups.findOne(Filter.eq("members.value", alice.id())).map(Group::id)).contains(g.id());

    // remove alice with a value filter, bob Entra-style with a value list
    groups.patch(g.id()).remove("members", Filter.eq("value", alice.id())).send();
    assertThat(groups.get(g.id()).members()).extracting(Reference::value).containsExactly(bob.id());
    assertThat(users.get(alice.id()).groups()).isEmpty();
    assertThat(users.get(bob.id()).groups()).extracting(Reference::value).containsExactly(g.id());

    // rename: the group and the membership's display follow
    String renamed = name + " (renamed)";
    Group afterRename = groups.patch(g.id()).replace("displayName", renamed).sendAndGet();
    assertThat(afterRename.displayName()).isEqualTo(renamed);
    assertThat(groups.findOne(Filter.eq("displayName", renamed)).map(Group::id)).contains(g.id());
    assertThat(groups.findOne(Filter.eq("displayName", name))).isEmpty();
    assertThat(users.get(bob.id()).groups()).extracting(Reference::display).containsExactly(renamed);

    groups.patch(g.id()).remove("members", List.of(Map.of("value", bob.id()))).send();
    assertThat(groups.get(g.id()).members()).isEmpty();
    assertThat(users.get(bob.id()).groups()).isEmpty();

    // deleting a member user drops it from the group
    groups.patch(g.id()).add("members", List.of(Reference.user(alice.id()))).send();
    users.delete(alice.id());
    assertThat(groups.get(g.id()).members()).isEmpty();

    groups.delete(g.id());
    assertThatThrownBy(() -> groups.get(g.id())).isInstanceOf(ScimNotFoundException.class);
    assertThat(users.get(bob.id()).groups()).isEmpty();
  }

  @Test
  void duplicateCreateIsAUniquenessConflict() {
    String userName = unique("dup");
    users.create(User.builder(userName).build());
    assertThatThrownBy(() -> users.create(User.builder(userName).displayName("again").build()))
        .isInstanceOfSatisfying(ScimConflictException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.scimType()).isEqualTo(ScimType.UNIQUENESS);
          assertThat(e.method()).isEqualTo("POST");
          assertThat(e.path()).isEqualTo("/scim/v2/Users");
        });
    // userName is caseExact false: another case is the same user
    assertThatThrownBy(() -> users.create(User.builder(userName.toUpperCase(java.util.Locale.ROOT)).build()))
        .isInstanceOfSatisfying(ScimConflictException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.UNIQUENESS));

    String groupName = "dup group " + UUID.randomUUID();
    groups.create(Group.builder(groupName).build());
    assertThatThrownBy(() -> groups.create(Group.builder(groupName).build()))
        .isInstanceOfSatisfying(ScimConflictException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.UNIQUENESS));

    // renaming onto a taken userName is a conflict too
    User other = users.create(User.builder(unique("dup-other")).build());
    assertThatThrownBy(() -> users.patch(other.id()).replace("userName", userName).send())
        .isInstanceOfSatisfying(ScimConflictException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.UNIQUENESS));
  }

  @Test
  void staleVersionsAreRejectedAndNotModifiedIsEmpty() {
    User created = users.create(User.builder(unique("etag")).title("Engineer").build());
    String v1 = created.meta().version();
    assertThat(users.getIfModified(created.id(), v1)).as("304 for the current version").isEmpty();

    User changed = users.patch(created.id()).replace("title", "Manager").ifMatch(v1).sendAndGet();
    String v2 = changed.meta().version();
    assertThat(v2).isNotEqualTo(v1);

    // a stale version: PATCH, PUT and DELETE all fail with 412 and change nothing
    assertThatThrownBy(() -> users.patch(created.id()).replace("title", "Director").ifMatch(v1).send())
        .isInstanceOfSatisfying(ScimPreconditionFailedException.class, e -> assertThat(e.status()).isEqualTo(412));
    assertThatThrownBy(() -> users.replace(created.toBuilder().title("Director").build()))
        .as("replace sends the resource's own meta.version as If-Match")
        .isInstanceOf(ScimPreconditionFailedException.class);
    assertThatThrownBy(() -> users.delete(created.id(), v1)).isInstanceOf(ScimPreconditionFailedException.class);
    assertThat(users.get(created.id()).title()).isEqualTo("Manager");

    // If-None-Match: the stale version gives the resource, the current one 304
    assertThat(users.getIfModified(created.id(), v1)).map(User::title).contains("Manager");
    assertThat(users.getIfModified(created.id(), v2)).isEmpty();

    // the current version is accepted
    User replaced = users.replace(changed.toBuilder().title("Director").build());
    assertThat(replaced.title()).isEqualTo("Director");
    assertThat(users.getIfModified(created.id(), v2)).map(User::title).contains("Director");
    users.delete(created.id(), replaced.meta().version());
    assertThat(users.find(created.id())).isEmpty();
  }

  @Test
  void errorsAreMappedAndReplaceKeepsMembership() {
    // a wrong token: 401, not retried into something else
    try (ScimClient wrong = ScimClient.builder().baseUrl(server.baseUrl()).bearerToken("wrong-token-0123456789abc")
        .discovery(false).build()) {
      assertThatThrownBy(() -> wrong.users().get("x")).isInstanceOfSatisfying(ScimClientException.class,
          e -> assertThat(e.status()).isEqualTo(401));
    }
    // no userName: the server's 400 with its scimType
    assertThatThrownBy(() -> users.create(User.builder().displayName("nameless").build()))
        .isInstanceOfSatisfying(ScimClientException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
        });
    // a filter that does not parse fails before anything is sent
    assertThatThrownBy(() -> users.search("userName eq")).isInstanceOfSatisfying(ScimException.class,
        e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_FILTER));

    // PUT of a user read back with its (read-only) groups leaves the membership alone
    User member = users.create(User.builder(unique("put-member")).build());
    Group g = groups.create(Group.builder("put group " + UUID.randomUUID()).addMember(Reference.user(member.id())).build());
    User read = users.get(member.id());
    assertThat(read.groups()).extracting(Reference::value).containsExactly(g.id());
    User replaced = users.replace(read.toBuilder().title("Replaced").build());
    assertThat(replaced.title()).isEqualTo("Replaced");
    assertThat(replaced.groups()).extracting(Reference::value).containsExactly(g.id());
    assertThat(groups.get(g.id()).members()).extracting(Reference::value).containsExactly(member.id());
    // and a group PUT without members empties it
    groups.replace(groups.get(g.id()).toBuilder().members(List.of()).build());
    assertThat(users.get(member.id()).groups()).isEmpty();
  }
}
