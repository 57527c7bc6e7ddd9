package dev.scimsync.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.TestResources;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.schema.AttributeType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The built-in schemas against RFC 7643 §8.7.1 (resource schema representation), and the schema
 * JSON reader and writer of §7.
 */
class CoreSchemasRfc7643Test {

  static String resource(String name) {
    return TestResources.text("/rfc7643/" + name);
  }

  // ---- §8.7.1 characteristics, one row per attribute and sub-attribute ----

  /**
   * schema | path | type | multiValued | required | caseExact | mutability | returned | uniqueness,
   * as RFC 7643 §8.7.1 states them, except where marked OURS.
   */
  static Stream<Arguments> rfc7643_8_7_1_characteristics() {
    String u = CoreSchemas.USER_URN;
    String g = CoreSchemas.GROUP_URN;
    String e = CoreSchemas.ENTERPRISE_USER_URN;
    List<Arguments> rows = new ArrayList<>();
    rows.add(row(u, "userName", "string", false, true, false, "readWrite", "default", "server"));
    rows.add(row(u, "name", "complex", false, false, false, "readWrite", "default", "none"));
    for (String sub : List.of("formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix")) {
      rows.add(row(u, "name." + sub, "string", false, false, false, "readWrite", "default", "none"));
    }
    for (String simple : List.of("displayName", "nickName", "title", "userType", "preferredLanguage", "locale", "timezone")) {
      rows.add(row(u, simple, "string", false, false, false, "readWrite", "default", "none"));
    }
    rows.add(row(u, "profileUrl", "reference", false, false, false, "readWrite", "default", "none"));
    rows.add(row(u, "active", "boolean", false, false, false, "readWrite", "default", "none"));
    rows.add(row(u, "password", "string", false, false, false, "writeOnly", "never", "none"));
    for (String mv : List.of("emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates")) {
      rows.add(row(u, mv, "complex", true, false, false, "readWrite", "default", "none"));
      String valueType = mv.equals("photos") ? "reference" : mv.equals("x509Certificates") ? "binary" : "string";
      rows.add(row(u, mv + ".value", valueType, false, false, false, "readWrite", "default", "none"));
      rows.add(row(u, mv + ".display", "string", false, false, false, "readWrite", "default", "none"));
      rows.add(row(u, mv + ".type", "string", false, false, false, "readWrite", "default", "none"));
      rows.add(row(u, mv + ".primary", "boolean", false, false, false, "readWrite", "default", "none"));
    }
    rows.add(row(u, "addresses", "complex", true, false, false, "readWrite", "default", "none"));
    for (String sub : List.of("formatted", "streetAddress", "locality", "region", "postalCode", "country", "type")) {
      rows.add(row(u, "addresses." + sub, "string", false, false, false, "readWrite", "default", "none"));
    }
    rows.add(row(u, "addresses.primary", "boolean", false, false, false, "readWrite", "default", "none"));
    rows.add(row(u, "groups", "complex", true, false, false, "readOnly", "default", "none"));
    rows.add(row(u, "groups.value", "string", false, false, false, "readOnly", "default", "none"));
    rows.add(row(u, "groups.$ref", "reference", false, false, false, "readOnly", "default", "none"));
    rows.add(row(u, "groups.display", "string", false, false, false, "readOnly", "default", "none"));
    rows.add(row(u, "groups.type", "string", false, false, false, "readOnly", "default", "none"));

    // OURS: RFC 7643 §8.7.1 says required=false although §4.2 and the description say REQUIRED.
    rows.add(row(g, "displayName", "string", false, true, false, "readWrite", "default", "none"));
    rows.add(row(g, "members", "complex", true, false, false, "readWrite", "default", "none"));
    // OURS: §8.7.1 says caseExact=false; member values are resource ids, which are case-exact (§3.1).
    rows.add(row(g, "members.value", "string", false, false, true, "immutable", "default", "none"));
    rows.add(row(g, "members.$ref", "reference", false, false, false, "immutable", "default", "none"));
    // OURS: §8.7.1 does not define members.display; §4.2's examples send it.
    rows.add(row(g, "members.display", "string", false, false, false, "readWrite", "default", "none"));
    rows.add(row(g, "members.type", "string", false, false, false, "immutable", "default", "none"));

    for (String simple : List.of("employeeNumber", "costCenter", "organization", "division", "department")) {
      rows.add(row(e, simple, "string", false, false, false, "readWrite", "default", "none"));
    }
    rows.add(row(e, "manager", "complex", false, false, false, "readWrite", "default", "none"));
    rows.add(row(e, "manager.value", "string", false, false, false, "readWrite", "default", "none"));
    rows.add(row(e, "manager.$ref", "reference", false, false, false, "readWrite", "default", "none"));
    rows.add(row(e, "manager.displayName", "string", false, false, false, "readOnly", "default", "none"));
    return rows.stream();
  }

