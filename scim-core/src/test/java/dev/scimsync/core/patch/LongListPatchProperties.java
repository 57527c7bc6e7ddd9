package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.Gens;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists long enough for the engine to find values by key ({@code ValueIndex}) instead of scanning:
 * a chain of PATCH requests, each applied to the previous result (which carries the index on), gives
 * after every step the list that the RFC 7644 union rule computes by scanning (a value equal to an
 * existing one, by {@code value} and, when both have one, {@code type}, merges into the first such;
 * {@code emails} compare {@code value} ignoring case, {@code members} exactly), and the member delta
 * is the difference by value.
 */
class LongListPatchProperties {

  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private static final List<String> TYPES = List.of("work", "home", "");

  /** One value: its {@code value}, {@code type} ("" for none) and {@code display}. */
  record Value(String value, String type, String display) {
    ObjectNode json() {
      ObjectNode o = N.objectNode().put("value", value);
      if (!type.isEmpty()) {
        o.put("type", type);
      }
      return o.put("display", display);
    }
  }

  /** A request: the values of one add, or (when {@code remove}) the value of a {@code remove x[value eq ...]}. */
  record Step(boolean remove, List<Value> values) {}

  private static Gen<Value> values(int pool, boolean typed) {
    Gen<String> value = SourceDSL.integers().between(0, pool).zip(SourceDSL.booleans().all(),
        (i, upper) -> (upper ? "U" : "u") + i + "@Example.org");
    Gen<String> type = typed ? Generate.pick(TYPES) : Generate.constant("");
    return value.zip(type, Generate.pick(List.of("a", "b", "c")), Value::new);
  }

  private static Gen<List<Step>> steps(boolean typed) {
    Gen<Step> step = SourceDSL.integers().between(0, 5).zip(Gens.lists(values(60, typed), 1, 3),
        (kind, vs) -> new Step(kind == 0, kind == 0 ? vs.subList(0, 1) : vs));
    return Gens.lists(step, 1, 24);
  }

  @Test
  void emailsOfALongListFollowTheUnionRuleAcrossChainedRequests() {
    check(new PatchEngine(USER, Tolerance.strict()), "emails", false, true);
  }

  @Test
  void membersOfALongGroupFollowTheUnionRuleAcrossChainedRequests() {
    check(new PatchEngine(GROUP, Tolerance.strict()), "members", true, false);
  }

  private static void check(PatchEngine engine, String attribute, boolean caseExact, boolean typed) {
    qt().withExamples(300).forAll(Gens.lists(values(60, typed), 32, 70), steps(typed)).checkAssert((initial, steps) -> {
      ObjectNode json = ScimJson.object();
      if (attribute.equals("members")) {
        json.putArray("schemas").add(PatchFixtures.GROUP_URN);
        json.put("displayName", "G");
      } else {
        json.putArray("schemas").add(PatchFixtures.USER_URN);
        json.put("userName", "bjensen");
      }
      ArrayNode list = json.putArray(attribute);
      initial.forEach(v -> list.add(v.json()));
      List<ObjectNode> model = new ArrayList<>();
      initial.forEach(v -> model.add(v.json()));
      ScimResource r = ScimResource.of(json);
      for (Step s : steps) {
        PatchOperation op;
        if (s.remove()) {
          String v = s.values().get(0).value();
          op = PatchOperation.remove(attribute + "[value eq \"" + v + "\"]");
          model.removeIf(e -> caseExact ? e.get("value").stringValue().equals(v)
              : e.get("value").stringValue().equalsIgnoreCase(v));
        } else {
          ArrayNode add = N.arrayNode();
          s.values().forEach(v -> add.add(v.json()));
          op = PatchOperation.add(attribute, add);
          s.values().forEach(v -> union(model, v.json(), caseExact));
        }
        JsonNode before = r.get(attribute);
        PatchResult result = engine.apply(r, List.of(op));
        r = result.resource();
        ArrayNode expected = N.arrayNode();
        model.forEach(expected::add);
        JsonNode actual = r.get(attribute);
        assertThat(actual == null ? N.arrayNode() : actual).as("%s after %s", attribute, s).isEqualTo(expected);
        if (result.changes().changed(attribute)) {
          assertThat(result.changes().delta(attribute))
              .isEqualTo(PatchProperties.diffByValue(before, actual == null ? N.arrayNode() : actual));
        }
      }
    });
  }

  /** The rule by a scan: merge into the first equal value, else append. */
  private static void union(List<ObjectNode> list, ObjectNode v, boolean caseExact) {
    String value = v.get("value").stringValue();
    for (ObjectNode e : list) {
      String ev = e.get("value").stringValue();
      boolean sameValue = caseExact ? ev.equals(value) : ev.equalsIgnoreCase(value);
      boolean sameType = !e.has("type") || !v.has("type")
          || e.get("type").stringValue().toLowerCase(Locale.ROOT).equals(v.get("type").stringValue());
      if (sameValue && sameType) {
        e.setAll(v);
        return;
      }
    }
    list.add(v.deepCopy());
  }
}
