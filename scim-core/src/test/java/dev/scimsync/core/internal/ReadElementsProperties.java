package dev.scimsync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.json.ScimJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The list of an array as {@link TreeReader} reads it ({@link ReadElements}) behaves as an {@link
 * ArrayList} through any sequence of changes, and the map it gives for an element ({@link
 * ReadElements#mapAt}) is always that element's own, and its first property as read ({@link
 * ReadElements#firstAt}) gives a value only while it is still the first: its properties are the element's, also after
 * the element was changed, the list was changed around it, or an element was set in its place.
 */
class ReadElementsProperties {

  private static final JsonNodeFactory N = JsonNodeFactory.instance;

  @Test
  void behavesAsAnArrayListAndKeepsOnlyRightMaps() {
    qt().withExamples(1000).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      ArrayNode read = (ArrayNode) ScimJson.parseObject(document(r).getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .get("a");
      @SuppressWarnings("unchecked")
      List<JsonNode> list = (List<JsonNode>) read.values();
      assertThat(list).isInstanceOf(ReadElements.class);
      ReadElements elements = (ReadElements) list;
      List<JsonNode> model = new ArrayList<>(list);
      consistent(elements, model, seed);
      for (int step = r.nextInt(30); step > 0; step--) {
        int n = model.size();
        JsonNode fresh = r.nextBoolean() ? N.objectNode().put("value", "new" + step) : N.stringNode("s" + step);
        switch (r.nextInt(12)) {
          case 0, 1 -> {
            list.add(fresh);
            model.add(fresh);
          }
          case 2 -> {
            int i = r.nextInt(n + 1);
            list.add(i, fresh);
            model.add(i, fresh);
          }
          case 3 -> {
            if (n > 0) {
              int i = r.nextInt(n);
              assertThat(list.set(i, fresh)).isSameAs(model.set(i, fresh));
            }
          }
          case 4 -> {
            if (n > 0) {
              int i = r.nextInt(n);
              assertThat(list.remove(i)).isSameAs(model.remove(i));
            }
          }
          case 5 -> {
            // an element set again at another place: its map must not be taken there
            if (n > 1) {
              int i = r.nextInt(n);
              int j = r.nextInt(n);
              list.set(j, model.get(i));
              model.set(j, model.get(i));
            }
          }
          case 6 -> {
            int from = r.nextInt(n + 1);
            int to = from + r.nextInt(n - from + 1);
            list.subList(from, to).clear();
            model.subList(from, to).clear();
          }
          case 7 -> {
            Iterator<JsonNode> a = list.iterator();
            Iterator<JsonNode> b = model.iterator();
            int k = r.nextInt(3) + 2;
            for (int i = 0; a.hasNext(); i++) {
              assertThat(a.next()).isSameAs(b.next());
              if (i % k == 0) {
                a.remove();
                b.remove();
              }
            }
            assertThat(b.hasNext()).isFalse();
          }
          case 8 -> {
            // an element changed in place: its map changes with it (beyond SMALL, it is hashed)
            if (n > 0 && model.get(r.nextInt(n)) instanceof ObjectNode o) {
              for (int k = r.nextInt(20); k > 0; k--) {
                o.put("p" + r.nextInt(24), k);
              }
              o.remove("value");
              if (r.nextBoolean()) {
                o.put("value", "changed");
              }
            }
          }
          case 9 -> {
            ArrayNode copy = N.arrayNode();
            copy.addAll(read);
            assertThat(copy).isEqualTo(read);
            assertThat(read.deepCopy()).isEqualTo(read);
          }
          default -> {
            if (r.nextInt(8) == 0) {
              list.clear();
              model.clear();
            }
          }
        }
        consistent(elements, model, seed);
      }
    });
  }

  /** The list equals the model, and each map given is its element's. */
  private static void consistent(ReadElements list, List<JsonNode> model, long seed) {
    assertThat(list).as("seed %s", seed).isEqualTo(model);
    assertThat(list.hashCode()).isEqualTo(model.hashCode());
    assertThat(list.toArray()).containsExactly(model.toArray());
    String[] hint = new String[1];
    for (int p = 0; p < model.size(); p++) {
      JsonNode e = model.get(p);
      CompactProperties map = list.mapAt(p, e);
      if (map == null) {
        continue;
      }
      assertThat(e).as("seed %s, position %s", seed, p).isInstanceOf(ObjectNode.class);
      assertThat(map.size()).as("seed %s, position %s", seed, p).isEqualTo(e.size());
      for (Map.Entry<String, JsonNode> q : e.properties()) {
        assertThat(map.get(q.getKey())).isSameAs(q.getValue());
      }
      assertThat(map.get("value", hint)).as("seed %s, position %s", seed, p).isSameAs(e.get("value"));
      // with the first property as read, which the element may no longer have first, or at all
      assertThat(map.get("value", hint, list.firstAt(p))).as("seed %s, position %s", seed, p).isSameAs(e.get("value"));
      assertThat(map.get("display", new String[1], list.firstAt(p))).isSameAs(e.get("display"));
      // another element at this place: no map
      assertThat(list.mapAt(p, N.objectNode())).isNull();
    }
  }

  /** An object with an array {@code a} of objects (small, large, nested), strings, numbers and arrays. */
  private static String document(SplittableRandom r) {
    StringBuilder b = new StringBuilder("{\"a\":[");
    for (int i = r.nextInt(40); i > 0; i--) {
      switch (r.nextInt(8)) {
        case 0 -> b.append("\"bare").append(i).append('"');
        case 1 -> b.append(i);
        case 2 -> b.append("[{\"value\":\"in an array\"}]");
        case 3 -> {
          b.append("{\"value\":\"big").append(i).append('"');
          for (int k = 0; k < CompactProperties.SMALL + 1; k++) {
            b.append(",\"p").append(k).append("\":").append(k);
          }
          b.append('}');
        }
        case 4 -> b.append("{\"display\":\"d\",\"meta\":{\"value\":\"nested\"},\"value\":\"v").append(i).append("\"}");
        case 5 -> b.append("{\"value\":{\"value\":\"inner\"}}");
        default -> b.append("{\"value\":\"v").append(i).append("\",\"display\":\"d").append(i).append("\"}");
      }
      if (i > 1) {
        b.append(',');
      }
    }
    return b.append("]}").toString();
  }
}