  private static Arguments row(String schema, String path, String type, boolean multiValued, boolean required,
      boolean caseExact, String mutability, String returned, String uniqueness) {
    return Arguments.of(schema.substring(schema.lastIndexOf(':') + 1) + (schema.contains("enterprise") ? "(enterprise)" : ""),
        schema, path, type, multiValued, required, caseExact, mutability, returned, uniqueness);
  }

  @ParameterizedTest(name = "§8.7.1 {0} {2}")
  @MethodSource("rfc7643_8_7_1_characteristics")
  void builtInAttributeHasRfc7643Characteristics(String label, String schemaUrn, String path, String type,
      boolean multiValued, boolean required, boolean caseExact, String mutability, String returned, String uniqueness) {
    Schema schema = SchemaRegistry.standard().schema(schemaUrn);
    String[] parts = path.split("\\.");
    AttributeDefinition a = schema.attribute(parts[0]);
    assertThat(a).as(path).isNotNull();
    if (parts.length == 2) {
      a = a.subAttribute(parts[1]);
      assertThat(a).as(path).isNotNull();
    }
    assertThat(a.type().wireName()).as(path + " type").isEqualTo(type);
    assertThat(a.multiValued()).as(path + " multiValued").isEqualTo(multiValued);
    assertThat(a.required()).as(path + " required").isEqualTo(required);
    assertThat(a.caseExact()).as(path + " caseExact").isEqualTo(caseExact);
    assertThat(a.mutability().wireName()).as(path + " mutability").isEqualTo(mutability);
    assertThat(a.returned().wireName()).as(path + " returned").isEqualTo(returned);
    assertThat(a.uniqueness().wireName()).as(path + " uniqueness").isEqualTo(uniqueness);
  }

  @Test
  void rfc7643_8_7_1_canonicalValuesAndReferenceTypes() {
    Schema user = CoreSchemas.USER;
    assertThat(user.attribute("emails").subAttribute("type").canonicalValues()).containsExactly("work", "home", "other");
    assertThat(user.attribute("phoneNumbers").subAttribute("type").canonicalValues())
        .containsExactly("work", "home", "mobile", "fax", "pager", "other");
    assertThat(user.attribute("ims").subAttribute("type").canonicalValues())
        .containsExactly("aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo");
    assertThat(user.attribute("photos").subAttribute("type").canonicalValues()).containsExactly("photo", "thumbnail");
    assertThat(user.attribute("groups").subAttribute("type").canonicalValues()).containsExactly("direct", "indirect");
    assertThat(user.attribute("profileUrl").referenceTypes()).containsExactly("external");
    assertThat(user.attribute("photos").subAttribute("value").referenceTypes()).containsExactly("external");
    assertThat(user.attribute("groups").subAttribute("$ref").referenceTypes()).containsExactly("User", "Group");
    assertThat(CoreSchemas.GROUP.attribute("members").subAttribute("$ref").referenceTypes()).containsExactly("User", "Group");
    assertThat(CoreSchemas.GROUP.attribute("members").subAttribute("type").canonicalValues()).containsExactly("User", "Group");
    assertThat(CoreSchemas.ENTERPRISE_USER.attribute("manager").subAttribute("$ref").referenceTypes()).containsExactly("User");
  }

  /** RFC 7643 §3.1: id is case-exact, read-only, always returned, server-unique; externalId case-exact. */
  @Test
  void rfc7643_3_1_commonAttributes() {
    assertThat(CoreSchemas.ID.caseExact()).isTrue();
    assertThat(CoreSchemas.ID.mutability()).isEqualTo(Mutability.READ_ONLY);
    assertThat(CoreSchemas.ID.returned()).isEqualTo(Returned.ALWAYS);
    assertThat(CoreSchemas.ID.uniqueness()).isEqualTo(Uniqueness.SERVER);
    assertThat(CoreSchemas.EXTERNAL_ID.caseExact()).isTrue();
    assertThat(CoreSchemas.EXTERNAL_ID.mutability()).isEqualTo(Mutability.READ_WRITE);
    assertThat(CoreSchemas.META.mutability()).isEqualTo(Mutability.READ_ONLY);
    assertThat(CoreSchemas.META.subAttributes()).extracting(AttributeDefinition::name)
        .containsExactly("resourceType", "created", "lastModified", "location", "version");
  }

