package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.validation.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The value index ({@code ValueIndex}) is only a faster way to the scan's answer: on random long
 * lists (duplicate values, values differing in case, with and without {@code type}, values without
 * {@code value} or with it spelled otherwise) and random chains of PATCH requests (add, remove and
 * replace by value filters the index can answer and filters it cannot), an engine that uses the
 * index and one that scans give the same resource (same JSON text), the same change set (same
 * order) and the same error, after every request. The indexed chain patches each result again,
 * so the index carried on (and memoised on a resource patched twice) is used.
 */
class IndexedPatchProperties {

  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private static final List<String> TYPES = List.of("work", "home", "Work");

  /** One list shape: its attribute, schema (members compare {@code value} exactly, emails ignoring case). */
  private record Shape(ResourceSchema schema, String urn, String nameAttribute, String attribute) {}

  private static final Shape MEMBERS = new Shape(GROUP, PatchFixtures.GROUP_URN, "displayName", "members");
  private static final Shape EMAILS = new Shape(USER, PatchFixtures.USER_URN, "userName", "emails");

  @Test
  void membersIndexedAndScannedAgree() {
    check(MEMBERS);
  }

  @Test
  void emailsIndexedAndScannedAgree() {
    check(EMAILS);
  }

  /**
   * The list as read by {@code ScimJson.parseObject} ({@code ScimResource.parse}: the first-time scan
   * of an add reads each value's {@code value} from the map the reader kept), with values of every
   * kind (a {@code value} that is a number or an object, bare strings and numbers, objects of more
   * than {@code CompactProperties.SMALL} properties, nested objects), against the same list built
   * by hand and only scanned.
   */
  @Test
  void membersReadAndBuiltAgree() {
    checkRead(MEMBERS);
  }

  @Test
  void emailsReadAndBuiltAgree() {
    checkRead(EMAILS);
  }

  private static void check(Shape shape) {
    qt().withExamples(400).forAll(SourceDSL.longs().all()).checkAssert(seed -> run(shape, new Random(seed), seed, false));
  }

  private static void checkRead(Shape shape) {
    qt().withExamples(400).forAll(SourceDSL.longs().all()).checkAssert(seed -> run(shape, new Random(seed), seed, true));
  }

