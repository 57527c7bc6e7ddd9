package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.Gens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A filter compiled with {@link NameSpellings} answers as the case-insensitive one on every
 * resource the spellings accepted, one by one and in batches: random filters (names in any case,
 * the extension URN too) over random documents whose names are spelled, per case, in one chosen
 * way (ASCII case mixes and the non-ASCII letters that equal ASCII ones ignoring case: Kelvin
 * sign, long s, dotless i, dotted I), with some documents in other spellings, which must be
 * refused.
 */
class NameSpellingsProperties {

  /** {@code name} with some letters replaced by others that equal them ignoring case. */
  static String exotic(Random r, String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      char x = switch (r.nextInt(4) == 0 ? Character.toLowerCase(c) : '\0') {
        case 'k' -> '\u212A';
        case 's' -> '\u017F';
        case 'i' -> r.nextBoolean() ? '\u0131' : '\u0130';
        default -> r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c);
      };
      b.append(x);
    }
    return b.toString();
  }

  /** A copy of {@code node} with every name respelled through {@code spelling}. */
  static JsonNode respell(JsonNode node, java.util.function.UnaryOperator<String> spelling) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = OptimisedEvaluatorProperties.JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        copy.set(spelling.apply(e.getKey()), respell(e.getValue(), spelling));
      }
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = OptimisedEvaluatorProperties.JSON.createArrayNode();
      for (JsonNode e : a) {
        copy.add(respell(e, spelling));
      }
      return copy;
    }
    return node;
  }

  /**
   * Documents of one population: most with every name in the population's spelling, the rest as
   * generated (in random cases, so mostly refused).
   */
  static final Gen<List<JsonNode>> POPULATIONS = Gens.fromRandom(r -> {
    Map<String, String> chosen = new HashMap<>();
    List<JsonNode> docs = new ArrayList<>();
    int n = r.nextInt(4) == 0 ? r.nextInt(150) : r.nextInt(70);
    for (int i = 0; i < n; i++) {
      JsonNode d = OptimisedEvaluatorProperties.document(r);
      if (r.nextInt(4) != 0) {
        d = respell(d, k -> chosen.computeIfAbsent(k.toLowerCase(Locale.ROOT),
            x -> r.nextBoolean() ? k : exotic(r, k)));
      }
      docs.add(d);
    }
    return docs;
  });

  @Test
  void exactLookUpsAnswerAsCaseInsensitiveOnesOnAcceptedResources() {
    int[] accepted = new int[2];
    qt().withExamples(600).forAll(OptimisedEvaluatorProperties.FILTERS, POPULATIONS, Gens.fromRandom(Random::nextLong))
        .checkAssert((f, docs, seed) -> {
          NameSpellings spellings = new NameSpellings();
          List<JsonNode> in = new ArrayList<>();
          for (JsonNode d : docs) {
            if (spellings.admit(d)) {
              in.add(d);
            }
          }
          accepted[0] += in.size();
          accepted[1] += docs.size();
          for (OptimisedEvaluatorProperties.Setup s : OptimisedEvaluatorProperties.SETUPS) {
            CompiledFilter general;
            try {
              general = s.evaluator().compile(f);
            } catch (FilterException e) {
              continue;
            }
            CompiledFilter exact = s.evaluator().compile(f, spellings);
            int expectedCount = 0;
            boolean[] expected = new boolean[in.size()];
            for (int i = 0; i < in.size(); i++) {
              expected[i] = general.test(in.get(i));
              expectedCount += expected[i] ? 1 : 0;
              assertThat(exact.test(in.get(i))).as("%s with %s on %s", f, s.label(), in.get(i)).isEqualTo(expected[i]);
            }
            assertThat(exact.count(in)).as("count of %s with %s", f, s.label()).isEqualTo(expectedCount);
            Random r = new Random(seed);
            JsonNode[] array = in.toArray(new JsonNode[0]);
            int from = array.length == 0 ? 0 : r.nextInt(array.length);
            int count = Math.min(CompiledFilter.MAX_BATCH, array.length - from);
            long bits = exact.matches(array, from, count);
            for (int i = 0; i < count; i++) {
              assertThat((bits >>> i & 1) == 1).as("bit %d of %s with %s", i, f, s.label()).isEqualTo(expected[from + i]);
            }
          }
        });
    // the property says something only if many documents are accepted, and some refused
    assertThat(accepted[0]).isGreaterThan(accepted[1] / 3).isLessThan(accepted[1]);
  }

  @Test
  void refusesAResourceWithAnotherSpellingOfARecordedNameAtAnyDepth() {
    NameSpellings spellings = new NameSpellings();
    JsonNode first = OptimisedEvaluatorProperties.JSON.readTree(
        "{\"userName\":\"a\",\"emails\":[{\"value\":\"x\",\"type\":\"work\"}],\"name\":{\"familyName\":\"F\"}}");
    assertThat(spellings.admit(first)).isTrue();
    assertThat(spellings.admit(first)).isTrue();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"USERNAME\":\"a\"}"))).isFalse();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"emails\":[{\"Value\":\"x\"}]}"))).isFalse();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"name\":{\"familyname\":\"F\"}}"))).isFalse();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"name\":{\"givenName\":\"G\"}}"))).isTrue();
    // the first spelling of a name wins, also when its resource is refused for another name
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"TITLE\":\"t\",\"Username\":\"b\"}"))).isFalse();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"title\":\"t\"}"))).isFalse();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"TITLE\":\"t\"}"))).isTrue();
    assertThat(spellings.spelling("Title")).isEqualTo("TITLE");
    assertThat(spellings.spelling("nickName")).isEqualTo("nickName");
    // the Kelvin sign equals k ignoring case
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"\u212Aey\":1}"))).isTrue();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"key\":1}"))).isFalse();
    assertThat(spellings.spelling("KEY")).isEqualTo("\u212Aey");
  }

  @Test
  void refusesResourcesWithNamesBeyondTheLimit() {
    NameSpellings spellings = new NameSpellings(2);
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"a\":1,\"b\":{\"a\":2}}"))).isTrue();
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"a\":1,\"c\":2}"))).isFalse();
    assertThat(spellings.size()).isEqualTo(2);
    assertThat(spellings.admit(OptimisedEvaluatorProperties.JSON.readTree("{\"B\":1}"))).isFalse();
    assertThatThrownBy(() -> new NameSpellings(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNameNoAcceptedResourceHoldsIsAbsentFromThem() {
    NameSpellings spellings = new NameSpellings();
    JsonNode doc = OptimisedEvaluatorProperties.JSON.readTree("{\"userName\":\"a\"}");
    assertThat(spellings.admit(doc)).isTrue();
    FilterEvaluator e = FilterEvaluator.strict();
    assertThat(e.compile(Filter.parse("TITLE pr"), spellings).test(doc)).isFalse();
    assertThat(e.compile(Filter.parse("not (title pr)"), spellings).test(doc)).isTrue();
    assertThat(e.compile(Filter.parse("USERNAME eq \"A\""), spellings).test(doc)).isTrue();
  }
}