  // ---- reading the RFC's own §8.7.1 JSON ----

  static Stream<Arguments> rfc7643_8_7_1_schemas() {
    return Stream.of(
        Arguments.of(0, CoreSchemas.USER),
        Arguments.of(1, CoreSchemas.GROUP),
        Arguments.of(2, CoreSchemas.ENTERPRISE_USER));
  }

  /**
   * The §8.7.1 JSON read through {@link SchemaJson} equals our definition, descriptions aside,
   * once our documented differences are applied to it.
   */
  @ParameterizedTest(name = "§8.7.1 {1}")
  @MethodSource("rfc7643_8_7_1_schemas")
  void readingRfc7643_8_7_1JsonYieldsOurDefinitions(int index, Schema ours) {
    JsonNode all = ScimJson.parse(resource("8.7.1-resource-schemas.json"));
    Schema rfc = SchemaJson.readSchema(all.get(index));
    assertThat(rfc.id()).isEqualTo(ours.id());
    assertThat(rfc.name()).isEqualTo(ours.name());
    if (ours == CoreSchemas.GROUP) {
      rfc = withOurGroupDifferences(rfc);
    }
    assertThat(withoutDescriptions(rfc.attributes())).isEqualTo(withoutDescriptions(ours.attributes()));
  }

  /** Group displayName required, members.value case-exact, members.display added (see the table above). */
  private static Schema withOurGroupDifferences(Schema rfc) {
    AttributeDefinition displayName = rfc.attribute("displayName").toBuilder().required(true).build();
    AttributeDefinition members = rfc.attribute("members");
    List<AttributeDefinition> subs = new ArrayList<>();
    for (AttributeDefinition s : members.subAttributes()) {
      if (s.name().equals("value")) {
        subs.add(s.toBuilder().caseExact(true).build());
      } else {
        subs.add(s);
      }
      if (s.name().equals("$ref")) {
        subs.add(AttributeDefinition.builder("display", AttributeType.STRING).build());
      }
    }
    return new Schema(rfc.id(), rfc.name(), rfc.description(),
        List.of(displayName, members.toBuilder().subAttributes(subs).build()));
  }

  private static List<AttributeDefinition> withoutDescriptions(List<AttributeDefinition> attrs) {
    List<AttributeDefinition> out = new ArrayList<>();
    for (AttributeDefinition a : attrs) {
      out.add(a.toBuilder().description("").subAttributes(withoutDescriptions(a.subAttributes())).build());
    }
    return out;
  }

  // ---- §7 round trip ----

  static Stream<Schema> builtInSchemas() {
    return SchemaRegistry.standard().schemas().stream();
  }

  @ParameterizedTest(name = "§7 round trip {0}")
  @MethodSource("builtInSchemas")
  void rfc7643_7_schemaJsonRoundTrip(Schema schema) {
    String json = ScimJson.write(SchemaJson.write(schema, "https://example.com/v2/Schemas/" + schema.id()));
    JsonNode parsed = ScimJson.parse(json);
    assertThat(parsed.get("schemas").get(0).stringValue()).isEqualTo(CoreSchemas.SCHEMA_URN);
    assertThat(parsed.get("meta").get("resourceType").stringValue()).isEqualTo("Schema");
    assertThat(parsed.get("meta").get("location").stringValue()).endsWith(schema.id());
    Schema back = SchemaJson.readSchema(json);
    assertThat(back).isEqualTo(schema);
    assertThat(back.attributes()).isEqualTo(schema.attributes());
  }

  static Stream<ResourceType> builtInResourceTypes() {
    return SchemaRegistry.standard().resourceTypes().stream();
  }

  @ParameterizedTest(name = "§6 round trip {0}")
  @MethodSource("builtInResourceTypes")
  void rfc7643_6_resourceTypeJsonRoundTrip(ResourceType type) {
    JsonNode json = SchemaJson.write(type, null);
    assertThat(json.get("schemas").get(0).stringValue()).isEqualTo(CoreSchemas.RESOURCE_TYPE_URN);
    assertThat(SchemaJson.readResourceType(ScimJson.parse(ScimJson.write(json)))).isEqualTo(type);
  }

  /** RFC 7643 §8.6: the User resource type with the optional enterprise extension. */
  @Test
  void rfc7643_8_6_userResourceTypeRepresentation() {
    ResourceType t = SchemaJson.readResourceType(ScimJson.parse("""
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
         "id": "User", "name": "User", "endpoint": "/Users", "description": "User Account",
         "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
         "schemaExtensions": [{"schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "required": true}],
         "meta": {"location": "https://example.com/v2/ResourceTypes/User", "resourceType": "ResourceType"}}
        """));
    assertThat(t).isEqualTo(new ResourceType("User", "User", "/Users", "User Account", CoreSchemas.USER_URN,
        List.of(new SchemaExtension(CoreSchemas.ENTERPRISE_USER_URN, true))));
  }

