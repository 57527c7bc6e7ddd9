package dev.scimsync.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ETagsTest {

  @Test
  void contentVersionIgnoresMetaAndKeyOrderButSeesEveryAttribute() {
    ScimResource a = ScimResource.parse("{\"id\":\"1\",\"userName\":\"bjensen\",\"meta\":{\"version\":\"W/\\\"1\\\"\"}}");
    ScimResource sameOtherOrder = ScimResource.parse("{\"userName\":\"bjensen\",\"id\":\"1\"}");
    ScimResource changed = ScimResource.parse("{\"id\":\"1\",\"userName\":\"bjensen2\"}");
    assertThat(ETags.fromContent(a)).isEqualTo(ETags.fromContent(sameOtherOrder)).startsWith("W/\"");
    assertThat(ETags.fromContent(a)).isNotEqualTo(ETags.fromContent(changed));
  }

  /**
   * Project choice, not an RFC rule: {@code If-Match} is compared with the <em>weak</em> comparison
   * function (RFC 9110 §8.8.3.2), because SCIM versions are weak entity tags (RFC 7644 §3.14) and
   * the strong comparison that RFC 9110 §13.1.1 prescribes for {@code If-Match} would never match
   * one. A bare {@code 3} is also accepted as the tag {@code "3"}.
   */
  @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "W/\"3\"              | W/\"3\" | true",
      "\"3\"                | W/\"3\" | true",
      "W/\"2\", W/\"3\"     | W/\"3\" | true",
      "W/\"2\"              | W/\"3\" | false",
      "*                    | W/\"3\" | true",
      "3                    | W/\"3\" | true",
      "W/\"3\"              |         | false",
      "*                    |         | false",
  })
  void projectChoice_ifMatchComparesWeakly(String header, String version, boolean expected) {
    assertThat(ETags.matches(header, version)).isEqualTo(expected);
  }

  @Test
  void blankHeaderNamesNothing() {
    assertThat(ETags.matches(null, "W/\"1\"")).isFalse();
    assertThat(ETags.matches("  ", "W/\"1\"")).isFalse();
    assertThat(ETags.fromCounter(7)).isEqualTo("W/\"7\"");
  }
}
