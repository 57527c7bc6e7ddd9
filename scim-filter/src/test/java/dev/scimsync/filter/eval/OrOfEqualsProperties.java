package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.Gens;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code or} of equalities on one case-exact text attribute (compiled to one look-up and a set)
 * answers as the reference evaluator: the same path spelled in other cases, the literals repeated,
 * mixed with equalities on attributes that are not case-exact, with other operators, inside value
 * filters, on documents whose values are arrays, numbers, nulls or text in another case.
 */
class OrOfEqualsProperties {

  private static final String[] PATHS = {"externalId", "externalId", "EXTERNALID", "userName", "title", "emails.value"};
  private static final String[] INSIDE = {"value", "type"};

  private static Filter operand(Random r, boolean inside) {
    String path = inside ? INSIDE[r.nextInt(INSIDE.length)] : PATHS[r.nextInt(PATHS.length)];
    int kind = r.nextInt(10);
    if (kind == 0) {
      return new PresentFilter(AttributePath.parse(path));
    }
    ComparisonOperator op = kind == 1 ? ComparisonOperator.CO : kind == 2 ? ComparisonOperator.NE : ComparisonOperator.EQ;
    Literal lit = kind == 3 ? Literal.of(r.nextInt(3)) : Literal.of(OptimisedEvaluatorProperties.word(r));
    return new ComparisonFilter(AttributePath.parse(path), op, lit);
  }

  private static Filter or(Random r, boolean inside) {
    List<Filter> operands = new ArrayList<>();
    for (int i = 2 + r.nextInt(6); i > 0; i--) {
      operands.add(!inside && r.nextInt(8) == 0
          ? new ValuePathFilter(AttributePath.of("emails"), or(r, true))
          : operand(r, inside));
    }
    return new OrFilter(operands);
  }

  private static JsonNode document(Random r) {
    ObjectNode doc = (ObjectNode) OptimisedEvaluatorProperties.document(r);
    switch (r.nextInt(6)) {
      case 0 -> doc.putArray("externalId").add(OptimisedEvaluatorProperties.word(r)).add(OptimisedEvaluatorProperties.word(r));
      case 1 -> doc.put("externalId", r.nextInt(3));
      case 2 -> doc.putNull("externalId");
      default -> { }
    }
    return doc;
  }

  @Test
  void sameAnswersAsTheReference() {
    qt().withExamples(500).forAll(Gens.fromRandom(Random::nextLong)).checkAssert(seed -> {
      Random r = new Random(seed);
      Filter f = or(r, false);
      List<JsonNode> docs = new ArrayList<>();
      for (int i = r.nextInt(40); i > 0; i--) {
        docs.add(document(r));
      }
      for (OptimisedEvaluatorProperties.Setup s : OptimisedEvaluatorProperties.SETUPS) {
        Predicate<JsonNode> ref;
        try {
          ref = RefCompiler.compile(s.schema(), s.tolerant(), f);
        } catch (FilterException e) {
          continue; // OptimisedEvaluatorProperties checks that both refuse alike
        }
        CompiledFilter ours = s.evaluator().compile(f);
        int expected = 0;
        for (JsonNode doc : docs) {
          boolean want = ref.test(doc);
          expected += want ? 1 : 0;
          assertThat(ours.test(doc)).as("%s with %s on %s", f, s.label(), doc).isEqualTo(want);
        }
        assertThat(ours.count(docs)).as("count of %s with %s", f, s.label()).isEqualTo(expected);
      }
    });
  }
}
