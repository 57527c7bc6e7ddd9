package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static dev.scimsync.core.patch.PatchFixtures.applyDelta;
import static dev.scimsync.core.patch.PatchFixtures.members;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.PatchPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Laws of the PATCH engine (RFC 7644 §3.5.2 union semantics, all-or-nothing, delegation). */
class PatchProperties {

  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private final PatchEngine users = new PatchEngine(USER, Tolerance.strict());
  private final PatchEngine groups = new PatchEngine(GROUP, Tolerance.strict());

  // ---- generators ----

  @Provide
  Arbitrary<List<String>> ids() {
    return Arbitraries.of("u1", "u2", "u3", "u4", "u5", "u6").set().ofMaxSize(5).map(ArrayList::new);
  }

  static ScimResource group(List<String> ids) {
    ObjectNode g = ScimJson.object();
    g.putArray("schemas").add(PatchFixtures.GROUP_URN);
    g.put("id", "g1");
    g.put("displayName", "G");
    ArrayNode m = N.arrayNode();
    for (String id : ids) {
      m.addObject().put("value", id).put("display", "d-" + id);
    }
    if (!m.isEmpty()) {
      g.set("members", m);
    }
    return PatchFixtures.group(g.toString());
  }

  static ScimResource user(List<String> emails, String nick) {
    ObjectNode u = ScimJson.object();
    u.putArray("schemas").add(PatchFixtures.USER_URN);
    u.put("id", "u1");
    u.put("userName", "alice");
    if (nick != null) {
      u.put("nickName", nick);
    }
    ArrayNode e = N.arrayNode();
    for (int i = 0; i < emails.size(); i++) {
      ObjectNode o = e.addObject().put("value", emails.get(i) + "@example.com").put("type", i % 2 == 0 ? "work" : "home");
      if (i == 0) {
        o.put("primary", true);
      }
    }
    if (!e.isEmpty()) {
      u.set("emails", e);
    }
    return PatchFixtures.user(u.toString());
  }

  static ArrayNode memberList(String... ids) {
    ArrayNode a = N.arrayNode();
    for (String id : ids) {
      a.addObject().put("value", id);
    }
    return a;
  }

  // ---- (a) add of a present value is a no-op ----

  @Property(tries = 100)
  void addOfAPresentMemberIsANoOp(@ForAll("ids") List<String> ids, @ForAll("ids") List<String> pick) {
    ScimResource g = group(ids);
    List<String> present = pick.stream().filter(ids::contains).toList();
    if (present.isEmpty()) {
      return;
    }
    ArrayNode value = N.arrayNode();
    present.forEach(id -> value.addObject().put("value", id).put("display", "d-" + id));
    PatchResult r = groups.apply(g, List.of(PatchOperation.add("members", value)));
    assertThat(r.resource()).isEqualTo(g);
    assertThat(r.changes().attributes()).isEmpty();
    assertThat(r.changes().deltas()).isEmpty();
  }

  @Property(tries = 100)
  void addOfAPresentEmailIsANoOp(@ForAll("ids") List<String> emails, @ForAll int index) {
    if (emails.isEmpty()) {
      return;
    }
    ScimResource u = user(emails, null);
    JsonNode present = u.get("emails").get(Math.floorMod(index, emails.size()));
    PatchResult r = users.apply(u, List.of(PatchOperation.add("emails", N.arrayNode().add(present))));
    assertThat(r.resource()).isEqualTo(u);
    assertThat(r.changes().isEmpty()).isTrue();
    assertThat(r.changes().deltas()).isEmpty();
  }

  @Property(tries = 100)
  void addOfThePresentSimpleValueIsANoOp(@ForAll("nick") String nick, @ForAll boolean pathless) {
    ScimResource u = user(List.of(), nick);
    PatchOperation op = pathless ? PatchOperation.add(null, ScimJson.parse("{\"nickName\":" + N.stringNode(nick) + "}"))
        : PatchOperation.add("nickName", N.stringNode(nick));
    PatchResult r = users.apply(u, List.of(op));
    assertThat(r.resource()).isEqualTo(u);
    assertThat(r.changes().attributes()).isEmpty();
  }

  @Provide
  Arbitrary<String> nick() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  // ---- (b) remove after add restores the original ----

  @Property(tries = 100)
  void removeByValueFilterAfterAddOfANewMemberRestoresTheGroup(@ForAll("ids") List<String> ids) {
    ScimResource g = group(ids);
    String id = "new-" + ids.size();
    PatchResult r = groups.apply(g, List.of(PatchOperation.add("members", memberList(id)),
        PatchOperation.remove("members[value eq \"" + id + "\"]")));
    assertThat(r.resource()).isEqualTo(g);
    assertThat(r.changes().isEmpty()).isTrue();
  }

