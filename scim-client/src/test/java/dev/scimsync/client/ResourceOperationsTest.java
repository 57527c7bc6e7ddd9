package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.core.resource.Reference;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;

class ResourceOperationsTest extends ClientTestBase {

  @Test
  void createSendsStrictHeadersAndReadsTheStoredUser() throws Exception {
    server.enqueue(json(201, user("u1", "bjensen")));
    try (ScimClient c = client()) {
      User u = c.users().create(User.builder("bjensen").active(true).build());
      assertThat(u.id()).isEqualTo("u1");
      assertThat(u.meta().version()).isEqualTo("W/\"u1-1\"");
    }
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/scim/v2/Users");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/scim+json");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/scim+json, application/json");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer test-token");
    assertThat(r.getHeaders().get("User-Agent")).startsWith("scimsync/");
    assertThat(ScimJson.parseObject(body(r)).get("userName").stringValue()).isEqualTo("bjensen");
  }

  @Test
  void userAgentCanBeChanged() throws Exception {
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().userAgent("sync/2").build()) {
      c.users().get("u1");
    }
    assertThat(take().getHeaders().get("User-Agent")).isEqualTo("sync/2");
  }

  @Test
  void getEncodesTheIdAndSendsProjection() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/json")
        .setHeader("ETag", "W/\"7\"").body("{\"id\":\"a/b\",\"userName\":\"x\"}").build());
    try (ScimClient c = client()) {
      User u = c.users().get("a/b", AttributeSelection.include("userName", "emails"));
      assertThat(u.userName()).isEqualTo("x");
      assertThat(u.meta().version()).as("ETag header becomes meta.version").isEqualTo("W/\"7\"");
    }
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/scim/v2/Users/a%2Fb");
    assertThat(r.getUrl().queryParameter("attributes")).isEqualTo("userName,emails");
    assertThat(r.getUrl().queryParameter("excludedAttributes")).isNull();
  }

  @Test
  void getIfModifiedSendsIfNoneMatchAndReportsNotModified() throws Exception {
    server.enqueue(status(304));
    server.enqueue(json(user("u1", "new")));
    try (ScimClient c = client()) {
      assertThat(c.users().getIfModified("u1", "W/\"1\"")).isEmpty();
      assertThat(c.users().getIfModified("u1", "W/\"1\"")).get().extracting(User::userName).isEqualTo("new");
    }
    assertThat(take().getHeaders().get("If-None-Match")).isEqualTo("W/\"1\"");
  }

  @Test
  void findGivesEmptyOn404() {
    server.enqueue(json(404, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"404\"}"));
    try (ScimClient c = client()) {
      assertThat(c.users().find("nope")).isEmpty();
    }
  }

  @Test
  void replaceSendsIfMatchFromMetaVersion() throws Exception {
    server.enqueue(json(user("u1", "renamed")));
    server.enqueue(json(user("u1", "renamed")));
    try (ScimClient c = client()) {
      User current = User.from(ScimResource.parse(user("u1", "bjensen")));
      User changed = current.toBuilder().userName("renamed").build();
      assertThat(c.users().replace(changed).userName()).isEqualTo("renamed");
      c.users().replace(changed, null);
    }
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/scim/v2/Users/u1");
    assertThat(r.getHeaders().get("If-Match")).isEqualTo("W/\"u1-1\"");
    assertThat(take().getHeaders().get("If-Match")).as("explicit null: unconditional").isNull();
  }

  @Test
  void deleteWithAndWithoutVersion() throws Exception {
    server.enqueue(status(204));
    server.enqueue(status(204));
    try (ScimClient c = client()) {
      c.users().delete("u1");
      c.users().delete("u1", "W/\"3\"");
    }
    RecordedRequest first = take();
    assertThat(first.getMethod()).isEqualTo("DELETE");
    assertThat(first.getHeaders().get("If-Match")).isNull();
    assertThat(take().getHeaders().get("If-Match")).isEqualTo("W/\"3\"");
  }

  @Test
  void patchBuilderSendsOperationsAndHandles200And204() throws Exception {
    server.enqueue(status(204));
    server.enqueue(json(user("u1", "bjensen")));
    try (ScimClient c = client()) {
      Optional<User> none = c.users().patch("u1")
          .replace("active", false)
          .add("emails", List.of(MultiValue.of("b@example.com", "work")))
          .remove("members[value eq \"x\"]")
          .ifMatch("W/\"2\"")
          .send().resource();
      assertThat(none).isEmpty();
      assertThat(c.users().patch("u1", PatchRequest.of(PatchOperation.replace("active", BooleanNode.FALSE)))
          .resource()).get().extracting(User::id).isEqualTo("u1");
    }
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getHeaders().get("If-Match")).isEqualTo("W/\"2\"");
    JsonNode sent = ScimJson.parseObject(body(r));
    assertThat(sent.get("schemas").get(0).stringValue()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    assertThat(sent.get("Operations")).hasSize(3);
    assertThat(sent.get("Operations").get(0).get("op").stringValue()).isEqualTo("replace");
    assertThat(sent.get("Operations").get(1).get("value").get(0).get("value").stringValue()).isEqualTo("b@example.com");
    assertThat(sent.get("Operations").get(2).get("path").stringValue()).isEqualTo("members[value eq \"x\"]");
  }

  @Test
  void sendAndGetReadsTheResourceAfter204() throws Exception {
    server.enqueue(status(204));
    server.enqueue(json(user("g1", "x")));
    try (ScimClient c = client()) {
      ScimResource r = c.resources("/Groups").patch("g1").add("members", List.of(Reference.of("u1"))).sendAndGet();
      assertThat(r.id()).isEqualTo("g1");
    }
    assertThat(take().getMethod()).isEqualTo("PATCH");
    assertThat(take().getMethod()).isEqualTo("GET");
  }

  @Test
  void invalidPatchPathFailsBeforeAnyRequest() {
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().patch("u1").remove("members[value eq ]"))
          .isInstanceOf(ScimException.class)
          .extracting(e -> ((ScimException) e).scimType()).isEqualTo(ScimType.INVALID_PATH);
      assertThatThrownBy(() -> c.users().patch("u1").replace("active", null))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void searchPrintsTheFilterWithEscapingAndProjection() throws Exception {
    server.enqueue(json(list(1, 1, user("u1", "o\\\"brien"))));
    try (ScimClient c = client()) {
      Filter f = Filter.eq("userName", "o\"brien").and(Filter.eq("active", true));
      List<User> found = c.users().search(f).attributes("userName").sortBy("userName", SortOrder.DESCENDING)
          .pageSize(50).stream().toList();
      assertThat(found).extracting(User::userName).containsExactly("o\"brien");
    }
    RecordedRequest r = take();
    assertThat(r.getUrl().queryParameter("filter")).isEqualTo("userName eq \"o\\\"brien\" and active eq true");
    assertThat(Filter.parse(r.getUrl().queryParameter("filter")))
        .isEqualTo(Filter.eq("userName", "o\"brien").and(Filter.eq("active", true)));
    assertThat(r.getUrl().queryParameter("attributes")).isEqualTo("userName");
    assertThat(r.getUrl().queryParameter("sortOrder")).isEqualTo("descending");
    assertThat(r.getUrl().queryParameter("startIndex")).isEqualTo("1");
    assertThat(r.getUrl().queryParameter("count")).isEqualTo("50");
  }

  @Test
  void rawFilterTextIsValidatedBeforeSending() throws Exception {
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().search("userName eq"))
          .isInstanceOf(ScimException.class)
          .extracting(e -> ((ScimException) e).scimType()).isEqualTo(ScimType.INVALID_FILTER);
      assertThat(server.getRequestCount()).isZero();
      server.enqueue(json(list(0, 1)));
      assertThat(c.users().search("userName   EQ \"x\"").stream()).isEmpty();
    }
    assertThat(take().getUrl().queryParameter("filter")).isEqualTo("userName eq \"x\"");
  }

  @Test
  void searchViaPostSendsASearchRequest() throws Exception {
    server.enqueue(json(list(1, 1, user("u1", "a"))));
    try (ScimClient c = client()) {
      assertThat(c.users().search(Filter.eq("userName", "a")).viaPost().excludedAttributes("groups").stream())
          .hasSize(1);
    }
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/scim/v2/Users/.search");
    assertThat(r.getUrl().query()).isNull();
    JsonNode sent = ScimJson.parseObject(body(r));
    assertThat(sent.get("filter").stringValue()).isEqualTo("userName eq \"a\"");
    assertThat(sent.get("excludedAttributes").get(0).stringValue()).isEqualTo("groups");
    assertThat(sent.get("startIndex").intValue()).isEqualTo(1);
  }

  @Test
  void searchViaPostFallsBackToGetOn404And405And501AndRemembersIt() throws Exception {
    for (int code : new int[] {404, 405, 501}) {
      server.enqueue(status(code));
      server.enqueue(json(list(1, 1, user("u1", "a"))));
      server.enqueue(json(list(1, 1, user("u1", "a"))));
      try (ScimClient c = client()) {
        assertThat(c.users().search(Filter.eq("userName", "a")).viaPost().stream()).hasSize(1);
        assertThat(c.users().search(Filter.eq("userName", "a")).viaPost().stream()).hasSize(1);
      }
      assertThat(take().getMethod()).isEqualTo("POST");
      assertThat(take().getMethod()).isEqualTo("GET");
      assertThat(take().getMethod()).as("remembered").isEqualTo("GET");
    }
  }

  @Test
  void findOneAndTotalResults() throws Exception {
    server.enqueue(json(list(1, 1, user("u1", "a"))));
    server.enqueue(json(list(0, 1)));
    server.enqueue(json(list(2, 1, user("u1", "a"), user("u2", "a"))));
    server.enqueue(json(list(42, 1, user("u1", "a"))));
    try (ScimClient c = client()) {
      assertThat(c.users().findOne(Filter.eq("userName", "a"))).isPresent();
      assertThat(c.users().findOne(Filter.eq("userName", "a"))).isEmpty();
      assertThatThrownBy(() -> c.users().findOne(Filter.eq("userName", "a"))).isInstanceOf(IllegalStateException.class);
      assertThat(c.users().all().totalResults()).isEqualTo(42);
    }
  }

  @Test
  void listWithoutResourcesAndSchemasIsEmpty() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body("{\"totalResults\":\"0\"}").build());
    try (ScimClient c = client()) {
      assertThat(c.users().all().stream()).isEmpty();
    }
  }

  @Test
  void customEndpointWorksOnGenericResources() throws Exception {
    server.enqueue(json(201, "{\"id\":\"d1\",\"serial\":\"X\"}"));
    try (ScimClient c = client()) {
      ScimResource d = c.resources("Devices/").create(ScimResource.parse("{\"serial\":\"X\"}"));
      assertThat(d.id()).isEqualTo("d1");
    }
    assertThat(take().getUrl().encodedPath()).isEqualTo("/scim/v2/Devices");
  }

  @Test
  void createWithoutBodyReadsTheLocation() throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).setHeader("Location", server.url("/scim/v2/Users/u9")).build());
    server.enqueue(json(user("u9", "z")));
    try (ScimClient c = client()) {
      assertThat(c.users().create(User.builder("z").build()).id()).isEqualTo("u9");
    }
  }

  @Test
  void interceptorHookSeesEveryRequest() throws Exception {
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().tokenSource(null)
        .interceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-Api-Key", "k").build())).build()) {
      c.users().get("u1");
    }
    RecordedRequest r = take();
    assertThat(r.getHeaders().get("X-Api-Key")).isEqualTo("k");
    assertThat(r.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void sharedHttpClientIsDerivedNotClosed() throws Exception {
    okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
    server.enqueue(json(user("u1", "a")));
    try (ScimClient c = builder().httpClient(shared).build()) {
      c.users().get("u1");
    }
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    assertThat(shared.connectionPool().connectionCount()).isEqualTo(1);
    shared.connectionPool().evictAll();
  }
}