  static Stream<Arguments> malformedSchemaDocuments() {
    return Stream.of(
        Arguments.of("[]", ScimType.INVALID_SYNTAX, "must be a JSON object"),
        Arguments.of("{\"attributes\":[]}", ScimType.INVALID_VALUE, "needs an \"id\""),
        Arguments.of("{\"id\":\"urn:x\",\"attributes\":[{\"type\":\"string\"}]}", ScimType.INVALID_VALUE, "has no \"name\""),
        Arguments.of("{\"id\":\"urn:x\",\"attributes\":[{\"name\":\"a\",\"type\":\"text\"}]}", ScimType.INVALID_VALUE,
            "unknown type 'text'"),
        Arguments.of("{\"id\":\"urn:x\",\"attributes\":[{\"name\":\"a\",\"mutability\":\"sometimes\"}]}",
            ScimType.INVALID_VALUE, "unknown mutability 'sometimes'"),
        Arguments.of("{\"id\":\"urn:x\",\"attributes\":[{\"name\":\"a\"},{\"name\":\"A\"}]}", ScimType.INVALID_VALUE,
            "duplicate attribute 'A'"),
        Arguments.of("{\"id\":\"urn:x\",\"attributes\":[{\"name\":\"a\",\"type\":\"complex\",\"subAttributes\":"
            + "[{\"name\":\"b\",\"type\":\"complex\",\"subAttributes\":[{\"name\":\"c\"}]}]}]}",
            ScimType.INVALID_VALUE, "cannot have sub-attributes"),
        Arguments.of("{\"id\":\"urn:x\",\"attributes\":[{\"name\":\"bad name\"}]}", ScimType.INVALID_VALUE,
            "invalid attribute name 'bad name'"));
  }