  @Property(tries = 100)
  void removeByValueFilterAfterAddOfANewEmailRestoresTheUser(@ForAll("ids") List<String> emails) {
    ScimResource u = user(emails, null);
    ArrayNode v = N.arrayNode();
    v.addObject().put("value", "fresh@example.org").put("type", "other");
    PatchResult r = users.apply(u, List.of(PatchOperation.add("emails", v),
        PatchOperation.remove("emails[value eq \"fresh@example.org\"]")));
    assertThat(r.resource()).isEqualTo(u);
    assertThat(r.changes().isEmpty()).isTrue();
  }

  @Property(tries = 100)
  void removeAfterAddOfAnAbsentSimpleAttributeRestoresTheUser(@ForAll("nick") String nick,
      @ForAll("simple") String attribute) {
    ScimResource u = user(List.of("a"), null);
    PatchResult r = users.apply(u, List.of(PatchOperation.add(attribute, N.stringNode(nick)), PatchOperation.remove(attribute)));
    assertThat(r.resource()).isEqualTo(u);
    assertThat(r.changes().isEmpty()).isTrue();
  }

  @Provide
  Arbitrary<String> simple() {
    return Arbitraries.of("nickName", "title", "displayName", "name.givenName", "locale",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
  }

  // ---- (c) idempotence ----

  @Property(tries = 100)
  void addingTwiceEqualsAddingOnce(@ForAll("ids") List<String> ids, @ForAll("ids") List<String> added,
      @ForAll("ids") List<String> emails, @ForAll("nick") String nick) {
    ScimResource g = group(ids);
    List<PatchOperation> once = List.of(PatchOperation.add("members", memberList(added.toArray(String[]::new))));
    if (!added.isEmpty()) {
      PatchResult a = groups.apply(g, once);
      PatchResult b = groups.apply(a.resource(), once);
      assertThat(b.resource()).isEqualTo(a.resource());
      assertThat(b.changes().isEmpty()).isTrue();
      assertThat(groups.apply(g, List.of(once.get(0), once.get(0))).resource()).isEqualTo(a.resource());
    }
    ScimResource u = user(emails, null);
    ArrayNode ev = N.arrayNode();
    emails.forEach(e -> ev.addObject().put("value", e + "@other.example").put("type", "other"));
    List<PatchOperation> userOps = new ArrayList<>();
    userOps.add(PatchOperation.add("nickName", N.stringNode(nick)));
    userOps.add(PatchOperation.add("name.givenName", N.stringNode(nick)));
    if (!ev.isEmpty()) {
      userOps.add(PatchOperation.add("emails", ev));
    }
    PatchResult ua = users.apply(u, userOps);
    PatchResult ub = users.apply(ua.resource(), userOps);
    assertThat(ub.resource()).isEqualTo(ua.resource());
    assertThat(ub.changes().isEmpty()).isTrue();
  }

  // ---- (d) delegation ----

  @Provide
  Arbitrary<PatchOperation> memberOp() {
    Arbitrary<String> id = Arbitraries.of("u1", "u2", "u3", "u4", "u5", "u6");
    Arbitrary<List<String>> some = id.list().ofMaxSize(3);
    return Arbitraries.oneOf(
        Combinators.combine(some, Arbitraries.of("x", "y")).as((ids, d) -> {
          ArrayNode a = N.arrayNode();
          ids.forEach(i -> a.addObject().put("value", i).put("display", d + i));
          return PatchOperation.add("members", a);
        }),
        some.map(ids -> PatchOperation.replace("members", memberList(ids.toArray(String[]::new)))),
        some.map(ids -> PatchOperation.remove("members", memberList(ids.toArray(String[]::new)))),
        id.map(i -> PatchOperation.remove("members[value eq \"" + i + "\"]")),
        Combinators.combine(id, id).as((a, b) -> PatchOperation.remove("members[value eq \"" + a + "\" or value eq \"" + b + "\"]")),
        Arbitraries.just(PatchOperation.remove("members")),
        Arbitraries.just(PatchOperation.replace(null, ScimJson.parse("{\"displayName\":\"H\"}"))),
        some.map(ids -> PatchOperation.replace(null, ScimJson.parse("{\"members\":" + memberList(ids.toArray(String[]::new))
            + "}"))));
  }

  @Property(tries = 300)
  void delegatedDeltaEqualsTheFullApply(@ForAll("ids") List<String> ids,
      @ForAll("memberOps") List<PatchOperation> ops) {
    if (ops.isEmpty()) {
      return;
    }
    ScimResource full = group(ids);
    assertThat(groups.canApplyAsDelta(ops, "members")).isTrue();
    PatchResult whole = groups.apply(full, ops);
    PatchResult delegated = groups.applyAsDelta(group(List.of()), ops, "members");
    assertThat(applyDelta(members(full), delegated.changes().delta("members"))).isEqualTo(members(whole.resource()));
    ObjectNode rest = whole.resource().json();
    rest.remove("members");
    assertThat(delegated.resource().json()).isEqualTo(rest);
  }

  @Provide
  Arbitrary<List<PatchOperation>> memberOps() {
    return memberOp().list().ofMinSize(1).ofMaxSize(6);
  }

  // ---- (e) only ScimException ----

  @Provide
  Arbitrary<JsonNode> anyValue() {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(6).map(N::stringNode),
        Arbitraries.of("True", "false", "work", "2011-05-13T04:42:34Z", "", "u1").map(N::stringNode),
        Arbitraries.integers().map(i -> (JsonNode) N.numberNode(i)),
        Arbitraries.of(true, false).map(N::booleanNode),
        Arbitraries.just(N.nullNode()),
        Arbitraries.of(1.5).map(d -> (JsonNode) N.numberNode(d)));
    Arbitrary<String> key = Arbitraries.of("value", "type", "primary", "display", "givenName", "$ref", "active",
        "members", "emails", "name.givenName", "nickName", "id", "manager",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "bogus");
    Arbitrary<JsonNode> obj = Combinators.combine(key.list().ofMaxSize(3), leaf.list().ofSize(3)).as((ks, vs) -> {
      ObjectNode o = N.objectNode();
      for (int i = 0; i < ks.size(); i++) {
        o.set(ks.get(i), vs.get(i));
      }
      return o;
    });
    Arbitrary<JsonNode> arr = Arbitraries.oneOf(leaf, obj).list().ofMaxSize(3).map(l -> {
      ArrayNode a = N.arrayNode();
      l.forEach(a::add);
      return a;
    });
    return Arbitraries.oneOf(leaf, obj, arr);
  }

