package dev.scimsync.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetaTest {

  @Test
  void instantsAreWrittenToTheMillisecondForClientsThatReadAtMostSevenFractionalDigits() {
    Meta m = new Meta("User", Instant.parse("2026-11-29T14:06:27.054685351Z"),
        Instant.parse("2026-11-29T14:06:28Z"), null, "W/\"1\"");
    assertThat(m.toJson().get("created").stringValue()).isEqualTo("2026-11-29T14:06:27.054Z");
    assertThat(m.toJson().get("lastModified").stringValue()).isEqualTo("2026-11-29T14:06:28Z");
    assertThat(m.toJson().has("location")).isFalse();
  }
}
