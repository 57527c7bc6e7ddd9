package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The prepared case-insensitive matcher agrees with String.regionMatches(ignoreCase) everywhere. */
class FoldedProperties {

  @Provide
  Arbitrary<String> text() {
    // ASCII letters plus characters whose case rules are unusual (Kelvin sign, dotted I, sharp s, Greek sigma)
    return Arbitraries.strings().withChars("aAbBkKsSiIzZ_-@.0\u212A\u0130\u0131\u017F\u00DF\u03C3\u03C2\u03A3\u00E9\u00C9")
        .ofMinLength(0).ofMaxLength(8);
  }

  @Property(tries = 3000)
  void matchesAtAgreesWithRegionMatches(@ForAll("text") String s, @ForAll("text") String lit) {
    ValueTests.Folded f = new ValueTests.Folded(lit);
    for (int off = -1; off <= s.length() + 1; off++) {
      boolean expected = off >= 0 && s.regionMatches(true, off, lit, 0, lit.length());
      assertThat(f.matchesAt(s, off)).as("'%s' at %d vs '%s'", s, off, lit).isEqualTo(expected);
    }
  }

  @Property(tries = 3000)
  void containedInAgreesWithRegionMatchesAtSomeOffset(@ForAll("text") String s, @ForAll("text") String lit) {
    boolean expected = false;
    for (int off = 0; off + lit.length() <= s.length(); off++) {
      expected |= s.regionMatches(true, off, lit, 0, lit.length());
    }
    assertThat(new ValueTests.Folded(lit).containedIn(s)).isEqualTo(expected);
  }
}
