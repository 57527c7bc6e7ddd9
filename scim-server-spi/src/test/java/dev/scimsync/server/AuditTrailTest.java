package dev.scimsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.event.AuditLogListener;
import dev.scimsync.server.event.AuditRedaction;
import dev.scimsync.server.event.FileAuditValueStore;
import dev.scimsync.server.event.JsonLinesAuditSink;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compliance trail end to end: SCIM writes on a server become JSON lines saying who, what,
 * when and which request; values follow the redaction policy and never include a password; a hard
 * delete erases the user's values while every line stays.
 */
class AuditTrailTest {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();
  static final String TOKEN = "audit-test-token-0123456789";
  static final String PASSWORD = "t1meMa$heen-secret";

  @TempDir
  Path dir;

  ScimServer server(AuditLogListener audit) {
    return ScimServer.builder()
        .users(new InMemoryUserStore(SCHEMAS.resourceSchema("User")))
        .groups(new InMemoryGroupStore(SCHEMAS.resourceSchema("Group")))
        .authenticator(new BearerTokenAuthenticator().addToken("acme", "entra-2026-11", TOKEN))
        .options(ServerOptions.builder().rateLimit(0, 0).build())
        .listener(audit)
        .build();
  }

  static ScimResponse call(ScimServer s, String method, String path, String body, String requestId) {
    ScimRequest.Builder b = ScimRequest.builder(method, path).header("Authorization", "Bearer " + TOKEN)
        .header("X-Request-Id", requestId).remoteAddress("198.51.100.20");
    if (body != null) {
      b.header("Content-Type", "application/scim+json").body(body);
    }
    return s.handle(b.build());
  }

  static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bjensen\","
      + "\"password\":\"" + PASSWORD + "\",\"name\":{\"givenName\":\"Barbara\",\"familyName\":\"Jensen\"},"
      + "\"emails\":[{\"value\":\"bjensen@example.com\",\"primary\":true}],\"title\":\"Tour Guide\",\"active\":true}";

  List<ObjectNode> lines(Path trail) throws Exception {
    return Files.readAllLines(trail).stream().map(ScimJson::parseObject).toList();
  }

