package dev.scimsync.filter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** Abbreviated text: never longer than asked, whole when it fits, never half a surrogate pair. */
class TextsTest {

  @Test
  void textThatFitsIsKeptWhole() {
    assertThat(Texts.abbreviate("", 10)).isEmpty();
    assertThat(Texts.abbreviate("0123456789", 10)).isEqualTo("0123456789");
  }

  @Test
  void longerTextIsCutToTheMaximumWithAnEllipsis() {
    assertThat(Texts.abbreviate("01234567890", 10)).isEqualTo("0123456...");
    assertThat(Texts.abbreviate("x".repeat(1000), 43)).isEqualTo("x".repeat(40) + "...");
  }

  @Test
  void aSurrogatePairIsNotSplit() {
    String emoji = "\ud83d\ude00";
    // the cut at 6 would fall between the two halves of the emoji
    assertThat(Texts.abbreviate("abcde" + emoji + "xyz", 9)).isEqualTo("abcde...");
    assertThat(Texts.abbreviate("abcdef" + emoji + "xyz", 9)).isEqualTo("abcdef...");
  }

  @Test
  void aMaximumWithoutRoomForTextIsRefused() {
    assertThatThrownBy(() -> Texts.abbreviate("abcdef", 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theResultIsAPrefixAndNeverLongerThanTheMaximum() {
    qt().forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 80), SourceDSL.integers().between(4, 60))
        .checkAssert((s, max) -> {
          String out = Texts.abbreviate(s, max);
          assertThat(out.length()).isLessThanOrEqualTo(max);
          if (s.length() <= max) {
            assertThat(out).isEqualTo(s);
          } else {
            assertThat(out).endsWith("...");
            assertThat(s).startsWith(out.substring(0, out.length() - 3));
            assertThat(out.length()).isGreaterThanOrEqualTo(max - 1);
          }
        });
  }
}