  @Provide
  Arbitrary<String> anyPath() {
    return Arbitraries.of("members", "members[value eq \"u1\"]", "members[value eq \"u1\"].display",
        "members[display co \"x\"]", "displayName", "id", "meta", "externalId", "userName", "name", "name.givenName",
        "emails", "emails[type eq \"work\"]", "emails[type eq \"work\"].value", "emails[primary eq true].type",
        "emails.value", "addresses[type eq \"work\"].locality", "roles[primary eq \"True\"].display", "active",
        "groups", "x509Certificates", "photos[type eq 1].value", "phoneNumbers[value pr]",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:ietf:params:scim:schemas:core:2.0:User:nickName", "nickName", "unknownThing", "meta.version");
  }

  @Property(tries = 1000)
  void onlyScimExceptions(@ForAll("anyPath") String path, @ForAll PatchOperation.Op op, @ForAll("anyValue") JsonNode value,
      @ForAll boolean pathless, @ForAll boolean isGroup,
      @ForAll("tolerances") Tolerance tolerance) {
    PatchPath p = pathless ? null : PatchPath.parse(path);
    ScimResource target = isGroup ? PatchFixtures.tourGuides() : PatchFixtures.fullUser();
    PatchEngine engine = new PatchEngine(isGroup ? GROUP : USER, tolerance);
    ObjectNode before = target.json();
    try {
      PatchOperation operation = PatchOperation.of(op, p, value);
      engine.apply(target, List.of(operation));
      if (isGroup && engine.canApplyAsDelta(List.of(operation), "members")) {
        engine.applyAsDelta(target.with("members", null), List.of(operation), "members");
      }
    } catch (ScimException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isNotNull();
    }
    assertThat(target.json()).isEqualTo(before);
  }

  @Provide
  Arbitrary<Tolerance> tolerances() {
    return Arbitraries.of(Tolerance.strict(), Tolerance.entra(), Tolerance.okta(), Tolerance.lenient());
  }

  @Property(tries = 50)
  void changeSetNamesOnlyTouchedAttributes(@ForAll("ids") List<String> ids) {
    PatchResult r = groups.apply(group(ids), List.of(PatchOperation.replace("displayName", N.stringNode("Other"))));
    assertThat(r.changes().attributes()).isEqualTo(Set.of("displayName"));
  }
}
