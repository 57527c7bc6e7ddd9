package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.Gens;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A filter tested over a {@link ResourceTable} answers as {@link CompiledFilter#test} on each row's
 * resource, through random histories of the table: rows added (past the initial capacity), replaced,
 * emptied and filled again, with columns made by earlier filters kept up to date, more paths read
 * than the table keeps columns for, names in any case, and with the look-ups by spelling ({@link
 * NameSpellings}) on rows whose names are all in one spelling.
 */
class ResourceTableProperties {

  /** A random history: each step changes the table or filters it. */
  @Test
  void theTableAnswersAsEachResourceThroughRandomHistories() {
    qt().withExamples(250).forAll(Gens.fromRandom(Random::nextLong)).checkAssert(seed -> {
      Random r = new Random(seed);
      OptimisedEvaluatorProperties.Setup setup = OptimisedEvaluatorProperties.SETUPS.get(r.nextInt(4));
      FilterEvaluator evaluator = setup.evaluator();
      ResourceTable table = new ResourceTable();
      List<JsonNode> rows = new ArrayList<>();
      int initial = r.nextInt(4) == 0 ? 60 + r.nextInt(150) : r.nextInt(40);
      for (int i = 0; i < initial; i++) {
        add(table, rows, OptimisedEvaluatorProperties.document(r));
      }
      for (int step = 0; step < 30; step++) {
        switch (r.nextInt(6)) {
          case 0 -> add(table, rows, OptimisedEvaluatorProperties.document(r));
          case 1 -> {
            if (!rows.isEmpty()) {
              int row = r.nextInt(rows.size());
              JsonNode doc = r.nextInt(3) == 0 ? null : OptimisedEvaluatorProperties.document(r);
              table.set(row, doc);
              rows.set(row, doc);
            }
          }
          default -> check(evaluator, OptimisedEvaluatorProperties.filter(r, 3, false), table, rows, r);
        }
      }
      assertThat(table.columnCount()).isLessThanOrEqualTo(ResourceTable.MAX_COLUMNS);
    });
  }

  private static void add(ResourceTable table, List<JsonNode> rows, JsonNode doc) {
    assertThat(table.add(doc)).isEqualTo(rows.size());
    rows.add(doc);
  }

  private static void check(FilterEvaluator evaluator, Filter f, ResourceTable table, List<JsonNode> rows, Random r) {
    CompiledFilter compiled;
    try {
      compiled = evaluator.compile(f);
    } catch (FilterException e) {
      return; // rejected filters are OptimisedEvaluatorProperties' concern
    }
    int expected = 0;
    for (JsonNode doc : rows) {
      expected += doc != null && compiled.test(doc) ? 1 : 0;
    }
    assertThat(compiled.count(table)).as("count of %s", f).isEqualTo(expected);
    // a window at any offset
    if (!rows.isEmpty()) {
      int from = r.nextInt(rows.size());
      int count = 1 + r.nextInt(Math.min(CompiledFilter.MAX_BATCH, rows.size() - from));
      long bits = compiled.matches(table, from, count);
      for (int i = 0; i < 64; i++) {
        JsonNode doc = i < count ? rows.get(from + i) : null;
        boolean want = doc != null && compiled.test(doc);
        assertThat((bits >>> i & 1) == 1).as("row %d of %s on %s", from + i, f, doc).isEqualTo(want);
      }
    }
    // by spelling: for the rows whose names are all in the spellings the first rows set
    NameSpellings spellings = new NameSpellings();
    boolean[] admitted = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      admitted[i] = rows.get(i) instanceof ObjectNode doc && spellings.admit(doc);
    }
    CompiledFilter spelled = evaluator.compile(f, spellings);
    for (int at = 0; at < rows.size(); at += CompiledFilter.MAX_BATCH) {
      int k = Math.min(CompiledFilter.MAX_BATCH, rows.size() - at);
      long bits = spelled.matches(table, at, k);
      for (int i = 0; i < k; i++) {
        if (admitted[at + i]) {
          boolean want = compiled.test(rows.get(at + i));
          assertThat((bits >>> i & 1) == 1).as("row %d of %s spelled on %s", at + i, f, rows.get(at + i)).isEqualTo(want);
        }
      }
    }
  }

  @Test
  void rangesOutsideTheTableAreRefused() {
    ResourceTable table = new ResourceTable();
    table.add(OptimisedEvaluatorProperties.JSON.createObjectNode().put("userName", "a"));
    CompiledFilter f = FilterEvaluator.strict().compile(Filter.parse("userName eq \"a\""));
    assertThat(f.matches(table, 0, 1)).isEqualTo(1L);
    assertThatThrownBy(() -> f.matches(table, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> f.matches(table, 0, CompiledFilter.MAX_BATCH + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.set(1, null)).isInstanceOf(IndexOutOfBoundsException.class);
    table.set(0, null);
    assertThat(f.matches(table, 0, 1)).isZero();
    assertThat(table.get(0)).isNull();
  }
}