  @ParameterizedTest(name = "§7 rejects {0}")
  @MethodSource("malformedSchemaDocuments")
  void rfc7643_7_malformedSchemaDocumentsAreRejected(String json, ScimType type, String fragment) {
    assertThatThrownBy(() -> SchemaJson.readSchema(json))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo(type);
          assertThat(e.detail()).contains(fragment);
        });
  }

  /** RFC 7643 §2.2: characteristics left out take their defaults. */
  @Test
  void rfc7643_2_2_omittedCharacteristicsTakeDefaults() {
    Schema s = SchemaJson.readSchema("{\"id\":\"urn:x\",\"attributes\":[{\"name\":\"a\"}]}");
    assertThat(s.attribute("a")).isEqualTo(AttributeDefinition.builder("a", AttributeType.STRING).build());
    AttributeDefinition a = s.attribute("A");
    assertThat(a.type()).isEqualTo(AttributeType.STRING);
    assertThat(a.mutability()).isEqualTo(Mutability.READ_WRITE);
    assertThat(a.returned()).isEqualTo(Returned.DEFAULT);
    assertThat(a.uniqueness()).isEqualTo(Uniqueness.NONE);
    assertThat(a.caseExact()).isFalse();
    assertThat(a.required()).isFalse();
    assertThat(a.multiValued()).isFalse();
  }

  // ---- a custom extension through SchemaRegistry.standardBuilder() ----

  static final String ACME_URN = "urn:acme:params:scim:schemas:extension:acme:2.0:User";

  static final String ACME_SCHEMA_JSON = """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
       "id": "urn:acme:params:scim:schemas:extension:acme:2.0:User",
       "name": "AcmeUser", "description": "Acme employee attributes",
       "attributes": [
         {"name": "badgeNumber", "type": "string", "multiValued": false, "required": false, "caseExact": true,
          "mutability": "immutable", "returned": "default", "uniqueness": "global"},
         {"name": "clearance", "type": "string", "mutability": "readWrite", "returned": "request"},
         {"name": "costCenter", "type": "string"},
         {"name": "skills", "type": "complex", "multiValued": true,
          "subAttributes": [{"name": "value", "type": "string"}, {"name": "level", "type": "integer"}]}
       ]}
      """;

  static SchemaRegistry acmeRegistry() {
    Schema acme = SchemaJson.readSchema(ACME_SCHEMA_JSON);
    ResourceType user = new ResourceType("User", "User", "/Users", "User Account", CoreSchemas.USER_URN, List.of(
        new SchemaExtension(CoreSchemas.ENTERPRISE_USER_URN, false), new SchemaExtension(ACME_URN, false)));
    return SchemaRegistry.standardBuilder().schema(acme).resourceType(user).build();
  }

  static Stream<Arguments> acmePaths() {
    return Stream.of(
        // path, expected schema (null = unresolvable), canonical path
        Arguments.of("badgeNumber", ACME_URN, ACME_URN + ":badgeNumber"),
        Arguments.of("BADGENUMBER", ACME_URN, ACME_URN + ":badgeNumber"),
        Arguments.of(ACME_URN + ":badgeNumber", ACME_URN, ACME_URN + ":badgeNumber"),
        Arguments.of("urn:ACME:params:scim:schemas:extension:acme:2.0:user:badgeNumber", ACME_URN, ACME_URN + ":badgeNumber"),
        Arguments.of("skills.level", ACME_URN, ACME_URN + ":skills.level"),
        Arguments.of(ACME_URN + ":skills.value", ACME_URN, ACME_URN + ":skills.value"),
        // costCenter is defined by both the enterprise and the acme extension: only qualified names resolve
        Arguments.of("costCenter", null, null),
        Arguments.of(ACME_URN + ":costCenter", ACME_URN, ACME_URN + ":costCenter"),
        Arguments.of(CoreSchemas.ENTERPRISE_USER_URN + ":costCenter", CoreSchemas.ENTERPRISE_USER_URN,
            CoreSchemas.ENTERPRISE_USER_URN + ":costCenter"),
        Arguments.of("department", CoreSchemas.ENTERPRISE_USER_URN, CoreSchemas.ENTERPRISE_USER_URN + ":department"),
        Arguments.of("userName", CoreSchemas.USER_URN, "userName"),
        Arguments.of(CoreSchemas.USER_URN + ":name.givenName", CoreSchemas.USER_URN, "name.givenName"),
        Arguments.of(ACME_URN + ":userName", null, null),
        Arguments.of("skills.nope", null, null));
  }

  @ParameterizedTest(name = "resolve {0}")
  @MethodSource("acmePaths")
  void customExtensionResolvesWithAndWithoutUrn(String path, String schemaUri, String canonical) {
    ResourceSchema users = acmeRegistry().resourceSchema("User");
    ResolvedAttribute r = users.resolve(AttributePath.parse(path));
    if (schemaUri == null) {
      assertThat(r).isNull();
      return;
    }
    assertThat(r).isNotNull();
    assertThat(r.schemaUri()).isEqualTo(schemaUri);
    assertThat(r.canonicalPath()).isEqualTo(canonical);
  }

  @Test
  void customExtensionIsRegisteredAndDescribedToTheFilterLanguage() {
    SchemaRegistry reg = acmeRegistry();
    ResourceSchema users = reg.byEndpoint("/users");
    assertThat(users.schemaUrns()).containsExactly(CoreSchemas.USER_URN, CoreSchemas.ENTERPRISE_USER_URN, ACME_URN);
    assertThat(reg.schema(ACME_URN.toUpperCase()).attribute("badgeNumber").uniqueness()).isEqualTo(Uniqueness.GLOBAL);
    assertThat(users.extensionOf("clearance")).isEqualTo(ACME_URN);
    assertThat(users.extensionOf("costCenter")).isNull();
    assertThat(users.extensionOf("userName")).isNull();
    assertThat(users.isExtension(ACME_URN)).isTrue();
    assertThat(users.isExtension(CoreSchemas.USER_URN)).isFalse();
    assertThat(users.attribute(ACME_URN, "skills", "level").type()).isEqualTo(AttributeType.INTEGER);
    assertThat(users.attribute(null, "badgeNumber", null).caseExact()).isTrue();
    assertThat(users.extensionNamedBy(AttributePath.parse(ACME_URN)).id()).isEqualTo(ACME_URN);
    // the standard registry is untouched
    assertThat(SchemaRegistry.standard().schema(ACME_URN)).isNull();
    assertThat(SchemaRegistry.standard().resourceSchema("User").resolve(null, "badgeNumber")).isNull();
  }

  @Test
  void registryRejectsResourceTypesWithUnknownSchemas() {
    ResourceType orphan = ResourceType.of("Device", "/Devices", "urn:acme:Device");
    assertThatThrownBy(() -> SchemaRegistry.standardBuilder().resourceType(orphan).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown schema urn:acme:Device");
    ResourceType sameEndpoint = ResourceType.of("People", "/Users", CoreSchemas.USER_URN);
    assertThatThrownBy(() -> SchemaRegistry.standardBuilder().resourceType(sameEndpoint).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share endpoint /Users");
  }
}
