package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static dev.scimsync.core.patch.PatchFixtures.applyDelta;
import static dev.scimsync.core.patch.PatchFixtures.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.PatchPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.scimsync.core.Gens;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Laws of the PATCH engine (RFC 7644 §3.5.2 union semantics, all-or-nothing, delegation).
 * Property tests on QuickTheories; {@link Gens} says how to replay a failure's seed. The
 * generators build only inputs a law applies to (a present member to re-add, a non-empty email
 * list), so no try is skipped.
 */
class PatchProperties {

  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private final PatchEngine users = new PatchEngine(USER, Tolerance.strict());
  private final PatchEngine groups = new PatchEngine(GROUP, Tolerance.strict());

  // ---- generators ----

  private static final List<String> ID_POOL = List.of("u1", "u2", "u3", "u4", "u5", "u6");

  /** Distinct member ids, at least {@code min} (0 or 1) and at most 5 of them. */
  static Gen<List<String>> ids(int min) {
    return Gens.lists(Generate.pick(ID_POOL), min, 8).map(l -> l.stream().distinct().limit(5).toList());
  }

  static Gen<List<String>> ids() {
    return ids(0);
  }

  /** Member ids and a non-empty selection of them. */
  static Gen<List<List<String>>> idsAndPresentSubset() {
    return ids(1).zip(Gens.lists(SourceDSL.booleans().all(), 5, 5), SourceDSL.integers().between(0, 4),
        (ids, keep, forced) -> {
          List<String> subset = new ArrayList<>();
          for (int i = 0; i < ids.size(); i++) {
            if (keep.get(i) || i == forced % ids.size()) {
              subset.add(ids.get(i));
            }
          }
          return List.of(ids, subset);
        });
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

  @Test
  void addOfAPresentMemberIsANoOp() {
    qt().withExamples(100).forAll(idsAndPresentSubset()).checkAssert(idsAndPresent -> {
      ScimResource g = group(idsAndPresent.get(0));
      ArrayNode value = N.arrayNode();
      idsAndPresent.get(1).forEach(id -> value.addObject().put("value", id).put("display", "d-" + id));
      PatchResult r = groups.apply(g, List.of(PatchOperation.add("members", value)));
      assertThat(r.resource()).isEqualTo(g);
      assertThat(r.changes().attributes()).isEmpty();
      assertThat(r.changes().deltas()).isEmpty();
    });
  }

  @Test
  void addOfAPresentEmailIsANoOp() {
    qt().withExamples(100).forAll(ids(1), SourceDSL.integers().all()).checkAssert((emails, index) -> {
      ScimResource u = user(emails, null);
      JsonNode present = u.get("emails").get(Math.floorMod(index, emails.size()));
      PatchResult r = users.apply(u, List.of(PatchOperation.add("emails", N.arrayNode().add(present))));
      assertThat(r.resource()).isEqualTo(u);
      assertThat(r.changes().isEmpty()).isTrue();
      assertThat(r.changes().deltas()).isEmpty();
    });
  }

  @Test
  void addOfThePresentSimpleValueIsANoOp() {
    qt().withExamples(100).forAll(nick(), SourceDSL.booleans().all()).checkAssert((nick, pathless) -> {
      ScimResource u = user(List.of(), nick);
      PatchOperation op = pathless ? PatchOperation.add(null, ScimJson.parse("{\"nickName\":" + N.stringNode(nick) + "}"))
          : PatchOperation.add("nickName", N.stringNode(nick));
      PatchResult r = users.apply(u, List.of(op));
      assertThat(r.resource()).isEqualTo(u);
      assertThat(r.changes().attributes()).isEmpty();
    });
  }

  static Gen<String> nick() {
    return Gens.strings(Generate.characters('a', 'z'), 1, 8);
  }

  // ---- (b) remove after add restores the original ----

  @Test
  void removeByValueFilterAfterAddOfANewMemberRestoresTheGroup() {
    qt().withExamples(100).forAll(ids()).checkAssert(ids -> {
      ScimResource g = group(ids);
      String id = "new-" + ids.size();
      PatchResult r = groups.apply(g, List.of(PatchOperation.add("members", memberList(id)),
          PatchOperation.remove("members[value eq \"" + id + "\"]")));
      assertThat(r.resource()).isEqualTo(g);
      assertThat(r.changes().isEmpty()).isTrue();
    });
  }

  @Test
  void removeByValueFilterAfterAddOfANewEmailRestoresTheUser() {
    qt().withExamples(100).forAll(ids()).checkAssert(emails -> {
      ScimResource u = user(emails, null);
      ArrayNode v = N.arrayNode();
      v.addObject().put("value", "fresh@example.org").put("type", "other");
      PatchResult r = users.apply(u, List.of(PatchOperation.add("emails", v),
          PatchOperation.remove("emails[value eq \"fresh@example.org\"]")));
      assertThat(r.resource()).isEqualTo(u);
      assertThat(r.changes().isEmpty()).isTrue();
    });
  }

  @Test
  void removeAfterAddOfAnAbsentSimpleAttributeRestoresTheUser() {
    qt().withExamples(100).forAll(nick(), simple()).checkAssert((nick, attribute) -> {
      ScimResource u = user(List.of("a"), null);
      PatchResult r = users.apply(u, List.of(PatchOperation.add(attribute, N.stringNode(nick)), PatchOperation.remove(attribute)));
      assertThat(r.resource()).isEqualTo(u);
      assertThat(r.changes().isEmpty()).isTrue();
    });
  }

  static Gen<String> simple() {
    return Generate.pick(List.of("nickName", "title", "displayName", "name.givenName", "locale",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"));
  }

  // ---- (c) idempotence ----

  @Test
  void addingTwiceEqualsAddingOnceForMembers() {
    qt().withExamples(100).forAll(ids(), ids(1)).checkAssert((ids, added) -> {
      ScimResource g = group(ids);
      List<PatchOperation> once = List.of(PatchOperation.add("members", memberList(added.toArray(String[]::new))));
      PatchResult a = groups.apply(g, once);
      PatchResult b = groups.apply(a.resource(), once);
      assertThat(b.resource()).isEqualTo(a.resource());
      assertThat(b.changes().isEmpty()).isTrue();
      assertThat(groups.apply(g, List.of(once.get(0), once.get(0))).resource()).isEqualTo(a.resource());
    });
  }

  @Test
  void addingTwiceEqualsAddingOnceForUserAttributes() {
    qt().withExamples(100).forAll(ids(), nick()).checkAssert((emails, nick) -> {
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
    });
  }

  // ---- (d) delegation ----

  static Gen<PatchOperation> memberOp() {
    Gen<String> id = Generate.pick(ID_POOL);
    Gen<List<String>> some = Gens.lists(id, 0, 3);
    return Generate.oneOf(
        some.zip(Generate.pick(List.of("x", "y")), (ids, d) -> {
          ArrayNode a = N.arrayNode();
          ids.forEach(i -> a.addObject().put("value", i).put("display", d + i));
          return PatchOperation.add("members", a);
        }),
        some.map(ids -> PatchOperation.replace("members", memberList(ids.toArray(String[]::new)))),
        some.map(ids -> PatchOperation.remove("members", memberList(ids.toArray(String[]::new)))),
        id.map(i -> PatchOperation.remove("members[value eq \"" + i + "\"]")),
        id.zip(id, (a, b) -> PatchOperation.remove("members[value eq \"" + a + "\" or value eq \"" + b + "\"]")),
        Generate.constant(() -> PatchOperation.remove("members")),
        Generate.constant(() -> PatchOperation.replace(null, ScimJson.parse("{\"displayName\":\"H\"}"))),
        some.map(ids -> PatchOperation.replace(null, ScimJson.parse("{\"members\":" + memberList(ids.toArray(String[]::new))
            + "}"))));
  }

  @Test
  void delegatedDeltaEqualsTheFullApply() {
    qt().withExamples(300).forAll(ids(), memberOps()).checkAssert((ids, ops) -> {
      ScimResource full = group(ids);
      assertThat(groups.canApplyAsDelta(ops, "members")).isTrue();
      PatchResult whole = groups.apply(full, ops);
      PatchResult delegated = groups.applyAsDelta(group(List.of()), ops, "members");
      assertThat(applyDelta(members(full), delegated.changes().delta("members"))).isEqualTo(members(whole.resource()));
      ObjectNode rest = whole.resource().json();
      rest.remove("members");
      assertThat(delegated.resource().json()).isEqualTo(rest);
    });
  }

  static Gen<List<PatchOperation>> memberOps() {
    return Gens.lists(memberOp(), 1, 6);
  }

  // ---- (e) only ScimException ----

  static Gen<JsonNode> anyValue() {
    Gen<JsonNode> leaf = Generate.oneOf(
        Gens.strings(Generate.characters(0, 0xFFFF), 0, 6).map(t -> (JsonNode) N.stringNode(t)),
        Generate.pick(List.of("True", "false", "work", "2011-05-13T04:42:34Z", "", "u1")).map(t -> (JsonNode) N.stringNode(t)),
        SourceDSL.integers().all().map(i -> (JsonNode) N.numberNode(i)),
        SourceDSL.booleans().all().map(b -> (JsonNode) N.booleanNode(b)),
        Generate.constant(N.nullNode()),
        Generate.constant(N.numberNode(1.5)));
    Gen<String> key = Generate.pick(List.of("value", "type", "primary", "display", "givenName", "$ref", "active",
        "members", "emails", "name.givenName", "nickName", "id", "manager",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "bogus"));
    Gen<JsonNode> obj = Gens.lists(key, 0, 3).zip(Gens.lists(leaf, 3, 3), (ks, vs) -> {
      ObjectNode o = N.objectNode();
      for (int i = 0; i < ks.size(); i++) {
        o.set(ks.get(i), vs.get(i));
      }
      return o;
    });
    Gen<JsonNode> arr = Gens.lists(Generate.oneOf(leaf, obj), 0, 3).map(l -> {
      ArrayNode a = N.arrayNode();
      l.forEach(a::add);
      return a;
    });
    return Generate.oneOf(leaf, obj, arr);
  }

  static Gen<String> anyPath() {
    return Generate.pick(List.of("members", "members[value eq \"u1\"]", "members[value eq \"u1\"].display",
        "members[display co \"x\"]", "displayName", "id", "meta", "externalId", "userName", "name", "name.givenName",
        "emails", "emails[type eq \"work\"]", "emails[type eq \"work\"].value", "emails[primary eq true].type",
        "emails.value", "addresses[type eq \"work\"].locality", "roles[primary eq \"True\"].display", "active",
        "groups", "x509Certificates", "photos[type eq 1].value", "phoneNumbers[value pr]",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:ietf:params:scim:schemas:core:2.0:User:nickName", "nickName", "unknownThing", "meta.version"));
  }

  /** One operation of the only-ScimException property, with the resource and tolerance it runs on. */
  record AnyOperation(String path, PatchOperation.Op op, JsonNode value, boolean pathless, boolean isGroup,
                      Tolerance tolerance) {}

  static Gen<AnyOperation> anyOperation() {
    Gen<String> path = anyPath();
    Gen<PatchOperation.Op> op = Generate.enumValues(PatchOperation.Op.class);
    Gen<JsonNode> value = anyValue();
    Gen<Boolean> bool = SourceDSL.booleans().all();
    Gen<Tolerance> tolerance = Generate.pick(List.of(Tolerance.strict(), Tolerance.entra(), Tolerance.okta(),
        Tolerance.lenient()));
    return in -> new AnyOperation(path.generate(in), op.generate(in), value.generate(in), bool.generate(in),
        bool.generate(in), tolerance.generate(in));
  }

  /**
   * The engine shares untouched values between input and result and finds the members' delta by
   * walking both lists: over requests of one to three operations, neither the input nor an earlier
   * result changes, and the delta is what comparing the member lists by {@code value} gives.
   */
  @Test
  void copyOnWriteKeepsInputsAndReportsTheMemberDiff() {
    Gen<List<AnyOperation>> requests = anyOperation().describedAs(AnyOperation::toString)
        .zip(anyOperation(), anyOperation(), (a, b, c) -> List.of(a, b, c))
        .zip(SourceDSL.integers().between(1, 3), (ops, n) -> ops.subList(0, n));
    qt().withExamples(1000).forAll(requests).checkAssert(ops -> {
      ScimResource target = PatchFixtures.tourGuides();
      ObjectNode before = target.json();
      List<PatchOperation> operations = new ArrayList<>();
      try {
        for (AnyOperation o : ops) {
          operations.add(PatchOperation.of(o.op(), o.pathless() ? null : PatchPath.parse(o.path()), o.value()));
        }
        PatchResult first = new PatchEngine(GROUP, ops.get(0).tolerance()).apply(target, operations);
        ObjectNode result = first.resource().json();
        new PatchEngine(GROUP, ops.get(0).tolerance()).apply(first.resource(), operations.subList(0, 1));
        assertThat(first.resource().json()).isEqualTo(result);
        if (first.changes().changed("members")) {
          assertThat(first.changes().delta("members")).isEqualTo(diffByValue(before.get("members"), result.get("members")));
        }
      } catch (ScimException | IllegalArgumentException e) {
        // an invalid request: nothing to compare
      }
      assertThat(target.json()).isEqualTo(before);
    });
  }

  /** The delta of two member lists, compared by {@code value} (the first value of each wins). */
  static ValueDelta diffByValue(JsonNode was, JsonNode now) {
    java.util.Map<String, ObjectNode> b = byValue(was);
    java.util.Map<String, ObjectNode> a = byValue(now);
    Set<String> gone = new java.util.LinkedHashSet<>(b.keySet());
    gone.removeAll(a.keySet());
    java.util.Map<String, ObjectNode> added = new java.util.LinkedHashMap<>(a);
    added.keySet().removeAll(b.keySet());
    return new ValueDelta(false, gone, added);
  }

  private static java.util.Map<String, ObjectNode> byValue(JsonNode list) {
    java.util.Map<String, ObjectNode> m = new java.util.LinkedHashMap<>();
    if (list instanceof ArrayNode arr) {
      for (JsonNode e : arr) {
        if (e instanceof ObjectNode eo && e.get("value") != null && e.get("value").isString()) {
          m.putIfAbsent(e.get("value").stringValue(), eo);
        }
      }
    }
    return m;
  }

  @Test
  void onlyScimExceptions() {
    qt().withExamples(1000).forAll(anyOperation()).checkAssert(c -> {
      PatchPath p = c.pathless() ? null : PatchPath.parse(c.path());
      ScimResource target = c.isGroup() ? PatchFixtures.tourGuides() : PatchFixtures.fullUser();
      PatchEngine engine = new PatchEngine(c.isGroup() ? GROUP : USER, c.tolerance());
      ObjectNode before = target.json();
      try {
        PatchOperation operation = PatchOperation.of(c.op(), p, c.value());   // validates at construction
        engine.apply(target, List.of(operation));
        if (c.isGroup() && engine.canApplyAsDelta(List.of(operation), "members")) {
          engine.applyAsDelta(target.with("members", null), List.of(operation), "members");
        }
      } catch (ScimException e) {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.scimType()).isNotNull();
      }
      assertThat(target.json()).isEqualTo(before);
    });
  }

  @Test
  void changeSetNamesOnlyTouchedAttributes() {
    qt().withExamples(50).forAll(ids()).checkAssert(ids -> {
      PatchResult r = groups.apply(group(ids), List.of(PatchOperation.replace("displayName", N.stringNode("Other"))));
      assertThat(r.changes().attributes()).isEqualTo(Set.of("displayName"));
    });
  }
}
