package dev.scimsync.server.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.ChangeSet;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.schema.Uniqueness;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.server.store.StoreContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What the in-memory stores do beyond the store contract (which scim-store-tck checks). */
class InMemoryStoreTest {

  static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  static final ResourceSchema USER = REGISTRY.resourceSchema("User");
  static final ResourceSchema GROUP = REGISTRY.resourceSchema("Group");
  static final StoreContext T = StoreContext.of("t1");

  static ScimResource user(String userName, String... more) {
    StringBuilder b = new StringBuilder("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"")
        .append(userName).append('"');
    for (String m : more) {
      b.append(',').append(m);
    }
    return ScimResource.parse(b.append('}').toString());
  }

  static ScimResource group(String displayName, String... members) {
    ObjectNode json = ScimJson.object();
    json.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    json.put("displayName", displayName);
    var arr = json.putArray("members");
    for (String m : members) {
      arr.addObject().put("value", m);
    }
    return ScimResource.of(json);
  }

  /** A clock that moves only when told to. */
  static final class ManualClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  // ---- metadata -----------------------------------------------------------------------------

  @Test
  void metaComesFromTheClockAndTheVersionCounter() {
    ManualClock clock = new ManualClock();
    InMemoryUserStore store = new InMemoryUserStore(USER, clock);
    ScimResource created = store.create(T, user("alice"));
    clock.advance(Duration.ofMinutes(5));
    ScimResource replaced = store.replace(T, created.id(), user("alice2"), "W/\"1\"");

    assertThat(created.get("meta").toString()).isEqualTo("{\"resourceType\":\"User\",\"created\":\"2024-01-01T00:00:00Z\","
        + "\"lastModified\":\"2024-01-01T00:00:00Z\",\"version\":\"W/\\\"1\\\"\"}");
    assertThat(replaced.meta().created()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(replaced.meta().lastModified()).isEqualTo(Instant.parse("2024-01-01T00:05:00Z"));
    assertThat(replaced.version()).isEqualTo("W/\"2\"");
    assertThat(replaced.meta().location()).isNull();
    // If-Match forms: a strong tag with the same opaque part and * match too
    store.replace(T, created.id(), user("alice3"), "\"2\"");
    store.replace(T, created.id(), user("alice4"), "*");
    assertThat(store.get(T, created.id(), Set.of()).orElseThrow().version()).isEqualTo("W/\"4\"");
    assertThat(created.json().propertyNames()).containsExactly("schemas", "id", "userName", "meta");
  }

  // ---- the planner --------------------------------------------------------------------------

  /**
   * Runs {@code search} and returns how many resources the planner has the store evaluate {@code
   * filter} on: its index candidates, or every resource of the tenant when no index answers it.
   */
  private static long evaluations(InMemoryStore store, Filter filter, Runnable search) {
    search.run();
    Set<String> ids = store.candidateIds(T, filter);
    return ids == null ? store.search(T, ResourceQuery.of(null, 0)).totalResults() : ids.size();
  }

  private static List<String> userNames(InMemoryStore store, String filter) {
    List<String> out = new ArrayList<>();
    store.search(T, ResourceQuery.of(Filter.parse(filter), 10_000)).resources().forEach(r -> out.add(r.text("userName")));
    return out;
  }

  @Test
  void indexedEqualitiesDoNotScan() {
    InMemoryUserStore store = new InMemoryUserStore(USER);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(store.create(T, user("user" + i, "\"externalId\":\"ext" + i + "\"", "\"title\":\"t" + (i % 10) + "\"",
          "\"displayName\":\"User " + i + "\"",
          "\"emails\":[{\"value\":\"u" + i + "@example.com\",\"type\":\"work\"}]")).id());
    }

    assertThat(evaluations(store, Filter.parse("userName eq \"USER42\""), () -> assertThat(userNames(store, "userName eq \"USER42\"")).containsExactly("user42")))
        .isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("externalId eq \"ext7\""), () -> assertThat(userNames(store, "externalId eq \"ext7\"")).containsExactly("user7")))
        .isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("externalId eq \"EXT7\""), () -> assertThat(userNames(store, "externalId eq \"EXT7\"")).isEmpty())).isZero();
    assertThat(evaluations(store, Filter.parse("id eq \"" + ids.get(9) + "\""), () -> assertThat(userNames(store, "id eq \"" + ids.get(9) + "\"")).containsExactly("user9")))
        .isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("emails.value eq \"U3@example.com\""), () -> assertThat(userNames(store, "emails.value eq \"U3@example.com\""))
        .containsExactly("user3"))).isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("emails[value eq \"u4@example.com\"]"), () -> assertThat(userNames(store, "emails[value eq \"u4@example.com\"]"))
        .containsExactly("user4"))).isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("emails eq \"u5@example.com\""), () -> assertThat(userNames(store, "emails eq \"u5@example.com\""))
        .containsExactly("user5"))).isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("displayName eq \"user 6\""), () -> assertThat(userNames(store, "displayName eq \"user 6\""))
        .containsExactly("user6"))).isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"user8\""), () -> assertThat(userNames(store, "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"user8\""))
        .containsExactly("user8"))).isEqualTo(1);
    // and: the indexed operand bounds it, the rest is evaluated on the candidate
    assertThat(evaluations(store, Filter.parse("title eq \"t1\" and userName eq \"user11\""), () -> assertThat(userNames(store, "title eq \"t1\" and userName eq \"user11\""))
        .containsExactly("user11"))).isEqualTo(1);
    assertThat(evaluations(store, Filter.parse("title eq \"t2\" and userName eq \"user11\""), () -> assertThat(userNames(store, "title eq \"t2\" and userName eq \"user11\""))
        .isEmpty())).isEqualTo(1);
    // or of indexed equalities: the union
    assertThat(evaluations(store, Filter.parse("userName eq \"user1\" or externalId eq \"ext2\""), () -> assertThat(userNames(store, "userName eq \"user1\" or externalId eq \"ext2\""))
        .containsExactly("user1", "user2"))).isEqualTo(2);
    // anything else scans
    assertThat(evaluations(store, Filter.parse("title eq \"t3\""), () -> assertThat(userNames(store, "title eq \"t3\"")).hasSize(100))).isEqualTo(1000);
    assertThat(evaluations(store, Filter.parse("not (userName eq \"user1\")"), () -> userNames(store, "not (userName eq \"user1\")"))).isEqualTo(1000);
    assertThat(evaluations(store, Filter.parse("userName eq \"user1\" or title eq \"t1\""), () -> userNames(store, "userName eq \"user1\" or title eq \"t1\""))).isEqualTo(1000);
    assertThat(evaluations(store, Filter.parse("userName sw \"user1\""), () -> userNames(store, "userName sw \"user1\""))).isEqualTo(1000);
  }

  @Test
  void theIndexAgreesWithEvaluationOnCaseFolding() {
    InMemoryUserStore store = new InMemoryUserStore(USER);
    for (String name : List.of("İstanbul", "istanbul2", "STRASSE", "straße", "Kelvin\u212A", "ǅemal")) {
      store.create(T, user(name));
    }
    for (String probe : List.of("istanbul", "İSTANBUL", "ISTANBUL2", "strasse", "STRASSE", "STRAßE", "kelvink", "ǆemal", "Ǆemal")) {
      String indexed = "userName eq \"" + probe + "\"";
      String scanned = "not (not (userName eq \"" + probe + "\"))";
      assertThat(userNames(store, indexed)).as(probe).isEqualTo(userNames(store, scanned));
    }
    // and uniqueness uses the same folding
    assertThatThrownBy(() -> store.create(T, user("ISTANBUL"))).isInstanceOf(ScimException.class);
  }

  @Test
  void membersEqualityUsesTheReverseIndex() {
    InMemoryGroupStore store = new InMemoryGroupStore(GROUP);
    for (int i = 0; i < 200; i++) {
      store.create(T, group("g" + i, "m" + i, "m" + (i + 1), "all"));
    }
    List<String> names = new ArrayList<>();
    long n = evaluations(store, Filter.parse("members.value eq \"m5\""), () -> store.search(T, ResourceQuery.of(Filter.parse("members.value eq \"m5\""), 100))
        .resources().forEach(r -> names.add(r.text("displayName"))));
    assertThat(names).containsExactly("g4", "g5");
    assertThat(n).isEqualTo(2);
    assertThat(evaluations(store, Filter.parse("members[value eq \"m7\"]"), () -> store.search(T, ResourceQuery.of(Filter.parse("members[value eq \"m7\"]"), 100))))
        .isEqualTo(2);
    assertThat(evaluations(store, Filter.parse("displayName eq \"G9\""), () -> store.search(T, ResourceQuery.of(Filter.parse("displayName eq \"G9\""), 100))))
        .isEqualTo(1);
  }

  // ---- sorting ------------------------------------------------------------------------------

  static final ResourceSchema DEVICE = device();

  static ResourceSchema device() {
    String urn = "urn:example:schemas:Device";
    Schema s = new Schema(urn, "Device", "A device", List.of(
        AttributeDefinition.builder("serial", AttributeType.STRING).uniqueness(Uniqueness.SERVER).caseExact(true).build(),
        AttributeDefinition.builder("displayName", AttributeType.STRING).build(),
        AttributeDefinition.builder("slots", AttributeType.INTEGER).build(),
        AttributeDefinition.builder("seen", AttributeType.DATE_TIME).build()));
    return SchemaRegistry.standardBuilder().schema(s)
        .resourceType(new ResourceType("Device", "Device", "/Devices", "", urn, List.of())).build().resourceSchema("Device");
  }

  static ScimResource device(String serial, String more) {
    return ScimResource.parse("{\"schemas\":[\"urn:example:schemas:Device\"],\"serial\":\"" + serial + "\""
        + (more.isEmpty() ? "" : "," + more) + "}");
  }

  private static List<String> serials(ResourcePage page) {
    List<String> out = new ArrayList<>();
    page.resources().forEach(r -> out.add(r.text("serial")));
    return out;
  }

  private static ResourcePage sorted(InMemoryStore store, String sortBy, SortOrder order) {
    return store.search(T, new ResourceQuery(null, AttributePath.parse(sortBy), order, 1, 100, null, Set.of()));
  }

  @Test
  void sortsByTheAttributesType() {
    InMemoryResourceStore store = new InMemoryResourceStore(DEVICE);
    store.create(T, device("a", "\"slots\":10,\"seen\":\"2024-01-01T10:00:00+02:00\""));
    store.create(T, device("b", "\"slots\":2,\"seen\":\"2024-01-01T09:00:00Z\""));
    store.create(T, device("c", ""));
    store.create(T, device("d", "\"slots\":2.0,\"seen\":\"2024-01-01T08:30:00Z\""));

    // numbers by value (10 after 2), ties by creation order, missing last
    assertThat(serials(sorted(store, "slots", SortOrder.ASCENDING))).containsExactly("b", "d", "a", "c");
    assertThat(serials(sorted(store, "slots", SortOrder.DESCENDING))).containsExactly("c", "a", "b", "d");
    // dateTimes as instants: 10:00+02:00 is 08:00Z
    assertThat(serials(sorted(store, "seen", SortOrder.ASCENDING))).containsExactly("a", "d", "b", "c");
    // case-exact strings
    store.create(T, device("B", ""));
    assertThat(serials(sorted(store, "serial", SortOrder.ASCENDING))).containsExactly("B", "a", "b", "c", "d");
  }

  @Test
  void sortsByThePrimaryValueOfAMultiValuedAttribute() {
    InMemoryUserStore store = new InMemoryUserStore(USER);
    store.create(T, user("x", "\"emails\":[{\"value\":\"z@example.com\"},{\"value\":\"a@example.com\",\"primary\":true}]"));
    store.create(T, user("y", "\"emails\":[{\"value\":\"m@example.com\"},{\"value\":\"b@example.com\"}]"));
    List<String> names = new ArrayList<>();
    sorted(store, "emails", SortOrder.ASCENDING).resources().forEach(r -> names.add(r.text("userName")));
    assertThat(names).containsExactly("x", "y");
  }

  @Test
  void customTypesEnforceSchemaUniqueness() {
    InMemoryResourceStore store = new InMemoryResourceStore(DEVICE);
    store.create(T, device("abc", ""));
    store.create(T, device("ABC", ""));
    ScimException e = (ScimException) org.assertj.core.api.Assertions.catchThrowable(() -> store.create(T, device("abc", "")));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.getMessage()).isEqualTo("serial \"abc\" is already taken");
    assertThat(store.resourceType()).isEqualTo("Device");
    assertThat(store.deltaAttribute()).isNull();
    store.create(StoreContext.of("t2"), device("abc", ""));
    long n = evaluations(store, Filter.eq("serial", "abc"), () -> store.search(T, ResourceQuery.of(Filter.eq("serial", "abc"), 10)));
    assertThat(n).isEqualTo(1);
  }

  // ---- cursors ------------------------------------------------------------------------------

  private static ResourcePage cursorPage(InMemoryStore store, String sortBy, String cursor, int count) {
    return store.search(T, new ResourceQuery(null, sortBy == null ? null : AttributePath.parse(sortBy),
        SortOrder.ASCENDING, 1, count, cursor, Set.of()));
  }

  @Test
  void cursorsAreKeysetPositionsThatSurviveWritesBetweenPages() {
    for (String sortBy : new String[] {null, "userName"}) {
      InMemoryUserStore store = new InMemoryUserStore(USER);
      List<String> ids = new ArrayList<>();
      // created out of name order, so that the sorted round differs from the default order
      for (int i : new int[] {5, 0, 9, 2, 7, 4, 1, 8, 3, 6}) {
        store.create(T, user("u" + i));
      }
      store.search(T, new ResourceQuery(null, sortBy == null ? null : AttributePath.parse(sortBy), SortOrder.ASCENDING,
          1, 100, null, Set.of())).resources().forEach(r -> ids.add(r.id()));

      ResourcePage first = cursorPage(store, sortBy, "", 4);
      assertThat(first.resources().stream().map(ScimResource::id).toList()).isEqualTo(ids.subList(0, 4));
      assertThat(first.previousCursor()).isNull();
      // between pages: the last resource of page one and a later one go, a new one comes (last in both orders)
      store.delete(T, ids.get(3), null);
      store.delete(T, ids.get(6), null);
      String added = store.create(T, user("u99")).id();

      ResourcePage second = cursorPage(store, sortBy, first.nextCursor(), 4);
      List<String> secondIds = second.resources().stream().map(ScimResource::id).toList();
      assertThat(secondIds).as("sortBy %s", sortBy).containsExactly(ids.get(4), ids.get(5), ids.get(7), ids.get(8));
      ResourcePage third = cursorPage(store, sortBy, second.nextCursor(), 4);
      assertThat(third.resources().stream().map(ScimResource::id).toList()).containsExactly(ids.get(9), added);
      assertThat(third.nextCursor()).isNull();
      assertThat(third.totalResults()).isEqualTo(9);
      // the previous page of the third is the second
      ResourcePage back = cursorPage(store, sortBy, third.previousCursor(), 4);
      assertThat(back.resources().stream().map(ScimResource::id).toList()).isEqualTo(secondIds);
    }
  }

  @Test
  void anUnreadableCursorIs400() {
    InMemoryUserStore store = new InMemoryUserStore(USER);
    store.create(T, user("a"));
    for (String bad : new String[] {"garbage!", "bm9wZQ", "MS5TLjEuc2E", "MS5ELng"}) {
      assertThatThrownBy(() -> cursorPage(store, null, bad, 10))
          .isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
          });
    }
    // a default-order cursor on a sorted query is not readable either
    store.create(T, user("b"));
    String defaultCursor = cursorPage(store, null, "", 1).nextCursor();
    assertThatThrownBy(() -> cursorPage(store, "userName", defaultCursor, 1)).isInstanceOf(ScimException.class);
    // and a tenant without data checks cursors too
    assertThatThrownBy(() -> store.search(StoreContext.of("none"), ResourceQuery.of(null, 1).withCursor("x!")))
        .isInstanceOf(ScimException.class);
  }

  // ---- groups -------------------------------------------------------------------------------

  @Test
  void deltaUpdateLeavesMembersOutOfTheResultAndRejectsOtherAttributes() {
    InMemoryGroupStore store = new InMemoryGroupStore(GROUP);
    ScimResource g = store.create(T, group("Sales", "m1", "m2"));
    ScimResource without = g.with("members", null);
    PatchResult patch = new PatchResult(without, new ChangeSet(Set.of("members"),
        Map.of("members", new ValueDelta(true, Set.of("m1"), Map.of("m2", (ObjectNode) ScimJson.parse("{\"value\":\"m2\"}"),
            "m3", (ObjectNode) ScimJson.parse("{\"value\":\"m3\"}"))))));

    var result = store.update(T, g.id(), patch, "MEMBERS", null);

    assertThat(result.resource().has("members")).isFalse();
    assertThat(result.applied().get("members").cleared()).isFalse();
    assertThat(result.applied().get("members").removed()).containsExactly("m1");
    assertThat(result.applied().get("members").added().keySet()).containsExactly("m3");
    assertThatThrownBy(() -> store.update(T, g.id(), patch, "emails", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InMemoryUserStore(USER).update(T, "x", patch, "members", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deletingAUserDoesNotTouchGroups() {
    InMemoryUserStore users = new InMemoryUserStore(USER);
    InMemoryGroupStore groups = new InMemoryGroupStore(GROUP);
    ScimResource u = users.create(T, user("alice"));
    ScimResource g = groups.create(T, group("Sales", u.id()));
    users.delete(T, u.id(), null);
    assertThat(groups.get(T, g.id(), Set.of()).orElseThrow()).isEqualTo(g);
    assertThat(groups.removeFromAllGroups(T, u.id())).containsExactly(g.id());
  }
}
