package dev.scimsync.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.quicktheories.impl.Constraint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Small QuickTheories generator helpers for the property tests of this module (scim-filter's
 * tests have their own; modules do not share test classes).
 *
 * <p>A failing property prints a seed and shrinks its input. To replay a failure, run the one
 * test again with the printed seed: {@code mvn -pl scim-core -am verify -Dtest=TheProperties
 * -Dsurefire.failIfNoSpecifiedTests=false -DQT_SEED=<seed>} (or temporarily add
 * {@code .withFixedSeed(<seed>)} after {@code qt()}).
 */
public final class Gens {

  private Gens() {}

  /** {@code gen}'s values, or {@code null} in about {@code percentNull}% of the cases. */
  public static <T> Gen<T> nullable(Gen<T> gen, int percentNull) {
    // null is the low end of the draw, so shrinking prefers it
    return in -> in.next(Constraint.between(0, 99)) < percentNull ? null : gen.generate(in);
  }

  /** Strings of {@code min} to {@code max} characters drawn from {@code chars}. */
  public static Gen<String> strings(Gen<Character> chars, int min, int max) {
    return lists(chars, min, max).map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
  }

  /** One of the given characters. */
  public static Gen<Character> charsOf(String chars) {
    return Generate.pick(chars.chars().mapToObj(c -> (char) c).toList());
  }

  /** Lists of {@code min} to {@code max} elements. */
  public static <T> Gen<List<T>> lists(Gen<T> elements, int min, int max) {
    return SourceDSL.lists().of(elements).ofSizeBetween(min, max);
  }

  /** Maps of at most {@code max} entries (fewer when keys repeat), in drawing order. */
  public static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int max) {
    return lists(keys.zip(values, Map::entry), 0, max).map(entries -> {
      Map<K, V> m = new LinkedHashMap<>();
      entries.forEach(e -> m.put(e.getKey(), e.getValue()));
      return m;
    });
  }

  /**
   * JSON trees nested up to {@code depth}: at each level a scalar ({@code scalarWeight} times as
   * likely as an array or an object), an array of up to {@code width} trees, or an object of up to
   * {@code width} properties named by {@code names} (a repeated name keeps its last value).
   */
  public static Gen<JsonNode> trees(Gen<JsonNode> scalars, Gen<String> names, int depth, int width, int scalarWeight) {
    if (depth == 0) {
      return scalars;
    }
    Gen<JsonNode> inner = trees(scalars, names, depth - 1, width, scalarWeight);
    Gen<JsonNode> arrays = lists(inner, 0, width).map(l -> {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      l.forEach(a::add);
      return (JsonNode) a;
    });
    Gen<JsonNode> objects = lists(names.zip(inner, Map::entry), 0, width).map(l -> {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      l.forEach(e -> o.set(e.getKey(), e.getValue()));
      return (JsonNode) o;
    });
    @SuppressWarnings("unchecked")
    Gen<JsonNode>[] rest = new Gen[scalarWeight + 1];
    java.util.Arrays.fill(rest, 0, scalarWeight - 1, scalars);
    rest[scalarWeight - 1] = arrays;
    rest[scalarWeight] = objects;
    return Generate.oneOf(scalars, rest);
  }
}
