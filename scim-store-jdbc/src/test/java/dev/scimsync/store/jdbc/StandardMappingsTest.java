package dev.scimsync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.sql.SqlMapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The standard mappings put indexed attributes in their columns and the rest in the document. */
class StandardMappingsTest {

  private static final ResourceSchema USER = SchemaRegistry.standard().resourceSchema("User");

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void indexedAttributesUseTheirColumnsNeverTheDocument(Dialect dialect) {
    SqlMapping m = StandardMappings.users(dialect, USER).build();

    assertThat(m.column(AttributePath.parse("userName")).expression()).isEqualTo("u.user_name");
    assertThat(m.column(AttributePath.parse("externalId")).expression()).isEqualTo("u.external_id");
    assertThat(m.column(AttributePath.parse("displayName")).expression()).isEqualTo("u.display_name");
    assertThat(m.column(AttributePath.parse("active")).expression()).isEqualTo("u.active");
    assertThat(m.column(AttributePath.parse("password"))).isNull();
    if (dialect == Dialect.POSTGRESQL) {
      assertThat(m.column(AttributePath.parse("title")).expression()).isEqualTo("(u.doc->>'title')");
      assertThat(m.column(AttributePath.parse("name.familyName")).expression()).isEqualTo("(u.doc->'name'->>'familyName')");
      assertThat(m.column(AttributePath.parse(
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber")).expression())
          .isEqualTo("(u.doc->'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'->>'employeeNumber')");
    } else {
      assertThat(m.column(AttributePath.parse("title"))).isNull();
    }
  }
}
