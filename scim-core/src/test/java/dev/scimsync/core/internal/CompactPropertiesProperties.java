package dev.scimsync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@link CompactProperties} behaves as the {@link LinkedHashMap} an {@code ObjectNode} has
 * otherwise, through any sequence of changes: the same answers, order, {@code equals} and {@code
 * hashCode}, across the move to a hashed map beyond {@value CompactProperties#SMALL} properties.
 */
class CompactPropertiesProperties {

  @Test
  void behavesAsALinkedHashMap() {
    qt().withExamples(2000).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      int start = r.nextInt(CompactProperties.SMALL + 1);
      CompactProperties.Property[] props = new CompactProperties.Property[start + r.nextInt(3)];
      LinkedHashMap<String, JsonNode> model = new LinkedHashMap<>();
      for (int i = 0; i < start; i++) {
        props[i] = new CompactProperties.Property("n" + i, IntNode.valueOf(i));
        model.put("n" + i, IntNode.valueOf(i));
      }
      CompactProperties map = new CompactProperties(props, start);
      same(map, model);
      // entries handed out by iteration, with the model's: they read and write through alike
      List<Map.Entry<String, JsonNode>> held = new ArrayList<>();
      List<Map.Entry<String, JsonNode>> heldModel = new ArrayList<>();
      int names = r.nextBoolean() ? 8 : 40;
      Map<String, String[]> hints = new java.util.HashMap<>();
      for (int step = r.nextInt(60); step > 0; step--) {
        // a new String each time: equal names are not always the same instance
        String name = new String("n" + r.nextInt(names));
        JsonNode value = StringNode.valueOf("v" + r.nextInt(5));
        switch (r.nextInt(11)) {
          case 0, 1, 2 -> assertThat(map.put(name, value)).isEqualTo(model.put(name, value));
          case 3 -> assertThat(map.remove(name)).isEqualTo(model.remove(name));
          case 4, 9 -> {
            assertThat(map.get(name)).isEqualTo(model.get(name));
            // the scan's form: an instance of the name seen before is compared first
            assertThat(map.get(name, hints.computeIfAbsent(name, n -> new String[1]))).isEqualTo(model.get(name));
            assertThat(map.containsKey(name)).isEqualTo(model.containsKey(name));
          }
          case 5 -> {
            // remove through the iterator every property with a name of an even length
            Iterator<Map.Entry<String, JsonNode>> a = map.entrySet().iterator();
            Iterator<Map.Entry<String, JsonNode>> b = model.entrySet().iterator();
            while (b.hasNext()) {
              Map.Entry<String, JsonNode> e = a.next();
              Map.Entry<String, JsonNode> f = b.next();
              assertThat(e).isEqualTo(f);
              if (r.nextInt(4) == 0) {
                held.add(e);
                heldModel.add(f);
              }
              if (e.getKey().length() % 2 == 0) {
                a.remove();
                b.remove();
              }
            }
            assertThat(a.hasNext()).isFalse();
          }
          case 6 -> {
            for (Map.Entry<String, JsonNode> e : map.entrySet()) {
              if (e.getKey().equals(name)) {
                assertThat(e.setValue(value)).isEqualTo(model.put(name, value));
              }
            }
          }
          case 7 -> {
            map.keySet().remove(name);
            model.keySet().remove(name);
          }
          case 8 -> {
            // a held entry written: through to the map while it holds the property, as in the model
            for (int i = 0; i < held.size(); i++) {
              if (r.nextInt(3) == 0) {
                assertThat(held.get(i).setValue(value)).isEqualTo(heldModel.get(i).setValue(value));
              }
            }
          }
          default -> {
            if (r.nextInt(5) == 0) {
              map.clear();
              model.clear();
            }
          }
        }
        if (model.size() > CompactProperties.SMALL) {
          // the move to a hashed map leaves entries behind (a LinkedHashMap never moves them)
          held.clear();
          heldModel.clear();
        }
        for (int i = 0; i < held.size(); i++) {
          assertThat(held.get(i).getKey()).isEqualTo(heldModel.get(i).getKey());
          assertThat(held.get(i).getValue()).isEqualTo(heldModel.get(i).getValue());
          assertThat(held.get(i)).isEqualTo(heldModel.get(i));
          assertThat(held.get(i).hashCode()).isEqualTo(heldModel.get(i).hashCode());
        }
        same(map, model);
      }
    });
  }

  private static void same(CompactProperties map, LinkedHashMap<String, JsonNode> model) {
    assertThat(map).isEqualTo(model);
    assertThat(model).isEqualTo(map);
    assertThat(map.hashCode()).isEqualTo(model.hashCode());
    assertThat(map.size()).isEqualTo(model.size());
    assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
    assertThat(new ArrayList<>(map.keySet())).isEqualTo(new ArrayList<>(model.keySet()));
    assertThat(new ArrayList<>(map.values())).isEqualTo(new ArrayList<>(model.values()));
    assertThat(map.toString()).isEqualTo(model.toString());
    ObjectNode a = new ObjectNode(JsonNodeFactory.instance, map);
    ObjectNode b = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(model));
    assertThat(a).isEqualTo(b);
    assertThat(b).isEqualTo(a);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a.toString()).isEqualTo(b.toString());
  }

  /**
   * {@link CompactProperties#shallowCopy} of an object of any size and map gives an equal object
   * with the same names in the same order and the same value nodes; changing the copy (adding past
   * {@value CompactProperties#SMALL} properties, replacing, removing) leaves the original as it was.
   */
  @Test
  void aShallowCopyIsEqualAndIndependent() {
    qt().withExamples(1000).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      int n = r.nextInt(CompactProperties.SMALL + 6);
      ObjectNode o = r.nextBoolean() ? JsonNodeFactory.instance.objectNode()
          : new ObjectNode(JsonNodeFactory.instance, new CompactProperties(new CompactProperties.Property[0], 0));
      for (int i = 0; i < n; i++) {
        o.put("p" + r.nextInt(30), "v" + i);
      }
      ObjectNode before = o.deepCopy();
      ObjectNode c = CompactProperties.shallowCopy(o);
      assertThat(c).isEqualTo(o);
      assertThat(o).isEqualTo(c);
      assertThat(new ArrayList<>(c.propertyNames())).isEqualTo(new ArrayList<>(o.propertyNames()));
      for (String name : o.propertyNames()) {
        assertThat(c.get(name)).isSameAs(o.get(name));
      }
      for (int step = r.nextInt(25); step > 0; step--) {
        String name = "p" + r.nextInt(40);
        switch (r.nextInt(3)) {
          case 0 -> c.put(name, "w" + step);
          case 1 -> c.remove(name);
          default -> c.set(name, IntNode.valueOf(step));
        }
      }
      assertThat(o).isEqualTo(before);
      assertThat(new ArrayList<>(o.propertyNames())).isEqualTo(new ArrayList<>(before.propertyNames()));
    });
  }

  /**
   * {@link CompactProperties#deepCopy} of nested objects and arrays of any size equals {@code
   * deepCopy()}'s, in the same order, and changing anything in the copy, at any depth, leaves the
   * original as it was.
   */
  @Test
  void aDeepCopyIsEqualAndIndependent() {
    qt().withExamples(1000).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      ObjectNode o = randomObject(r, 0);
      ObjectNode before = o.deepCopy();
      ObjectNode c = CompactProperties.deepCopy(o);
      assertThat(c).isEqualTo(before);
      assertThat(before).isEqualTo(c);
      assertThat(c.toString()).isEqualTo(before.toString());
      change(c, r);
      assertThat(o).isEqualTo(before);
      assertThat(o.toString()).isEqualTo(before.toString());
    });
  }

  private static ObjectNode randomObject(SplittableRandom r, int depth) {
    ObjectNode o = r.nextBoolean() ? JsonNodeFactory.instance.objectNode()
        : new ObjectNode(JsonNodeFactory.instance, new CompactProperties(new CompactProperties.Property[0], 0));
    for (int i = r.nextInt(depth == 0 ? CompactProperties.SMALL + 6 : 5); i > 0; i--) {
      String name = "p" + r.nextInt(30);
      switch (depth < 3 ? r.nextInt(4) : 0) {
        case 0 -> o.put(name, "v" + i);
        case 1 -> o.set(name, randomObject(r, depth + 1));
        default -> o.putArray(name).add(randomObject(r, depth + 1)).add("s" + i);
      }
    }
    return o;
  }

  /** Changes every object and array of {@code n}, at every depth. */
  private static void change(JsonNode n, SplittableRandom r) {
    if (n instanceof ObjectNode o) {
      for (JsonNode v : new ArrayList<>(o.values())) {
        change(v, r);
      }
      o.put("p" + r.nextInt(40), "changed");
    } else if (n instanceof tools.jackson.databind.node.ArrayNode a) {
      for (JsonNode v : a) {
        change(v, r);
      }
      a.add("changed");
    }
  }

  @Test
  void aChangeWhileIteratingFailsAsInALinkedHashMap() {
    List<Map<String, JsonNode>> maps = List.of(new LinkedHashMap<>(),
        new CompactProperties(new CompactProperties.Property[0], 0));
    for (Map<String, JsonNode> m : maps) {
      m.put("a", IntNode.valueOf(1));
      m.put("b", IntNode.valueOf(2));
      Iterator<String> it = m.keySet().iterator();
      it.next();
      m.remove("b");
      assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
    }
  }
}