  @Test
  void whoWhatWhenAndWhichRequestAreKeptAndAHardDeleteErasesTheValuesButNotTheFacts() throws Exception {
    Path trail = dir.resolve("audit.jsonl");
    FileAuditValueStore values = new FileAuditValueStore(dir.resolve("values"));
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.append(trail, values)) {
      ScimServer s = server(AuditLogListener.builder().sink(sink).redaction(AuditRedaction.allExcept(Set.of("emails")))
          .eraseOnUserDelete(true).build());
      String id = ScimJson.parse(call(s, "POST", "/Users", USER, "req-create").bodyText()).get("id").stringValue();
      call(s, "PATCH", "/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"replace\",\"path\":\"name.familyName\",\"value\":\"Jensen-Smith\"}]}", "req-patch");

      List<ObjectNode> before = lines(trail);
      assertThat(before).hasSize(2);
      ObjectNode created = before.get(0);
      assertThat(created.get("tenant").stringValue()).isEqualTo("acme");
      assertThat(created.get("actor").stringValue()).isEqualTo("token:entra-2026-11");
      assertThat(created.get("clientAddress").stringValue()).isEqualTo("198.51.100.20");
      assertThat(created.get("requestId").stringValue()).isEqualTo("req-create");
      assertThat(created.get("operation").stringValue()).isEqualTo("CREATE");
      assertThat(created.get("event").stringValue()).isEqualTo("user.created");
      assertThat(created.get("resourceId").stringValue()).isEqualTo(id);
      assertThat(created.get("occurredAt").stringValue()).isNotEmpty();
      assertThat(created.get("attributes").toString()).contains("userName", "emails", "title");
      assertThat(created.get("valuesStored").booleanValue()).as("values live in the value store").isTrue();
      assertThat(before.get(1).get("attributes").toString()).isEqualTo("[\"name\"]");
      assertThat(before.get(1).get("operation").stringValue()).isEqualTo("PATCH");

      String exported = export(trail, values);
      assertThat(exported).contains("Tour Guide", "Jensen-Smith", AuditRedaction.REDACTED)
          .doesNotContain("bjensen@example.com").doesNotContain(PASSWORD);
      assertThat(Files.readString(trail)).doesNotContain("Tour Guide").doesNotContain(PASSWORD);
      try (var files = Files.list(dir.resolve("values"))) {
        for (Path f : files.toList()) {
          assertThat(Files.readString(f)).doesNotContain(PASSWORD).contains("Tour Guide");
        }
      }

      call(s, "DELETE", "/Users/" + id, null, "req-delete");
    }
    List<ObjectNode> after = lines(trail);
    assertThat(after).hasSize(3);
    assertThat(after.subList(0, 2)).isEqualTo(lines(trail).subList(0, 2));
    assertThat(after.get(2).get("event").stringValue()).isEqualTo("user.deleted");
    assertThat(after.get(2).get("requestId").stringValue()).isEqualTo("req-delete");
    String exported = export(trail, values);
    assertThat(exported).doesNotContain("Tour Guide").doesNotContain("Jensen-Smith").doesNotContain("bjensen");
    List<ObjectNode> exportedLines = exported.lines().map(ScimJson::parseObject).toList();
    assertThat(exportedLines).hasSize(3);
    assertThat(exportedLines.get(0).get("valuesErased").booleanValue()).isTrue();
    assertThat(exportedLines.get(1).get("attributes").toString()).isEqualTo("[\"name\"]");
    try (var files = Files.list(dir.resolve("values"))) {
      assertThat(files.toList()).isEmpty();
    }
  }

  static String export(Path trail, FileAuditValueStore values) throws Exception {
    StringWriter out = new StringWriter();
    JsonLinesAuditSink.export(new StringReader(Files.readString(trail)), values, out);
    return out.toString();
  }

  @Test
  void byDefaultOnlyTheNamesOfChangedAttributesAreKept() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ScimServer s = server(AuditLogListener.builder().sink(new JsonLinesAuditSink(out, null)).build());
    call(s, "POST", "/Users", USER, "r1");
    String trail = out.toString(StandardCharsets.UTF_8);
    assertThat(trail).contains("\"userName\"", "\"emails\"").doesNotContain("bjensen").doesNotContain(PASSWORD)
        .doesNotContain("\"values\"");
  }

  @Test
  void anAllowListKeepsOnlyItsValuesAndPasswordsNeverAppear() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ScimServer s = server(AuditLogListener.builder().sink(new JsonLinesAuditSink(out, null))
        .redaction(AuditRedaction.only(Set.of("active", "title", "password"))).build());
    call(s, "POST", "/Users", USER, "r1");
    ObjectNode line = ScimJson.parseObject(out.toString(StandardCharsets.UTF_8).strip());
    assertThat(line.get("values").get("title").stringValue()).isEqualTo("Tour Guide");
    assertThat(line.get("values").get("active").booleanValue()).isTrue();
    assertThat(line.get("values").get("userName").stringValue()).isEqualTo(AuditRedaction.REDACTED);
    assertThat(line.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void thePolicyNeverKeepsAPasswordAndCoversSubAttributes() {
    var secret = tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(PASSWORD);
    var value = tools.jackson.databind.node.JsonNodeFactory.instance.stringNode("Jensen");
    for (AuditRedaction policy : List.of(AuditRedaction.allExcept(Set.of()), AuditRedaction.only(Set.of("password")))) {
      assertThat(policy.apply("password", secret).stringValue()).isEqualTo(AuditRedaction.REDACTED);
      assertThat(policy.apply("urn:example:schemas:extension:acme:2.0:User:password", secret).stringValue())
          .isEqualTo(AuditRedaction.REDACTED);
    }
    assertThat(AuditRedaction.namesOnly().apply("name.familyName", value)).isNull();
    assertThat(AuditRedaction.allExcept(Set.of("name")).apply("name.familyName", value).stringValue())
        .isEqualTo(AuditRedaction.REDACTED);
    assertThat(AuditRedaction.allExcept(Set.of("name")).apply("nickName", value)).isEqualTo(value);
    assertThat(AuditRedaction.only(Set.of("Name")).apply("name.familyName", value)).isEqualTo(value);
  }
}
