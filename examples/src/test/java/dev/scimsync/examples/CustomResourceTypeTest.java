package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.SchemaExtension;
import dev.scimsync.core.schema.SchemaJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryResourceStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A resource type the application registers (RFC 7643 §6): served, discoverable, filterable,
 * patchable and reachable through Bulk like Users and Groups, with cursor pagination (RFC 9865).
 */
class CustomResourceTypeTest {

  static final String DEVICE = "urn:acme:params:scim:schemas:core:2.0:Device";
  static final String TOKEN = "custom-type-token-0123456789";
  static HttpServer http;
  static ScimHttp scim;

  @BeforeAll
  static void start() throws Exception {
    var device = SchemaJson.readSchema("""
        {"id":"%s","name":"Device","attributes":[
          {"name":"serialNumber","type":"string","required":true,"caseExact":true,"uniqueness":"server"},
          {"name":"model","type":"string"},
          {"name":"retired","type":"boolean"},
          {"name":"tags","type":"string","multiValued":true}]}""".formatted(DEVICE));
    SchemaRegistry registry = SchemaRegistry.standardBuilder().schema(device)
        .resourceType(new ResourceType("Device", "Device", "/Devices", "Company devices", DEVICE,
            List.<SchemaExtension>of()))
        .build();
    ScimServer server = ScimServer.builder()
        .schemas(registry)
        .users(new InMemoryUserStore(registry.resourceSchema("User")))
        .groups(new InMemoryGroupStore(registry.resourceSchema("Group")))
        .resourceType("Device", new InMemoryResourceStore(registry.resourceSchema("Device")))
        .authenticator(new BearerTokenAuthenticator().addToken("t1", "test", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .basePath("/scim/v2")
        .build();
    http = JdkHttpServerAdapter.start(server, new InetSocketAddress("127.0.0.1", 0), "/");
    scim = new ScimHttp("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2", TOKEN);
  }

  @AfterAll
  static void stop() {
    JdkHttpServerAdapter.stop(http, 0);
  }

  static String device(String serial, String model) {
    return "{\"schemas\":[\"" + DEVICE + "\"],\"serialNumber\":\"" + serial + "\",\"model\":\"" + model
        + "\",\"tags\":[\"laptop\"]}";
  }

  @Test
  void crudFilterPatchAndUniqueness() {
    var created = scim.post("/Devices", device("SN-1", "X1"));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").stringValue();
    assertThat(created.header("Location")).endsWith("/scim/v2/Devices/" + id);
    assertThat(created.json().at("/meta/resourceType").stringValue()).isEqualTo("Device");

    assertThat(scim.post("/Devices", device("SN-1", "other")).status()).isEqualTo(409);

    var found = scim.get("/Devices?filter=" + ScimHttp.q("serialNumber eq \"SN-1\" and tags eq \"LAPTOP\""));
    assertThat(found.json().get("totalResults").intValue()).isEqualTo(1);
    assertThat(scim.get("/Devices?filter=" + ScimHttp.q("serialNumber eq \"sn-1\"")).json().get("totalResults")
        .intValue()).as("serialNumber is caseExact").isZero();

    var patched = scim.patch("/Devices/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"retired\",\"value\":true},"
        + "{\"op\":\"add\",\"path\":\"tags\",\"value\":[\"loaner\"]}]}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("retired").booleanValue()).isTrue();
    assertThat(patched.json().get("tags").toString()).isEqualTo("[\"laptop\",\"loaner\"]");

    assertThat(scim.delete("/Devices/" + id).status()).isEqualTo(204);
    assertThat(scim.get("/Devices/" + id).status()).isEqualTo(404);
  }

  @Test
  void discoveryListsTheTypeAndItsSchema() {
    JsonNode types = scim.get("/ResourceTypes").json();
    assertThat(types.get("Resources").findValuesAsString("endpoint")).contains("/Users", "/Groups", "/Devices");
    JsonNode schema = scim.get("/Schemas/" + DEVICE).json();
    assertThat(schema.get("attributes").findValuesAsString("name")).containsExactly(
        "serialNumber", "model", "retired", "tags");
  }

  @Test
  void bulkCreatesDevicesAndCursorPaginationVisitsEachOnce() {
    StringBuilder ops = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      ops.append(i == 0 ? "" : ",").append("{\"method\":\"POST\",\"path\":\"/Devices\",\"bulkId\":\"d").append(i)
          .append("\",\"data\":").append(device("BULK-" + i, "M")).append('}');
    }
    var bulk = scim.post("/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
        + "\"Operations\":[" + ops + "]}");
    assertThat(bulk.status()).isEqualTo(200);
    assertThat(bulk.json().get("Operations").findValuesAsString("status")).hasSize(25).containsOnly("201");

    java.util.Set<String> seen = new java.util.HashSet<>();
    String cursor = "";
    int pages = 0;
    while (cursor != null) {
      var page = scim.get("/Devices?count=10&filter=" + ScimHttp.q("model eq \"M\"") + "&cursor="
          + ScimHttp.q(cursor));
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      page.json().get("Resources").forEach(r -> assertThat(seen.add(r.get("id").stringValue())).isTrue());
      JsonNode next = page.json().get("nextCursor");
      cursor = next == null ? null : next.stringValue();
      pages++;
    }
    assertThat(seen).hasSize(25);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aCursorIsBoundToItsQuery() {
    var first = scim.get("/Devices?count=1&cursor=&filter=" + ScimHttp.q("model pr"));
    String next = first.json().get("nextCursor").stringValue();
    var reused = scim.get("/Devices?count=1&filter=" + ScimHttp.q("model eq \"other\"") + "&cursor="
        + ScimHttp.q(next));
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().get("scimType").stringValue()).isEqualTo("invalidCursor");
    var forged = scim.get("/Devices?count=1&filter=" + ScimHttp.q("model pr") + "&cursor=" + ScimHttp.q(next + "x"));
    assertThat(forged.json().get("scimType").stringValue()).isEqualTo("invalidCursor");
  }
}
