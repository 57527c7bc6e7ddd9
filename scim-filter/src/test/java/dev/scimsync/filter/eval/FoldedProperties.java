package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.filter.Gens;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The prepared case-insensitive matcher agrees with String.regionMatches(ignoreCase) everywhere. */
class FoldedProperties {

  static Gen<String> text() {
    // ASCII letters plus characters whose case rules are unusual (Kelvin sign, dotted I, sharp s, Greek sigma)
    return Gens.strings(Gens.charsOf("aAbBkKsSiIzZ_-@.0\u212A\u0130\u0131\u017F\u00DF\u03C3\u03C2\u03A3\u00E9\u00C9"), 0, 8);
  }

  @Test
  void matchesAtAgreesWithRegionMatches() {
    qt().withExamples(3000).forAll(text(), text()).checkAssert((s, lit) -> {
      ValueTests.Folded f = new ValueTests.Folded(lit);
      for (int off = -1; off <= s.length() + 1; off++) {
        boolean expected = off >= 0 && s.regionMatches(true, off, lit, 0, lit.length());
        assertThat(f.matchesAt(s, off)).as("'%s' at %d vs '%s'", s, off, lit).isEqualTo(expected);
      }
    });
  }

  @Test
  void containedInAgreesWithRegionMatchesAtSomeOffset() {
    qt().withExamples(3000).forAll(text(), text()).checkAssert((s, lit) -> {
      boolean expected = false;
      for (int off = 0; off + lit.length() <= s.length(); off++) {
        expected |= s.regionMatches(true, off, lit, 0, lit.length());
      }
      assertThat(new ValueTests.Folded(lit).containedIn(s)).isEqualTo(expected);
    });
  }
}
