package dev.scimsync.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.Returned;
import dev.scimsync.core.schema.Schema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.schema.AttributeType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filters and sortBy never read an attribute with {@code returned: never}, at any depth. */
class SecretAttributesTest {

  static final ResourceSchema USER = SchemaRegistry.standard().resourceSchema("User");

  static final ResourceSchema VAULT = vault();

  static ResourceSchema vault() {
    String urn = "urn:example:schemas:Vault";
    Schema s = new Schema(urn, "Vault", "A vault", List.of(
        AttributeDefinition.builder("name", AttributeType.STRING).build(),
        AttributeDefinition.builder("keys", AttributeType.COMPLEX).multiValued().subAttributes(
            AttributeDefinition.builder("label", AttributeType.STRING).build(),
            AttributeDefinition.builder("secret", AttributeType.STRING).returned(Returned.NEVER).build()).build()));
    SchemaRegistry registry = SchemaRegistry.standardBuilder().schema(s)
        .resourceType(new ResourceType("Vault", "Vault", "/Vaults", "Vaults", urn, List.of())).build();
    return registry.resourceSchema("Vault");
  }

  @Test
  void passwordCannotBeFilteredOn() {
    for (String f : List.of("password sw \"T\"", "password pr", "not (password eq \"x\")",
        "userName eq \"a\" or (active eq true and PASSWORD gt \"m\")",
        "urn:ietf:params:scim:schemas:core:2.0:User:password co \"r\"")) {
      ScimException e = catchThrowableOfType(ScimException.class,
          () -> SecretAttributes.checkFilter(USER, Filter.parse(f)));
      assertThat(e).as(f).isNotNull();
      assertThat(e.scimType().wireName()).isEqualTo("invalidFilter");
      assertThat(e.getMessage()).containsIgnoringCase("password");
    }
    assertThatCode(() -> SecretAttributes.checkFilter(USER, Filter.parse("userName sw \"pass\""))).doesNotThrowAnyException();
  }

  @Test
  void aSecretSubAttributeCannotBeFilteredOnInsideAValueFilter() {
    for (String f : List.of("keys[secret sw \"a\"]", "keys[label eq \"x\" and not (secret pr)]", "keys.secret pr")) {
      ScimException e = catchThrowableOfType(ScimException.class,
          () -> SecretAttributes.checkFilter(VAULT, Filter.parse(f)));
      assertThat(e).as(f).isNotNull();
      assertThat(e.scimType().wireName()).isEqualTo("invalidFilter");
    }
    assertThatCode(() -> SecretAttributes.checkFilter(VAULT, Filter.parse("keys[label eq \"x\"]"))).doesNotThrowAnyException();
  }

  @Test
  void sortByASecretIsRefused() {
    ScimException e = catchThrowableOfType(ScimException.class,
        () -> SecretAttributes.checkSortBy(USER, AttributePath.parse("password")));
    assertThat(e.scimType().wireName()).isEqualTo("invalidValue");
    assertThat(catchThrowableOfType(ScimException.class,
        () -> SecretAttributes.checkSortBy(VAULT, AttributePath.parse("keys.secret")))).isNotNull();
    assertThatCode(() -> SecretAttributes.checkSortBy(USER, AttributePath.parse("userName"))).doesNotThrowAnyException();
  }
}
