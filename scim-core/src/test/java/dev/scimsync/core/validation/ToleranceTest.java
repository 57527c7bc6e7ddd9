package dev.scimsync.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.validation.Tolerance.Leniency;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The presets keep the leniencies they had, and a tolerance is a value. */
class ToleranceTest {

  @Test
  void presetsAcceptWhatTheyAlwaysAccepted() {
    assertThat(Tolerance.strict().leniencies()).isEmpty();
    assertThat(Tolerance.lenient().leniencies()).isEqualTo(EnumSet.allOf(Leniency.class));
    assertThat(Tolerance.entra().leniencies()).isEqualTo(EnumSet.complementOf(EnumSet.of(Leniency.COERCE_STRING_VALUES)));
    assertThat(Tolerance.okta().leniencies()).containsExactlyInAnyOrder(Leniency.ANY_CASE_OPERATIONS,
        Leniency.NULL_AS_ABSENT, Leniency.IGNORE_UNKNOWN_SCHEMAS, Leniency.IGNORE_UNKNOWN_ATTRIBUTES,
        Leniency.FLEXIBLE_CARDINALITY, Leniency.NON_CANONICAL_VALUES);
    assertThat(Tolerance.okta().anyCaseOperations()).isTrue();
    assertThat(Tolerance.okta().stringBooleans()).isFalse();
  }

  @Test
  void builderAndFactoryAgree() {
    Tolerance built = Tolerance.strict().toBuilder().nullAsAbsent(true).allow(Leniency.DOTTED_KEYS).build();

    assertThat(built).isEqualTo(Tolerance.of(Leniency.DOTTED_KEYS, Leniency.NULL_AS_ABSENT))
        .hasSameHashCodeAs(Tolerance.of(Leniency.NULL_AS_ABSENT, Leniency.DOTTED_KEYS));
    assertThat(built.toBuilder().deny(Leniency.DOTTED_KEYS).nullAsAbsent(false).build()).isEqualTo(Tolerance.strict());
    assertThat(built.nullAsAbsent()).isTrue();
    assertThat(built.dottedKeys()).isTrue();
    assertThat(built.stringBooleans()).isFalse();
  }
}
