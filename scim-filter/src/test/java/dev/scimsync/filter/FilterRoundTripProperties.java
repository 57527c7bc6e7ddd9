package dev.scimsync.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/**
 * The printer's contract: canonical text parses back to an equal tree, and printing is stable.
 * Property tests on QuickTheories; {@link Gens} says how to replay a failure's seed.
 */
class FilterRoundTripProperties {

  private static final FilterParser STRICT = FilterParser.builder().maxLength(1_000_000).build();
  private static final FilterParser TOLERANT = FilterParser.builder().maxLength(1_000_000).tolerant(true).build();

  @Test
  void printedFilterParsesBackToAnEqualTree() {
    qt().withExamples(2000).forAll(FilterGenerators.filter(4, true))
        .checkAssert(f -> assertThat(STRICT.parseFilter(f.toString())).isEqualTo(f));
  }

  @Test
  void printedFilterParsesToTheSameTreeInTolerantMode() {
    qt().withExamples(500).forAll(FilterGenerators.filter(4, true))
        .checkAssert(f -> assertThat(TOLERANT.parseFilter(f.toString())).isEqualTo(f));
  }

  @Test
  void printingIsIdempotent() {
    qt().withExamples(1000).forAll(FilterGenerators.filter(4, true)).checkAssert(f -> {
      String printed = f.toString();
      assertThat(STRICT.parseFilter(printed).toString()).isEqualTo(printed);
    });
  }

  @Test
  void printedPatchPathParsesBackToAnEqualPath() {
    qt().withExamples(1500).forAll(FilterGenerators.patchPath())
        .checkAssert(p -> assertThat(STRICT.parsePath(p.toString())).isEqualTo(p));
  }

  @Test
  void printingAPatchPathIsIdempotent() {
    qt().withExamples(500).forAll(FilterGenerators.patchPath()).checkAssert(p -> {
      String printed = p.toString();
      assertThat(STRICT.parsePath(printed).toString()).isEqualTo(printed);
    });
  }

  @Test
  void printedAttributePathParsesBackToAnEqualPath() {
    qt().withExamples(1000).forAll(FilterGenerators.attributePath(true))
        .checkAssert(p -> assertThat(STRICT.parseAttributePath(p.toString())).isEqualTo(p));
  }
}
