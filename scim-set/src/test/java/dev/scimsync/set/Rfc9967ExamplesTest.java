package dev.scimsync.set;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The encoder's SETs against the examples of RFC 9967 (Figures 2 to 11, verbatim in
 * {@code src/test/resources/rfc9967}): the same event URIs, and every claim and payload value of
 * the example present with the same value. Where an example shows what a provisioning event
 * cannot know (the externalId of a deleted resource, the client's member display names), the test
 * says so and leaves that value out.
 */
class Rfc9967ExamplesTest {

  // Figure 3 has a trailing comma; read the examples as printed
  static final JsonMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
  static final Instant WHEN = Instant.parse("2026-11-30T12:00:00Z");
  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  static ObjectNode rfc(String name) {
    try (InputStream in = Rfc9967ExamplesTest.class.getResourceAsStream("/rfc9967/" + name + ".json")) {
      return (ObjectNode) LENIENT.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An encoder that issues the example's jti, iat, iss and aud. */
  static SetEncoder encoderFor(ObjectNode example, SetEncoder.Mode mode) {
    List<String> aud = new ArrayList<>();
    example.get("aud").forEach(a -> aud.add(a.stringValue()));
    return SetEncoder.builder()
        .issuer(example.get("iss").stringValue())
        .audience(aud)
        .mode(mode)
        .clock(Clock.fixed(Instant.ofEpochSecond(example.get("iat").asLong()), ZoneOffset.UTC))
        .jtiGenerator(() -> example.get("jti").stringValue())
        .build();
  }

  static EventContext ctx(EventContext.Operation op) {
    return new EventContext("req-1", "192.0.2.7", op);
  }

  static ObjectNode encode(ObjectNode example, SetEncoder.Mode mode, ProvisioningEvent e, EventContext.Operation op) {
    SecurityEventToken set = encoderFor(example, mode).encode(e, ctx(op)).orElseThrow();
    ObjectNode json = wire(set);
    assertThat(json.has("sub")).as("RFC 9967 §2.1: sub_id, never sub").isFalse();
    assertThat(json.get("toe").asLong()).isEqualTo(WHEN.getEpochSecond());
    assertThat(json.get("txn").stringValue()).isNotEmpty();
    return json;
  }

  /** The claims as a receiver reads them from the wire (numbers as the parser types them). */
  static ObjectNode wire(SecurityEventToken set) {
    return ScimJson.parseObject(ScimJson.write(set.toJson()));
  }

  /** Same event URIs; every value of the example is in ours ("attributes": ours names at least those). */
  static void assertMatches(ObjectNode ours, ObjectNode example) {
    assertThat(fieldNames(ours.get("events"))).isEqualTo(fieldNames(example.get("events")));
    contains(example, ours, "$");
  }

  static Set<String> fieldNames(JsonNode o) {
    Set<String> s = new java.util.LinkedHashSet<>();
    o.propertyNames().forEach(s::add);
    return s;
  }

  static void contains(JsonNode expected, JsonNode actual, String at) {
    assertThat(actual).as(at + " is missing").isNotNull();
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(at + " is an object").isTrue();
      for (var e : expected.properties()) {
        contains(e.getValue(), actual.get(e.getKey()), at + "." + e.getKey());
      }
    } else if (expected.isArray() && at.endsWith(".attributes")) {
      List<JsonNode> have = new ArrayList<>();
      actual.forEach(have::add);
      assertThat(have).as(at).containsAll(expected::iterator);
    } else {
      assertThat(actual).as(at).isEqualTo(expected);
    }
  }

  static ScimResource resource(ObjectNode json) {
    return ScimResource.of(json);
  }

  @Test
  void figure4CreateFull() {
    ObjectNode ex = rfc("figure04-create-full");
    ObjectNode user = (ObjectNode) ex.get("events").get(ScimEventUris.CREATE_FULL).get("data").deepCopy();
    user.put("id", "44f6142df96bd6ab61e7521d9");
    user.put("externalId", "jdoe");
    user.put("password", "t1meMa$heen");
    ObjectNode ours = encode(ex, SetEncoder.Mode.FULL,
        new ProvisioningEvent.UserCreated("acme", "44f6142df96bd6ab61e7521d9", WHEN, "token:entra", resource(user)),
        EventContext.Operation.CREATE);
    assertMatches(ours, ex);
    assertThat(ours.get("events").get(ScimEventUris.CREATE_FULL).get("data").has("password"))
        .as("a password never travels in a SET").isFalse();
  }

  @Test
  void figure5CreateNotice() {
    ObjectNode ex = rfc("figure05-create-notice");
    ObjectNode user = ScimJson.object();
    user.putArray("schemas").add(USER);
    user.put("id", "44f6142df96bd6ab61e7521d9");
    user.put("externalId", "jdoe");
    user.putObject("name").put("givenName", "John").put("familyName", "Doe");
    user.put("userName", "jdoe");
    user.put("password", "t1meMa$heen");
    user.putArray("emails").addObject().put("type", "work").put("value", "jdoe@example.com");
    ObjectNode ours = encode(ex, SetEncoder.Mode.NOTICE,
        new ProvisioningEvent.UserCreated("acme", "44f6142df96bd6ab61e7521d9", WHEN, null, resource(user)),
        EventContext.Operation.CREATE);
    assertMatches(ours, ex);
  }

  @Test
  void figure6PatchFull() {
    ObjectNode ex = rfc("figure06-patch-full");
    // a membership event has no group representation: no externalId and no version to report, and
    // the equivalent PATCH names members by value, without the client's display and $ref
    ((ObjectNode) ex.get("sub_id")).remove("externalId");
    ObjectNode payload = (ObjectNode) ex.get("events").get(ScimEventUris.PATCH_FULL);
    payload.remove("version");
    ObjectNode member = (ObjectNode) payload.get("data").get("Operations").get(0).get("value").get(0);
    member.remove("display");
    member.remove("$ref");
    ObjectNode ours = encode(ex, SetEncoder.Mode.FULL,
        new ProvisioningEvent.GroupMembersAdded("acme", "176f397ec4c44b94b2cfcb759780b8c2", WHEN, null,
            Set.of("2819c223-7f76-453a-919d-413861904646")),
        EventContext.Operation.PATCH);
    assertMatches(ours, ex);
  }

  @Test
  void figure7PatchNotice() {
    ObjectNode ex = rfc("figure07-patch-notice");
    ((ObjectNode) ex.get("sub_id")).remove("externalId");
    ((ObjectNode) ex.get("events").get(ScimEventUris.PATCH_NOTICE)).remove("version");
    ObjectNode ours = encode(ex, SetEncoder.Mode.NOTICE,
        new ProvisioningEvent.GroupMembersAdded("acme", "176f397ec4c44b94b2cfcb759780b8c2", WHEN, null,
            Set.of("2819c223-7f76-453a-919d-413861904646")),
        EventContext.Operation.PATCH);
    assertMatches(ours, ex);
  }

  @Test
  void figure7PatchNoticeFromAnAttributeChangeCarriesTheVersion() {
    ObjectNode ex = rfc("figure07-patch-notice");
    ObjectNode group = ScimJson.object();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    group.put("id", "176f397ec4c44b94b2cfcb759780b8c2");
    group.put("externalId", "crmUsers");
    group.put("displayName", "CRM users");
    group.putObject("meta").put("version", "a330bc54f0671c9");
    // the example's change, made to an attribute the event carries the resource for
    ((ArrayNode) ex.get("events").get(ScimEventUris.PATCH_NOTICE).get("attributes")).removeAll().add("displayName");
    ObjectNode ours = encode(ex, SetEncoder.Mode.NOTICE,
        new ProvisioningEvent.GroupUpdated("acme", "176f397ec4c44b94b2cfcb759780b8c2", WHEN, null,
            Set.of("displayName"), resource(group)),
        EventContext.Operation.PATCH);
    assertMatches(ours, ex);
  }

  @Test
  void figure8PutFull() {
    ObjectNode ex = rfc("figure08-put-full");
    ObjectNode user = (ObjectNode) ex.get("events").get(ScimEventUris.PUT_FULL).get("data").deepCopy();
    user.put("id", "2819c223-7f76-453a-919d-413861904646");
    user.putObject("meta").put("version", "a330bc54f0671c9");
    ObjectNode ours = encode(ex, SetEncoder.Mode.FULL,
        new ProvisioningEvent.UserUpdated("acme", "2819c223-7f76-453a-919d-413861904646", WHEN, null,
            Set.of("userName", "externalId", "name", "roles", "emails"), resource(user)),
        EventContext.Operation.REPLACE);
    assertMatches(ours, ex);
  }

  @Test
  void figure9PutNotice() {
    ObjectNode ex = rfc("figure09-put-notice");
    ObjectNode user = (ObjectNode) rfc("figure08-put-full").get("events").get(ScimEventUris.PUT_FULL).get("data").deepCopy();
    user.put("id", "2819c223-7f76-453a-919d-413861904646");
    user.putObject("meta").put("version", "a330bc54f0671c9");
    ObjectNode ours = encode(ex, SetEncoder.Mode.NOTICE,
        new ProvisioningEvent.UserUpdated("acme", "2819c223-7f76-453a-919d-413861904646", WHEN, null,
            Set.of("userName", "externalId", "name", "roles", "emails"), resource(user)),
        EventContext.Operation.REPLACE);
    assertMatches(ours, ex);
    assertThat(ours.get("events").get(ScimEventUris.PUT_NOTICE).has("data")).as("notice or full, never both").isFalse();
  }

  @Test
  void figure10Delete() {
    ObjectNode ex = rfc("figure10-delete");
    // the resource is gone when the event is published: its externalId is not known
    ((ObjectNode) ex.get("sub_id")).remove("externalId");
    ObjectNode ours = encode(ex, SetEncoder.Mode.NOTICE,
        new ProvisioningEvent.UserDeleted("acme", "2b2f880af6674ac284bae9381673d462", WHEN, null, Set.of()),
        EventContext.Operation.DELETE);
    assertMatches(ours, ex);
    assertThat(ours.get("events").get(ScimEventUris.DELETE).isEmpty()).as("a delete has no payload").isTrue();
  }

  @Test
  void figure11Activate() {
    ObjectNode ex = rfc("figure11-activate");
    ObjectNode user = ScimJson.object();
    user.putArray("schemas").add(USER);
    user.put("id", "2b2f880af6674ac284bae9381673d462");
    user.put("userName", "jdoe");
    user.put("active", true);
    ObjectNode ours = encode(ex, SetEncoder.Mode.NOTICE,
        new ProvisioningEvent.UserReactivated("acme", "2b2f880af6674ac284bae9381673d462", WHEN, null, resource(user)),
        EventContext.Operation.PATCH);
    assertMatches(ours, ex);
    assertThat(ours.get("events").get(ScimEventUris.ACTIVATE).isEmpty()).isTrue();
  }

  @Test
  void deactivateHasTheShapeOfActivate() {
    // the RFC has no figure for §2.4.6; it is the activate example with the other URI
    ObjectNode ex = rfc("figure11-activate");
    ObjectNode events = (ObjectNode) ex.get("events");
    events.removeAll();
    events.putObject(ScimEventUris.DEACTIVATE);
    ObjectNode user = ScimJson.object();
    user.putArray("schemas").add(USER);
    user.put("id", "2b2f880af6674ac284bae9381673d462");
    user.put("active", false);
    ObjectNode ours = encode(ex, SetEncoder.Mode.FULL,
        new ProvisioningEvent.UserDeactivated("acme", "2b2f880af6674ac284bae9381673d462", WHEN, null, resource(user)),
        EventContext.Operation.PATCH);
    assertMatches(ours, ex);
  }

  @Test
  void figures2And3FeedEventsAreReproducedExactly() {
    ObjectNode add = rfc("figure02-feed-add");
    SecurityEventToken a = encoderFor(add, SetEncoder.Mode.NOTICE).feedAdd(
        ScimSubject.fromJson(add.get("sub_id")), add.get("txn").stringValue());
    assertThat(wire(a)).isEqualTo(add);
    ObjectNode remove = rfc("figure03-feed-remove");
    SecurityEventToken r = encoderFor(remove, SetEncoder.Mode.NOTICE).feedRemove(
        ScimSubject.fromJson(remove.get("sub_id")), null);
    assertThat(wire(r)).isEqualTo(remove);
  }

  @ParameterizedTest
  @ValueSource(strings = {"figure02-feed-add", "figure03-feed-remove", "figure04-create-full",
      "figure05-create-notice", "figure06-patch-full", "figure07-patch-notice", "figure08-put-full",
      "figure09-put-notice", "figure10-delete", "figure11-activate"})
  void everyExampleReadsAndWritesBackUnchanged(String name) {
    ObjectNode ex = rfc(name);
    assertThat(wire(SecurityEventToken.fromJson(ex))).isEqualTo(ex);
  }

  @Test
  void aGroupRenameIsReportedOnceAsTheGroupUpdate() {
    ObjectNode ex = rfc("figure11-activate");
    assertThat(encoderFor(ex, SetEncoder.Mode.NOTICE).encode(
        new ProvisioningEvent.GroupRenamed("acme", "g1", WHEN, null, "old", "new"), ctx(EventContext.Operation.PATCH)))
        .isEmpty();
  }

  @Test
  void theSetsOfOneChangeShareTheirTxnAndDifferInJti() {
    SetEncoder enc = SetEncoder.builder().issuer("https://scim.example.com").build();
    ObjectNode user = ScimJson.object();
    user.put("id", "u1");
    user.put("active", false);
    EventContext c = ctx(EventContext.Operation.PATCH);
    SecurityEventToken update = enc.encode(new ProvisioningEvent.UserUpdated("acme", "u1", WHEN, null,
        Set.of("active"), resource(user)), c).orElseThrow();
    SecurityEventToken deactivate = enc.encode(new ProvisioningEvent.UserDeactivated("acme", "u1", WHEN, null,
        resource(user)), c).orElseThrow();
    SecurityEventToken other = enc.encode(new ProvisioningEvent.UserDeactivated("acme", "u1", WHEN, null,
        resource(user)), new EventContext("req-2", null, EventContext.Operation.PATCH)).orElseThrow();
    assertThat(update.txn()).isEqualTo(deactivate.txn()).isNotEqualTo(other.txn());
    assertThat(update.jti()).isNotEqualTo(deactivate.jti());
  }
}