  private static void run(Shape shape, Random rnd, long seed, boolean read) {
    Tolerance tolerance = rnd.nextBoolean() ? Tolerance.strict() : Tolerance.lenient();
    PatchEngine indexed = new PatchEngine(shape.schema(), tolerance, true);
    PatchEngine scanned = new PatchEngine(shape.schema(), tolerance, false);
    int pool = 5 + rnd.nextInt(40);
    ObjectNode json = resource(shape, rnd, pool, read);
    ScimResource start = ScimResource.of(json);
    // parsed, not copied: ScimResource.of would copy the read nodes into the mapper's kind
    ScimResource a = read ? ScimResource.parse(ScimJson.write(json)) : start;
    ScimResource b = start;
    int requests = 1 + rnd.nextInt(8);
    for (int q = 0; q < requests; q++) {
      List<PatchOperation> ops = new ArrayList<>();
      if (rnd.nextInt(3) == 0) {
        ops.add(addExisting(shape.attribute(), rnd, a));
      } else {
        for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
          ops.add(operation(shape.attribute(), rnd, pool));
        }
      }
      String what = "seed " + seed + ", request " + q + ": " + ops;
      if (rnd.nextInt(3) == 0) {
        outcome(indexed, a, ops); // patched twice: the second finds the index kept with the resource
      }
      Object x = outcome(indexed, a, ops);
      Object y = outcome(scanned, b, ops);
      assertThat(x).as(what).isEqualTo(y);
      if (x instanceof Outcome ox) {
        a = ox.resource;
        b = ((Outcome) y).resource;
      }
    }
  }

  /** A result as compared: the resource's JSON text and the change set with its orders. */
  private record Outcome(ScimResource resource, String json, List<String> attributes, List<String> deltas) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Outcome other && json.equals(other.json) && attributes.equals(other.attributes)
          && deltas.equals(other.deltas);
    }

    @Override
    public int hashCode() {
      return json.hashCode();
    }

    @Override
    public String toString() {
      return json + " " + attributes + " " + deltas;
    }
  }

  private static Object outcome(PatchEngine engine, ScimResource r, List<PatchOperation> ops) {
    try {
      PatchResult result = engine.apply(r, ops);
      List<String> attributes = new ArrayList<>(result.changes().attributes());
      attributes.sort(null);
      List<String> deltas = new ArrayList<>();
      result.changes().deltas().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
        ValueDelta d = e.getValue();
        deltas.add(e.getKey() + " cleared=" + d.cleared() + " removed=" + new ArrayList<>(d.removed()) + " added="
            + new ArrayList<>(d.added().entrySet()));
      });
      return new Outcome(result.resource(), ScimJson.write(result.resource().json()), attributes, deltas);
    } catch (ScimException e) {
      return e.status() + " " + e.scimType() + " " + e.detail();
    }
  }

  private static ObjectNode resource(Shape shape, Random rnd, int pool, boolean anyKind) {
    ObjectNode json = ScimJson.object();
    json.putArray("schemas").add(shape.urn());
    json.put(shape.nameAttribute(), "x");
    ArrayNode list = json.putArray(shape.attribute());
    // most lists have only values with a string value, so that the index answers
    boolean odd = rnd.nextInt(3) == 0;
    for (int n = 20 + rnd.nextInt(60); n > 0; n--) {
      if (anyKind && rnd.nextInt(odd ? 4 : 30) == 0) {
        odd(list, rnd, pool);
        continue;
      }
      int kind = odd ? rnd.nextInt(12) : 2 + rnd.nextInt(10);
      ObjectNode e = list.addObject();
      switch (kind) {
        case 0 -> e.put("display", "no value");
        case 1 -> e.put("Value", value(rnd, pool)).put("display", "other spelling");
        default -> {
          e.put("value", value(rnd, pool));
          if (rnd.nextBoolean()) {
            e.put("type", TYPES.get(rnd.nextInt(TYPES.size())));
          }
          if (rnd.nextInt(4) > 0) {
            e.put("display", "d" + rnd.nextInt(3));
          }
          if (shape == EMAILS && rnd.nextInt(20) == 0) {
            e.put("primary", true);
          }
        }
      }
    }
    return json;
  }

  /** A value of a kind a valid list has not, but a stored one may. */
  private static void odd(ArrayNode list, Random rnd, int pool) {
    switch (rnd.nextInt(6)) {
      case 0 -> list.add(value(rnd, pool));
      case 1 -> list.add(rnd.nextInt(3));
      case 2 -> list.addObject().put("value", rnd.nextInt(3));
      case 3 -> list.addObject().putObject("value").put("value", value(rnd, pool));
      case 4 -> {
        ObjectNode big = list.addObject().put("value", value(rnd, pool));
        for (int k = 0; k < 17; k++) {
          big.put("x" + k, k);
        }
      }
      default -> list.addObject().put("display", "d").put("value", value(rnd, pool)).putObject("meta")
          .put("value", value(rnd, pool));
    }
  }

  /** A value of the pool, in one of two cases. */
  private static String value(Random rnd, int pool) {
    int i = rnd.nextInt(pool + 2); // sometimes one that no value has
    return (rnd.nextBoolean() ? "u" : "U") + i + (rnd.nextBoolean() ? "@example.org" : "@Example.ORG");
  }

  private static PatchOperation operation(String attribute, Random rnd, int pool) {
    String v = value(rnd, pool);
    String w = value(rnd, pool);
    String t = TYPES.get(rnd.nextInt(TYPES.size()));
    List<String> filters = List.of(
        "[value eq \"" + v + "\"]",
        "[value eq \"" + v + "\"]",
        "[value eq \"" + v + "\" and type eq \"" + t + "\"]",
        "[type eq \"" + t + "\" and value eq \"" + v + "\"]",
        "[value eq \"" + v + "\" or value eq \"" + w + "\"]",
        "[type eq \"" + t + "\"]",
        "[value sw \"" + v.substring(0, 2) + "\"]",
        "[Value eq \"" + v + "\"]",
        "[not (value eq \"" + v + "\")]");
    String filter = attribute + filters.get(rnd.nextInt(filters.size()));
    return switch (rnd.nextInt(11)) {
      case 0, 1 -> PatchOperation.remove(filter);
      case 9 -> PatchOperation.remove(filter + ".value");
      case 10 -> PatchOperation.replace(filter, N.objectNode());
      case 2 -> PatchOperation.remove(filter + ".display");
      case 3 -> PatchOperation.replace(filter, element(rnd, pool, v));
      case 4 -> PatchOperation.replace(filter + ".display", N.stringNode("renamed"));
      case 5 -> PatchOperation.add(filter + ".display", N.stringNode("added"));
      case 6 -> PatchOperation.replace(filter + ".value", N.stringNode(w));
      case 7 -> PatchOperation.remove(attribute, N.arrayNode().add(N.objectNode().put("value", v)));
      default -> {
        ArrayNode add = N.arrayNode();
        for (int k = 1 + rnd.nextInt(2); k > 0; k--) {
          add.add(element(rnd, pool, value(rnd, pool)));
        }
        yield PatchOperation.add(attribute, add);
      }
    };
  }

  /**
   * An add of values with the {@code value} of values the list has (sometimes in another case),
   * each with a random {@code type} or none: equal to one of them, or the same {@code value} of
   * another type, which the change set must not report as added.
   */
  private static PatchOperation addExisting(String attribute, Random rnd, ScimResource r) {
    JsonNode list = r.get(attribute);
    ArrayNode add = N.arrayNode();
    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
      JsonNode e = list == null || list.isEmpty() ? null : list.get(rnd.nextInt(list.size()));
      JsonNode ev = e == null ? null : e.get("value");
      ObjectNode o;
      if (ev != null && !ev.isString()) {
        o = add.addObject().set("value", ev.deepCopy()); // a number or an object, as the list has it
      } else {
        String v = ev != null ? ev.asString() : "u0@example.org";
        o = add.addObject().put("value", rnd.nextInt(4) == 0 ? v.toUpperCase(java.util.Locale.ROOT) : v);
      }
      if (rnd.nextInt(4) > 0) {
        o.put("type", TYPES.get(rnd.nextInt(TYPES.size())));
      }
    }
    return PatchOperation.add(attribute, add);
  }

  /** A value to write: mostly with {@code value} (sometimes another case of it), sometimes without. */
  private static JsonNode element(Random rnd, int pool, String v) {
    ObjectNode e = N.objectNode();
    int kind = rnd.nextInt(6);
    if (kind > 0) {
      e.put("value", kind == 1 ? v.toUpperCase(java.util.Locale.ROOT) : v);
    }
    if (rnd.nextBoolean()) {
      e.put("type", TYPES.get(rnd.nextInt(TYPES.size())));
    }
    if (kind != 5) {
      e.put("display", "w" + rnd.nextInt(3));
    }
    return e;
  }
}
