package dev.scimsync.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;

/** RFC 7643 §2.2 canonicalValues: written in canonical case; values outside them only where tolerated. */
class CanonicalValuesTest {

  static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bjensen\","
      + "\"emails\":[{\"value\":\"b@example.com\",\"type\":\"%s\"}]}";

  static ResourceValidator validator(Tolerance t) {
    return new ResourceValidator(SchemaRegistry.standard().resourceSchema("User"), t);
  }

  @Test
  void aCanonicalValueInAnotherCaseIsWrittenInTheCanonicalCase() {
    for (Tolerance t : new Tolerance[] {Tolerance.strict(), Tolerance.lenient()}) {
      var user = validator(t).forCreate(ScimJson.parseObject(USER.formatted("WORK")));
      assertThat(user.json().at("/emails/0/type").stringValue()).isEqualTo("work");
    }
  }

  /**
   * Project choice, not an RFC rule: RFC 7643 §2.2/§7 make canonical values suggestions that other
   * values may join; the strict preset rejects them anyway (the other presets keep them, below).
   */
  @Test
  void projectChoice_strictPresetRejectsAValueOutsideTheCanonicalValues() {
    assertThatThrownBy(() -> validator(Tolerance.strict()).forCreate(ScimJson.parseObject(USER.formatted("business"))))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
          assertThat(e.getMessage()).contains("emails.type").contains("[work, home, other]").contains("business");
        });
  }

  @Test
  void lenientAndIdpPresetsKeepAValueOutsideTheCanonicalValues() {
    for (Tolerance t : new Tolerance[] {Tolerance.lenient(), Tolerance.entra(), Tolerance.okta()}) {
      var user = validator(t).forCreate(ScimJson.parseObject(USER.formatted("business")));
      assertThat(user.json().at("/emails/0/type").stringValue()).isEqualTo("business");
    }
    var strictButTolerant = Tolerance.strict().toBuilder().nonCanonicalValues(true).build();
    assertThat(validator(strictButTolerant).forCreate(ScimJson.parseObject(USER.formatted("business")))
        .json().at("/emails/0/type").stringValue()).isEqualTo("business");
  }
}
