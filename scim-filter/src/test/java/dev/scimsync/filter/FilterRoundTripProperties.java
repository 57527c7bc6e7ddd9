package dev.scimsync.filter;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The printer's contract: canonical text parses back to an equal tree, and printing is stable. */
class FilterRoundTripProperties {

  private static final FilterParser STRICT = FilterParser.builder().maxLength(1_000_000).build();
  private static final FilterParser TOLERANT = FilterParser.builder().maxLength(1_000_000).tolerant(true).build();

  @Provide
  Arbitrary<Filter> filters() {
    return FilterGenerators.filter(4, true);
  }

  @Provide
  Arbitrary<PatchPath> patchPaths() {
    return FilterGenerators.patchPath();
  }

  @Provide
  Arbitrary<AttributePath> attributePaths() {
    return FilterGenerators.attributePath(true);
  }

  @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
  void printedFilterParsesBackToAnEqualTree(@ForAll("filters") Filter f) {
    assertThat(STRICT.parseFilter(f.toString())).isEqualTo(f);
  }

  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
  void printedFilterParsesToTheSameTreeInTolerantMode(@ForAll("filters") Filter f) {
    assertThat(TOLERANT.parseFilter(f.toString())).isEqualTo(f);
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void printingIsIdempotent(@ForAll("filters") Filter f) {
    String printed = f.toString();
    assertThat(STRICT.parseFilter(printed).toString()).isEqualTo(printed);
  }

  @Property(tries = 1500, edgeCases = EdgeCasesMode.MIXIN)
  void printedPatchPathParsesBackToAnEqualPath(@ForAll("patchPaths") PatchPath p) {
    assertThat(STRICT.parsePath(p.toString())).isEqualTo(p);
  }

  @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
  void printingAPatchPathIsIdempotent(@ForAll("patchPaths") PatchPath p) {
    String printed = p.toString();
    assertThat(STRICT.parsePath(printed).toString()).isEqualTo(printed);
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
  void printedAttributePathParsesBackToAnEqualPath(@ForAll("attributePaths") AttributePath p) {
    assertThat(STRICT.parseAttributePath(p.toString())).isEqualTo(p);
  }
}
