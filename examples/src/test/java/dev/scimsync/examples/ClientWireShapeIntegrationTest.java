package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.client.Page;
import dev.scimsync.client.PatchBuilder;
import dev.scimsync.client.ScimClient;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.client.BulkResult;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.message.SearchRequest;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.core.resource.Address;
import dev.scimsync.core.resource.EnterpriseUser;
import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.Manager;
import dev.scimsync.core.resource.Reference;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.core.resource.Name;
import dev.scimsync.core.resource.User;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.examples.RecordingInterceptor.Exchange;
import dev.scimsync.examples.ScimHttp.Res;
import dev.scimsync.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wire-shape agreement between the client and the server: what the client sends (recorded by an
 * OkHttp interceptor) is read strictly by scim-core and stored by the server value for value; what
 * the server sends (recorded, and fetched again with {@link java.net.http.HttpClient}) is parsed by
 * the client with nothing lost, i.e. the client's typed view written back as JSON equals the
 * server's JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientWireShapeIntegrationTest {

  static final String TOKEN = "client-wire-token-0123456789";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  ExampleServer server;
  ScimClient scim;
  ScimHttp raw;
  final RecordingInterceptor recorder = new RecordingInterceptor();

  @BeforeAll
  void start() throws Exception {
    server = ClientServerIntegrationTest.startServer(TOKEN);
    scim = ScimClient.builder().baseUrl(server.baseUrl()).bearerToken(TOKEN).interceptor(recorder).build();
    raw = new ScimHttp(server.baseUrl(), TOKEN);
    scim.serviceProviderConfig(); // discovery out of the way
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

  @BeforeEach
  void clear() {
    recorder.clear();
  }

  /** A user with every attribute the typed view models, and values that need escaping. */
  static User richUser(String userName, String managerId) {
    return User.builder(userName)
        .externalId("ext-" + userName)
        .name(new Name("Zoë \"Z\" Ünïcødé-Ω", "Ünïcødé-Ω", "Zoë", "Q. \\ back\\slash", "Dr.", "Jr. 日本"))
        .displayName("Zoë 😀 \"quoted\"\nnewline\ttab")
        .nickName("zo")
        .profileUrl("https://example.com/~zoe?x=1&y=2")
        .title("Staff Engineer")
        .userType("Employee")
        .preferredLanguage("de-CH")
        .locale("de-CH")
        .timezone("Europe/Zurich")
        .active(true)
        .addEmail(new MultiValue(userName, "Work mail", "work", true))
        .addEmail(MultiValue.of("zoe+home@example.org", "home"))
        .addPhoneNumber(MultiValue.of("+41 44 000 00 00", "work"))
        .addPhoneNumber(MultiValue.of("+41 44 000 00 01", "fax"))
        .ims(List.of(MultiValue.of("zoe@xmpp.example.com", "xmpp")))
        .photos(List.of(MultiValue.of("https://photos.example.com/zoe.jpg", "photo")))
        .addAddress(new Address("Bahnhofstrasse 1\n8001 Zürich", "Bahnhofstrasse 1", "Zürich", "ZH", "8001", "CH",
            "work", true))
        .entitlements(List.of(MultiValue.of("vpn")))
        .roles(List.of(new MultiValue("admin", "Administrator", "role", false)))
        .enterprise(new EnterpriseUser("E-42", "CC-7", "Acme", "R&D", "Platform",
            managerId == null ? null : Manager.of(managerId)))
        .build();
  }

  /** {@code json} without the attributes the server assigns ({@code id}, {@code meta}) and {@code groups}. */
  static ObjectNode withoutServerAssigned(JsonNode json) {
    ObjectNode o = ((ObjectNode) json).deepCopy();
    o.remove("id");
    o.remove("meta");
    o.remove("groups");
    return o;
  }

  /**
   * The managerId the server derives ({@code $ref}, {@code displayName}) is server-assigned in the
   * enterprise manager; everything else must come back as sent.
   */
  static ObjectNode storedAsSent(JsonNode stored, JsonNode sent) {
    ObjectNode s = withoutServerAssigned(stored);
    JsonNode mgr = s.path(ENTERPRISE).path("manager");
    JsonNode sentMgr = sent.path(ENTERPRISE).path("manager");
    if (mgr.isObject() && sentMgr.isObject()) {
      ObjectNode m = (ObjectNode) mgr;
      for (String k : List.of("$ref", "displayName")) {
        if (!sentMgr.has(k)) {
          m.remove(k);
        }
      }
    }
    return s;
  }

  @Test
  void createSendsTheTypedResourceAndReadsBackEverything() {
    User manager = scim.users().create(User.builder("mgr-" + UUID.randomUUID() + "@example.com").build());
    recorder.clear();
    User input = richUser("wire-" + UUID.randomUUID() + "@example.com", manager.id());
    User created = scim.users().create(input);

    Exchange post = recorder.only(e -> e.method().equals("POST"));
    assertThat(post.requestContentType()).startsWith("application/scim+json");
    assertThat(post.requestJson()).as("the client sends the typed resource as is").isEqualTo(input.toResource().json());
    assertThat(post.status()).isEqualTo(201);
    assertThat(post.responseContentType()).startsWith("application/scim+json");
    assertThat(post.etag()).isEqualTo(created.meta().version());
    assertThat(created.toResource().json()).as("nothing lost parsing the create response").isEqualTo(post.responseJson());
    assertThat(storedAsSent(post.responseJson(), post.requestJson())).as("stored as sent")
        .isEqualTo(post.requestJson());

    // the same resource fetched with java.net.http: same JSON as the client's typed view of it
    Res fetched = raw.get("/Users/" + created.id());
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.text().getBytes(StandardCharsets.UTF_8)).as("byte for byte as in the create response")
        .isEqualTo(post.responseBody());
    assertThat(post.requestBody()).as("byte for byte as scim-core writes it")
        .isEqualTo(ScimJson.writeBytes(input.toResource().json()));
    User got = scim.users().get(created.id());
    assertThat(got.toResource().json()).isEqualTo(fetched.json());
    assertThat(got.toResource().json()).isEqualTo(post.responseJson());
    assertThat(got).isEqualTo(created);
    assertThat(User.from(got.toResource())).isEqualTo(got);
    assertThat(got.extra().isEmpty()).as("everything the server sent is modelled: %s", got.extra()).isTrue();
  }

  @Test
  void patchRequestIsReadStrictlyAndItsValuesAreStored() {
    User created = scim.users().create(richUser("patch-" + UUID.randomUUID() + "@example.com", null));
    recorder.clear();
    MultiValue newEmail = new MultiValue("zoe+new@example.net", "New \"mail\" ✓", "other", false);
    PatchBuilder<User> patch = scim.users().patch(created.id())
        .replace("name.familyName", "Nachname-ß")
        .add("emails", List.of(newEmail))
        .remove("phoneNumbers[type eq \"fax\"]")
        .replace(ENTERPRISE + ":department", "Platform Ünïcødé")
        .replace("active", false)
        .add("nickName", "zz")
        .ifMatch(created.meta().version());
    User patched = patch.sendAndGet();

    Exchange sent = recorder.only(e -> e.method().equals("PATCH"));
    assertThat(sent.requestJson()).isEqualTo(patch.request().toJson());
    assertThat(PatchRequest.fromJson(sent.requestJson(), Tolerance.strict())).isEqualTo(patch.request());
    assertThat(sent.status()).isEqualTo(200);
    assertThat(patched.toResource().json()).as("nothing lost parsing the PATCH response").isEqualTo(sent.responseJson());

    // each operation's value is stored exactly as sent
    JsonNode stored = raw.get("/Users/" + created.id()).json();
    ArrayNode ops = (ArrayNode) sent.requestJson().get("Operations");
    assertThat(stored.at("/name/familyName")).isEqualTo(ops.get(0).get("value"));
    assertThat(stored.get("emails")).contains(ops.get(1).get("value").get(0));
    assertThat(stored.get("emails")).hasSize(3);
    assertThat(stored.get("phoneNumbers")).hasSize(1);
    assertThat(stored.get("phoneNumbers").get(0).get("type").stringValue()).isEqualTo("work");
    assertThat(stored.get(ENTERPRISE).get("department")).isEqualTo(ops.get(3).get("value"));
    assertThat(stored.get("active")).isEqualTo(ops.get(4).get("value"));
    assertThat(stored.get("nickName")).isEqualTo(ops.get(5).get("value"));
    assertThat(stored).isEqualTo(sent.responseJson());

    // and nothing else changed
    ObjectNode expected = created.toBuilder()
        .name(new Name("Zoë \"Z\" Ünïcødé-Ω", "Nachname-ß", "Zoë", "Q. \\ back\\slash", "Dr.", "Jr. 日本"))
        .emails(List.of(created.emails().get(0), created.emails().get(1), newEmail))
        .phoneNumbers(List.of(created.phoneNumbers().get(0)))
        .enterprise(new EnterpriseUser("E-42", "CC-7", "Acme", "R&D", "Platform Ünïcødé", null))
        .active(false)
        .nickName("zz")
        .build().toResource().json();
    assertThat(withoutServerAssigned(stored)).isEqualTo(withoutServerAssigned(expected));
  }

  @Test
  void searchRequestsAndListResponsesAgree() {
    String prefix = "search-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(scim.users().create(richUser(prefix + "-" + i + "@example.com", null)).id());
    }
    Filter filter = Filter.sw("userName", prefix).and(Filter.eq("emails.type", "work"));

    // POST /.search: the body is a strict SearchRequest, and a second POST of the same body with
    // java.net.http gives the same ListResponse, resource for resource as the client read it
    recorder.clear();
    Page<User> page = scim.users().search(filter).pageSize(3)
        .sortBy("userName", SortOrder.DESCENDING)
        .excludedAttributes("phoneNumbers").viaPost().firstPage();
    Exchange post = recorder.only(e -> e.method().equals("POST"));
    assertThat(post.url()).endsWith("/Users/.search");
    SearchRequest sent = SearchRequest.fromJson(post.requestJson(), Tolerance.strict());
    assertThat(sent).isEqualTo(new SearchRequest(List.of(), List.of("phoneNumbers"), filter.toString(), "userName",
        SortOrder.DESCENDING, 1, 3, null));
    assertThat(sent.toJson()).isEqualTo(post.requestJson());
    Res again = raw.post("/Users/.search", post.requestJson().toString());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(post.responseBody());
    assertThat(page.totalResults()).isEqualTo(5);
    assertThat(page.resources()).hasSize(3);
    assertThat(page.resources()).extracting(User::userName)
        .containsExactly(prefix + "-4@example.com", prefix + "-3@example.com", prefix + "-2@example.com");
    assertResourcesAgree(page, post.responseJson());
    assertThat(page.resources()).allSatisfy(u -> assertThat(u.phoneNumbers()).isEmpty());

    // GET with the same query: the URL the client built, fetched with java.net.http
    recorder.clear();
    Page<User> get = scim.users().search(filter).pageSize(3).sortBy("userName", SortOrder.DESCENDING)
        .excludedAttributes("phoneNumbers").firstPage();
    Exchange g = recorder.only(e -> e.method().equals("GET"));
    Res again2 = raw.get(g.url());
    assertThat(again2.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(g.responseBody());
    assertThat(g.responseJson()).as("GET and POST /.search answer alike").isEqualTo(post.responseJson());
    assertResourcesAgree(get, g.responseJson());

    // cursor paging: the cursor goes out as sent by the server
    recorder.clear();
    List<String> seen = new ArrayList<>();
    scim.users().search(filter).pageSize(2).cursorPaging().viaPost().stream().forEach(u -> seen.add(u.id()));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    List<Exchange> pages = recorder.all();
    assertThat(pages).hasSize(3);
    for (int i = 1; i < pages.size(); i++) {
      assertThat(pages.get(i).requestJson().get("cursor"))
          .isEqualTo(pages.get(i - 1).responseJson().get("nextCursor"));
    }
  }

  private static void assertResourcesAgree(Page<User> page, JsonNode listResponse) {
    JsonNode resources = listResponse.get("Resources");
    assertThat(resources).hasSize(page.resources().size());
    for (int i = 0; i < resources.size(); i++) {
      assertThat(page.resources().get(i).toResource().json()).isEqualTo(resources.get(i));
    }
  }

  @Test
  void bulkRequestIsReadStrictlyAndItsResultsAgree() {
    String name = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
    User u = richUser(name + "@example.com", null);
    ObjectNode userData = u.toResource().json();
    ObjectNode groupData = Group.builder(name + " group")
        .addMember(new Reference("bulkId:u1", null, null, "User"))
        .build().toResource().json();
    ObjectNode patchData = new PatchRequest(List.of(
        dev.scimsync.core.message.PatchOperation.replace("title", ScimHttp.JSON.getNodeFactory().stringNode("Boss"))))
        .toJson();
    BulkRequest request = new BulkRequest(null, List.of(
        new BulkOperation(BulkMethod.POST, "u1", null, "/Users", userData),
        new BulkOperation(BulkMethod.POST, "g1", null, "/Groups", groupData),
        new BulkOperation(BulkMethod.PATCH, null, null, "/Users/bulkId:u1", patchData),
        new BulkOperation(BulkMethod.POST, "dup", null, "/Users", userData)));
    BulkResult response = scim.bulk(request);

    Exchange bulk = recorder.only(e -> e.url().endsWith("/Bulk"));
    assertThat(bulk.requestJson()).isEqualTo(request.toJson());
    assertThat(BulkRequest.fromJson(bulk.requestJson(), Tolerance.strict())).isEqualTo(request);
    assertThat(bulk.status()).isEqualTo(200);
    assertThat(response.toResponse().toJson()).as("nothing lost parsing the bulk response").isEqualTo(bulk.responseJson());
    assertThat(response.operations()).extracting(o -> o.status()).containsExactly(201, 201, 200, 409);
    assertThat(response.operations().get(3).error().scimType()).isEqualTo(dev.scimsync.core.error.ScimType.UNIQUENESS);

    String userLoc = response.operations().get(0).location();
    String userId = userLoc.substring(userLoc.lastIndexOf('/') + 1);
    String groupLoc = response.operations().get(1).location();
    String groupId = groupLoc.substring(groupLoc.lastIndexOf('/') + 1);
    assertThat(userLoc).isEqualTo(server.baseUrl() + "/Users/" + userId);

    JsonNode storedUser = raw.get("/Users/" + userId).json();
    ObjectNode expectedUser = userData.deepCopy().put("title", "Boss");
    assertThat(withoutServerAssigned(storedUser)).isEqualTo(expectedUser);
    assertThat(storedUser.at("/meta/version").stringValue()).isEqualTo(response.operations().get(2).version());
    assertThat(storedUser.get("groups").get(0).get("value").stringValue()).isEqualTo(groupId);
    assertThat(scim.users().get(userId).toResource().json()).isEqualTo(storedUser);

    JsonNode storedGroup = raw.get("/Groups/" + groupId).json();
    assertThat(storedGroup.get("members")).hasSize(1);
    assertThat(storedGroup.at("/members/0/value").stringValue()).isEqualTo(userId);
    assertThat(scim.groups().get(groupId).toResource().json()).isEqualTo(storedGroup);
  }

  @Test
  void groupsRoundTrip() {
    User a = scim.users().create(User.builder("ga-" + UUID.randomUUID() + "@example.com").displayName("A").build());
    User b = scim.users().create(User.builder("gb-" + UUID.randomUUID() + "@example.com").displayName("B").build());
    recorder.clear();
    Group input = Group.builder("Wire group " + UUID.randomUUID())
        .externalId("wg-1")
        .addMember(Reference.user(a.id()))
        .addMember(Reference.user(b.id()))
        .build();
    Group created = scim.groups().create(input);
    Exchange post = recorder.only(e -> e.method().equals("POST"));
    assertThat(post.requestJson()).isEqualTo(input.toResource().json());
    assertThat(created.toResource().json()).isEqualTo(post.responseJson());
    Res fetched = raw.get("/Groups/" + created.id());
    assertThat(scim.groups().get(created.id()).toResource().json()).isEqualTo(fetched.json());
    assertThat(created.members()).extracting(Reference::value).containsExactlyInAnyOrder(a.id(), b.id());
    // a group PATCH answered with 204 and ETag: the client's follow-up GET sees that version
    recorder.clear();
    Group renamed = scim.groups().patch(created.id()).replace("displayName", "Renamed " + UUID.randomUUID())
        .sendAndGet();
    Exchange patch = recorder.only(e -> e.method().equals("PATCH"));
    assertThat(patch.status()).isEqualTo(204);
    assertThat(renamed.meta().version()).isEqualTo(patch.etag());
    // users' groups are rendered as the client reads them
    JsonNode rawA = raw.get("/Users/" + a.id()).json();
    assertThat(scim.users().get(a.id()).toResource().json()).isEqualTo(rawA);
    assertThat(rawA.at("/groups/0/display").stringValue()).isEqualTo(renamed.displayName());
  }

  @Test
  void filterValuesWithQuotesAndUnicodeRoundTrip() {
    String odd = "o\"dd\\näme 😀 " + UUID.randomUUID() + "@example.com";
    User created = scim.users().create(User.builder(odd).build());
    assertThat(created.userName()).isEqualTo(odd);
    assertThat(scim.users().findOne(Filter.eq("userName", odd)).map(User::id)).contains(created.id());
    assertThat(scim.users().search(Filter.eq("userName", odd)).viaPost().firstPage().resources())
        .extracting(User::id).containsExactly(created.id());
  }

  @Test
  void bulkBeyondMaxOperationsIsChunkedAndResolvesEarlierChunksBulkIds() {
    String name = "chunk-" + UUID.randomUUID().toString().substring(0, 8);
    List<BulkOperation> ops = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ops.add(new BulkOperation(BulkMethod.POST, "u" + i, null, "/Users",
          User.builder(name + "-" + i + "@example.com").build().toResource().json()));
    }
    // in the second chunk: a group whose members were created by the first
    ops.add(new BulkOperation(BulkMethod.POST, "g", null, "/Groups", Group.builder(name)
        .addMember(Reference.of("bulkId:u0")).addMember(Reference.of("bulkId:u999")).build().toResource().json()));
    ops.add(new BulkOperation(BulkMethod.DELETE, null, null, "/Users/bulkId:u1", null));
    BulkResult response = scim.bulk(new BulkRequest(null, ops));

    List<Exchange> posts = recorder.all().stream().filter(e -> e.url().endsWith("/Bulk")).toList();
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).requestJson().get("Operations")).hasSize(1000);
    JsonNode second = posts.get(1).requestJson().get("Operations");
    assertThat(second).hasSize(2);
    assertThat(second.toString()).doesNotContain("bulkId:");
    assertThat(response.operations()).hasSize(1002);
    assertThat(response.operations()).allSatisfy(o -> assertThat(o.status()).isLessThan(300));
    String groupLoc = response.operations().get(1000).location();
    Group g = scim.groups().get(groupLoc.substring(groupLoc.lastIndexOf('/') + 1));
    String u0 = response.operations().get(0).location();
    String u999 = response.operations().get(999).location();
    assertThat(g.members()).extracting(Reference::value).containsExactlyInAnyOrder(
        u0.substring(u0.lastIndexOf('/') + 1), u999.substring(u999.lastIndexOf('/') + 1));
    String u1 = response.operations().get(1).location();
    assertThat(scim.users().find(u1.substring(u1.lastIndexOf('/') + 1))).isEmpty();
  }
}
