package dev.scimsync.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.TestResources;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.SchemaExtension;
import dev.scimsync.core.schema.SchemaJson;
import dev.scimsync.core.schema.SchemaRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link ResourceValidator} with the RFC 7643 §8 examples and the bodies identity providers really send. */
class ResourceValidatorTest {

  static final ResourceSchema USERS = SchemaRegistry.standard().resourceSchema("User");
  static final ResourceSchema GROUPS = SchemaRegistry.standard().resourceSchema("Group");
  static final String CORE = "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]";
  static final String ENT = CoreSchemas.ENTERPRISE_USER_URN;

  static String resource(String name) {
    return TestResources.text("/rfc7643/" + name);
  }

  static ObjectNode json(String s) {
    return ScimJson.parseObject(s);
  }

  static JsonNode create(ResourceSchema schema, Tolerance tolerance, String body) {
    return new ResourceValidator(schema, tolerance).forCreate(json(body)).json();
  }

  static void assertRejected(ResourceSchema schema, Tolerance tolerance, String body, ScimType type, String fragment) {
    assertThatThrownBy(() -> create(schema, tolerance, body))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo(type);
          assertThat(e.detail()).contains(fragment);
        });
  }

  // ---- RFC 7643 §8 examples ----

  /** The base64 certificate of the §8.2/§8.3 examples (1,120 characters once the RFC's folding is undone). */
  static final String RFC_CERTIFICATE = ScimJson.parseObject(resource("8.2-full-user.json"))
      .get("x509Certificates").get(0).get("value").stringValue();

  /** What is left of the §8.2 example after forCreate: no id, meta or groups; everything else as sent. */
  static String fullUserCanonical(String schemas, String extension) {
    return "{\"schemas\":[" + schemas + "],\"externalId\":\"701984\",\"userName\":\"bjensen@example.com\","
        + "\"name\":{\"formatted\":\"Ms. Barbara J Jensen, III\",\"familyName\":\"Jensen\",\"givenName\":\"Barbara\","
        + "\"middleName\":\"Jane\",\"honorificPrefix\":\"Ms.\",\"honorificSuffix\":\"III\"},"
        + "\"displayName\":\"Babs Jensen\",\"nickName\":\"Babs\",\"profileUrl\":\"https://login.example.com/bjensen\","
        + "\"title\":\"Tour Guide\",\"userType\":\"Employee\",\"preferredLanguage\":\"en-US\",\"locale\":\"en-US\","
        + "\"timezone\":\"America/Los_Angeles\",\"active\":true,\"password\":\"t1meMa$heen\","
        + "\"emails\":[{\"value\":\"bjensen@example.com\",\"type\":\"work\",\"primary\":true},"
        + "{\"value\":\"babs@jensen.org\",\"type\":\"home\"}],"
        + "\"phoneNumbers\":[{\"value\":\"555-555-5555\",\"type\":\"work\"},{\"value\":\"555-555-4444\",\"type\":\"mobile\"}],"
        + "\"ims\":[{\"value\":\"someaimhandle\",\"type\":\"aim\"}],"
        + "\"photos\":[{\"value\":\"https://photos.example.com/profilephoto/72930000000Ccne/F\",\"type\":\"photo\"},"
        + "{\"value\":\"https://photos.example.com/profilephoto/72930000000Ccne/T\",\"type\":\"thumbnail\"}],"
        + "\"addresses\":[{\"formatted\":\"100 Universal City Plaza\\nHollywood, CA 91608 USA\","
        + "\"streetAddress\":\"100 Universal City Plaza\",\"locality\":\"Hollywood\",\"region\":\"CA\",\"postalCode\":\"91608\","
        + "\"country\":\"USA\",\"type\":\"work\",\"primary\":true},"
        + "{\"formatted\":\"456 Hollywood Blvd\\nHollywood, CA 91608 USA\",\"streetAddress\":\"456 Hollywood Blvd\","
        + "\"locality\":\"Hollywood\",\"region\":\"CA\",\"postalCode\":\"91608\",\"country\":\"USA\",\"type\":\"home\"}],"
        + "\"x509Certificates\":[{\"value\":\"" + RFC_CERTIFICATE + "\"}]"
        + extension + "}";
  }

  static Stream<Arguments> rfc7643_8_examples() {
    String user = "\"urn:ietf:params:scim:schemas:core:2.0:User\"";
    return Stream.of(
        Arguments.of("§8.1 minimal user", "8.1-minimal-user.json", USERS,
            "{\"schemas\":[" + user + "],\"userName\":\"bjensen@example.com\"}"),
        Arguments.of("§8.2 full user", "8.2-full-user.json", USERS, fullUserCanonical(user, "")),
        Arguments.of("§8.3 enterprise user", "8.3-enterprise-user.json", USERS, fullUserCanonical(user + ",\"" + ENT + "\"",
            ",\"" + ENT + "\":{\"employeeNumber\":\"701984\",\"costCenter\":\"4130\",\"organization\":\"Universal Studios\","
            + "\"division\":\"Theme Park\",\"department\":\"Tour Operations\",\"manager\":{\"value\":"
            + "\"26118915-6090-4610-87e4-49d8ca9f808d\",\"$ref\":\"../Users/26118915-6090-4610-87e4-49d8ca9f808d\"}}")),
        Arguments.of("§8.4 group", "8.4-group.json", GROUPS,
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Tour Guides\",\"members\":["
            + "{\"value\":\"2819c223-7f76-453a-919d-413861904646\",\"$ref\":"
            + "\"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646\",\"display\":\"Babs Jensen\"},"
            + "{\"value\":\"902c246b-6245-4190-8e05-00816be7344a\",\"$ref\":"
            + "\"https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a\",\"display\":\"Mandy Pepperidge\"}]}"));
  }

  /**
   * forCreate of the verbatim RFC examples: id, meta, groups and manager.displayName (read-only)
   * dropped; attributes in schema order; identical under every preset.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc7643_8_examples")
  void rfc7643_8_examplesCreateCanonicalResources(String label, String file, ResourceSchema schema, String expected) {
    for (Tolerance t : List.of(Tolerance.strict(), Tolerance.entra(), Tolerance.okta(), Tolerance.lenient())) {
      JsonNode out = create(schema, t, resource(file));
      assertThat(ScimJson.write(out)).as(label + " " + t).isEqualTo(expected);
    }
  }

  // ---- IdP bodies, per preset ----

  static final String ENTRA_CREATE = """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"],
       "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
       "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
       "active": true,
       "addresses": null,
       "displayName": "Test_User_cd4c5e1f-7d0f-47d2-acb5-23eafc1bc1b0",
       "emails": [{"type": "work", "value": "Test_User_fd0ea19b@testuser.com", "primary": true}],
       "meta": {"resourceType": "User"},
       "name": {"familyName": "familyName", "givenName": "givenName"},
       "phoneNumbers": null,
       "roles": [],
       "title": null,
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0User": {"manager": null},
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": null, "manager": null}}
      """;

  static final String ENTRA_CREATE_OUT = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
      + "\"externalId\":\"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\",\"userName\":\"Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1\","
      + "\"name\":{\"familyName\":\"familyName\",\"givenName\":\"givenName\"},"
      + "\"displayName\":\"Test_User_cd4c5e1f-7d0f-47d2-acb5-23eafc1bc1b0\",\"active\":true,"
      + "\"emails\":[{\"value\":\"Test_User_fd0ea19b@testuser.com\",\"type\":\"work\",\"primary\":true}]}";

  static final String OKTA_CREATE = """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName": "test.user@okta.local",
       "name": {"givenName": "Test", "familyName": "User"},
       "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
       "displayName": "Test User", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
       "groups": [], "password": "1mz050nq", "active": true}
      """;

  static final String OKTA_CREATE_OUT = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
      + "\"externalId\":\"00ujl29u0le5T6Aj10h7\",\"userName\":\"test.user@okta.local\","
      + "\"name\":{\"familyName\":\"User\",\"givenName\":\"Test\"},\"displayName\":\"Test User\",\"locale\":\"en-US\","
      + "\"active\":true,\"password\":\"1mz050nq\","
      + "\"emails\":[{\"value\":\"test.user@okta.local\",\"type\":\"work\",\"primary\":true}]}";

  static final String ONELOGIN_CREATE = """
      {"schemas": ["urn:scim:schemas:core:1.0", "urn:ietf:params:scim:schemas:core:2.0:User"],
       "id": null, "userName": "jdoe@onelogin.example", "active": "%s",
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
         {"manager": {"managerId": "%s", "displayName": "Big Boss"}, "employeeNumber": %s}}
      """;

  static Stream<Arguments> idpBodies() {
    String u = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"";
    return Stream.of(
        // Entra ID, older documented create: nulls, misspelt extension URN, read-only meta
        Arguments.of("Entra create / entra", Tolerance.entra(), ENTRA_CREATE, ENTRA_CREATE_OUT, null, null),
        Arguments.of("Entra create / lenient", Tolerance.lenient(), ENTRA_CREATE, ENTRA_CREATE_OUT, null, null),
        Arguments.of("Entra create / strict", Tolerance.strict(), ENTRA_CREATE, null, ScimType.INVALID_VALUE,
            "schema 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User' is not one of"),
        Arguments.of("Entra create without the misspelt URN / strict", Tolerance.strict(),
            ENTRA_CREATE.replace(",\n             \"urn:ietf:params:scim:schemas:extension:enterprise:2.0User\"]", "]")
                .replace("\"urn:ietf:params:scim:schemas:extension:enterprise:2.0User\": {\"manager\": null},", ""),
            ENTRA_CREATE_OUT, null, null),
        // Entra ID: manager as a plain string
        Arguments.of("Entra manager string / entra", Tolerance.entra(),
            u + "],\"userName\":\"u\",\"" + ENT + "\":{\"manager\":\"26118915\"}}",
            u + ",\"" + ENT + "\"],\"userName\":\"u\",\"" + ENT + "\":{\"manager\":{\"value\":\"26118915\"}}}", null, null),
        Arguments.of("Entra manager string / strict", Tolerance.strict(),
            u + "],\"userName\":\"u\",\"" + ENT + "\":{\"manager\":\"26118915\"}}", null, ScimType.INVALID_VALUE,
            "attribute '" + ENT + ":manager' is complex; expected an object, not a string"),
        Arguments.of("Entra manager as list of one / entra", Tolerance.entra(),
            u + "],\"userName\":\"u\",\"" + ENT + "\":{\"manager\":[{\"$ref\":null,\"value\":\"271\"}]}}",
            u + ",\"" + ENT + "\"],\"userName\":\"u\",\"" + ENT + "\":{\"manager\":{\"value\":\"271\"}}}", null, null),
        // Entra ID: string booleans, also in primary
        Arguments.of("Entra active \"False\" / entra", Tolerance.entra(),
            u + "],\"userName\":\"u\",\"active\":\"False\",\"roles\":[{\"value\":\"r\",\"primary\":\"True\"}]}",
            u + "],\"userName\":\"u\",\"active\":false,\"roles\":[{\"value\":\"r\",\"primary\":true}]}", null, null),
        Arguments.of("Entra active \"False\" / okta", Tolerance.okta(),
            u + "],\"userName\":\"u\",\"active\":\"False\"}", null, ScimType.INVALID_VALUE,
            "attribute 'active' must be a boolean, not a string (False)"),
        Arguments.of("Entra active \"False\" / strict", Tolerance.strict(),
            u + "],\"userName\":\"u\",\"active\":\"False\"}", null, ScimType.INVALID_VALUE,
            "attribute 'active' must be a boolean, not a string (False)"),
        Arguments.of("Entra primary \"True\" / strict", Tolerance.strict(),
            u + "],\"userName\":\"u\",\"roles\":[{\"value\":\"r\",\"primary\":\"True\"}]}", null, ScimType.INVALID_VALUE,
            "attribute 'roles.primary' must be a boolean"),
        // Okta create: password kept (write-only), groups (read-only) dropped
        Arguments.of("Okta create / okta", Tolerance.okta(), OKTA_CREATE, OKTA_CREATE_OUT, null, null),
        Arguments.of("Okta create / strict", Tolerance.strict(), OKTA_CREATE, OKTA_CREATE_OUT, null, null),
        // OneLogin template: SCIM 1.0 URN, id null, stringly typed values, non-standard manager
        Arguments.of("OneLogin template / lenient", Tolerance.lenient(), ONELOGIN_CREATE.formatted("true", "m1", "\"42\""),
            u + ",\"" + ENT + "\"],\"userName\":\"jdoe@onelogin.example\",\"active\":true,\"" + ENT
                + "\":{\"employeeNumber\":\"42\"}}", null, null),
        Arguments.of("OneLogin number for string / lenient", Tolerance.lenient(), ONELOGIN_CREATE.formatted("TRUE", "m1", "42"),
            u + ",\"" + ENT + "\"],\"userName\":\"jdoe@onelogin.example\",\"active\":true,\"" + ENT
                + "\":{\"employeeNumber\":\"42\"}}", null, null),
        Arguments.of("OneLogin unfilled placeholder / lenient", Tolerance.lenient(),
            ONELOGIN_CREATE.formatted("{$user.active}", "m1", "\"42\""), null, ScimType.INVALID_VALUE,
            "attribute 'active' must be a boolean, not a string ({$user.active})"),
        Arguments.of("OneLogin unfilled placeholder / strict", Tolerance.strict(),
            ONELOGIN_CREATE.formatted("{$user.active}", "m1", "\"42\"").replace("\"urn:scim:schemas:core:1.0\", ", ""),
            null, ScimType.INVALID_VALUE, "attribute 'active' must be a boolean, not a string ({$user.active})"),
        Arguments.of("OneLogin SCIM 1.0 URN / strict", Tolerance.strict(), ONELOGIN_CREATE.formatted("true", "m1", "\"42\""),
            null, ScimType.INVALID_VALUE, "schema 'urn:scim:schemas:core:1.0' is not one of"),
        Arguments.of("OneLogin managerId / strict", Tolerance.strict(),
            u + "],\"userName\":\"u\",\"" + ENT + "\":{\"manager\":{\"managerId\":\"m1\",\"displayName\":\"Big Boss\"}}}",
            null, ScimType.INVALID_SYNTAX, "attribute '" + ENT + ":manager.managerId' is not defined"),
        Arguments.of("OneLogin number for string / strict", Tolerance.strict(),
            u + "],\"userName\":\"u\",\"" + ENT + "\":{\"employeeNumber\":42}}", null, ScimType.INVALID_VALUE,
            "attribute '" + ENT + ":employeeNumber' must be a string, not a number (42)"),
        Arguments.of("SCIM 1.0 URN only / lenient", Tolerance.lenient(),
            "{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"userName\":\"u\"}", u + "],\"userName\":\"u\"}", null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idpBodies")
  void identityProviderBodies(String label, Tolerance tolerance, String body, String expected, ScimType type,
      String fragment) {
    if (expected != null) {
      assertThat(ScimJson.write(create(USERS, tolerance, body))).isEqualTo(expected);
    } else {
      assertRejected(USERS, tolerance, body, type, fragment);
    }
  }

  // ---- names: case, dotted keys, URN keys ----

  /** RFC 7643 §2.1: attribute names are case-insensitive; output uses the schema's case. */
  @Test
  void rfc7643_2_1_caseInsensitiveNamesAreWrittenCanonically() {
    String body = "{\"SCHEMAS\":[\"URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER\",\"" + ENT.toUpperCase() + "\"],"
        + "\"USERNAME\":\"bjensen\",\"Name\":{\"GIVENNAME\":\"Barbara\"},\"EMAILS\":[{\"VALUE\":\"b@example.com\",\"Primary\":true}],"
        + "\"" + ENT.toUpperCase() + "\":{\"Manager\":{\"VALUE\":\"m1\"},\"EMPLOYEENUMBER\":\"7\"}}";
    assertThat(ScimJson.write(create(USERS, Tolerance.strict(), body))).isEqualTo(
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENT + "\"],\"userName\":\"bjensen\","
            + "\"name\":{\"givenName\":\"Barbara\"},\"emails\":[{\"value\":\"b@example.com\",\"primary\":true}],"
            + "\"" + ENT + "\":{\"employeeNumber\":\"7\",\"manager\":{\"value\":\"m1\"}}}");
  }

  static Stream<Arguments> dottedAndUrnKeys() {
    String out = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENT + "\"],\"userName\":\"u\","
        + "\"name\":{\"familyName\":\"Jensen\",\"givenName\":\"Barbara\"},"
        + "\"" + ENT + "\":{\"employeeNumber\":\"701984\",\"manager\":{\"value\":\"m1\"}}}";
    return Stream.of(
        Arguments.of("dotted before object", "{" + CORE + ",\"userName\":\"u\",\"name.givenName\":\"Barbara\","
            + "\"name\":{\"familyName\":\"Jensen\"},\"" + ENT + ":employeeNumber\":\"701984\",\"" + ENT + ":manager.value\":\"m1\"}", out),
        Arguments.of("object before dotted", "{" + CORE + ",\"userName\":\"u\",\"name\":{\"familyName\":\"Jensen\"},"
            + "\"NAME.GIVENNAME\":\"Barbara\",\"" + ENT + ":employeeNumber\":\"701984\",\"" + ENT + "\":{\"manager.value\":\"m1\"}}", out),
        Arguments.of("unqualified extension names", "{" + CORE + ",\"userName\":\"u\",\"name.familyName\":\"Jensen\","
            + "\"name.givenName\":\"Barbara\",\"employeeNumber\":\"701984\",\"manager\":\"m1\"}", out),
        Arguments.of("core-qualified names", "{" + CORE + ",\"urn:ietf:params:scim:schemas:core:2.0:User:userName\":\"u\","
            + "\"urn:ietf:params:scim:schemas:core:2.0:User:name.familyName\":\"Jensen\",\"name.givenName\":\"Barbara\","
            + "\"" + ENT + ":employeeNumber\":\"701984\",\"" + ENT + ":manager\":{\"value\":\"m1\"}}", out));
  }

  /** Entra ID's pathless values with dotted and URN keys, under dottedKeys. */
  @ParameterizedTest(name = "dottedKeys: {0}")
  @MethodSource("dottedAndUrnKeys")
  void entraDottedAndUrnKeysAddressNestedAndExtensionAttributes(String label, String body, String expected) {
    // sub-attributes merged from dotted keys keep the order they arrived in; compare as JSON values
    assertThat(create(USERS, Tolerance.entra(), body)).isEqualTo(ScimJson.parse(expected));
  }

  static Stream<Arguments> dottedKeysUnderStrict() {
    return Stream.of(
        Arguments.of("{" + CORE + ",\"userName\":\"u\",\"name.givenName\":\"B\"}", "attribute 'name.givenName' is not defined"),
        Arguments.of("{" + CORE + ",\"userName\":\"u\",\"" + ENT + ":employeeNumber\":\"1\"}",
            "attribute '" + ENT + ":employeeNumber' is not defined"),
        Arguments.of("{" + CORE + ",\"userName\":\"u\",\"employeeNumber\":\"1\"}", "attribute 'employeeNumber' is not defined"),
        Arguments.of("{" + CORE + ",\"userName\":\"u\",\"" + ENT + "\":{\"manager.value\":\"m\"}}",
            "attribute '" + ENT + ":manager.value' is not defined"));
  }

  @ParameterizedTest(name = "strict rejects {1}")
  @MethodSource("dottedKeysUnderStrict")
  void strictRejectsDottedAndUrnKeysAsUnknownAttributes(String body, String fragment) {
    assertRejected(USERS, Tolerance.strict(), body, ScimType.INVALID_SYNTAX, fragment);
  }

  /** A key qualified with the core URN names a core attribute even under strict (RFC 7644 §3.10). */
  @Test
  void rfc7644_3_10_coreQualifiedKeyUnderStrict() {
    assertThat(ScimJson.write(create(USERS, Tolerance.strict(),
        "{" + CORE + ",\"urn:ietf:params:scim:schemas:core:2.0:User:userName\":\"u\","
            + "\"urn:ietf:params:scim:schemas:core:2.0:User:displayName\":\"D\"}")))
        .isEqualTo("{" + CORE + ",\"userName\":\"u\",\"displayName\":\"D\"}");
  }

  // ---- rules ----

  static Stream<Arguments> rejectedBodies() {
    return Stream.of(
        Arguments.of("RFC 7643 §2.4 two primaries", "{" + CORE + ",\"userName\":\"u\",\"emails\":[{\"value\":\"a@x\","
            + "\"primary\":true},{\"value\":\"b@x\",\"primary\":true}]}", ScimType.INVALID_VALUE,
            "attribute 'emails' has 2 values marked primary; at most one may be"),
        Arguments.of("RFC 7643 §2.4 two primaries, one a string, under entra", "{" + CORE + ",\"userName\":\"u\","
            + "\"phoneNumbers\":[{\"value\":\"1\",\"primary\":\"True\"},{\"value\":\"2\",\"primary\":true}]}",
            ScimType.INVALID_VALUE, "attribute 'phoneNumbers' has 2 values marked primary"),
        Arguments.of("RFC 7643 §4.1.1 userName missing", "{" + CORE + ",\"displayName\":\"x\"}", ScimType.INVALID_VALUE,
            "attribute 'userName' is required"),
        Arguments.of("RFC 7643 §4.1.1 userName empty", "{" + CORE + ",\"userName\":\"\"}", ScimType.INVALID_VALUE,
            "attribute 'userName' is required"),
        Arguments.of("RFC 7643 §4.1.1 userName null", "{" + CORE + ",\"userName\":null}", ScimType.INVALID_VALUE,
            "attribute 'userName' is required"),
        Arguments.of("string for boolean", "{" + CORE + ",\"userName\":\"u\",\"active\":\"true\"}", ScimType.INVALID_VALUE,
            "attribute 'active' must be a boolean, not a string (true)"),
        Arguments.of("object for string", "{" + CORE + ",\"userName\":{\"value\":\"u\"}}", ScimType.INVALID_VALUE,
            "attribute 'userName' must be a string, not an object"),
        Arguments.of("array for single", "{" + CORE + ",\"userName\":\"u\",\"displayName\":[\"a\"]}",
            ScimType.INVALID_VALUE, "attribute 'displayName' is single-valued; expected one value, not an array"),
        Arguments.of("string for multi-valued", "{" + CORE + ",\"userName\":\"u\",\"emails\":\"a@x\"}",
            ScimType.INVALID_VALUE, "attribute 'emails' is multi-valued; expected an array, not a string"),
        Arguments.of("number for sub-attribute string", "{" + CORE + ",\"userName\":\"u\",\"name\":{\"givenName\":7}}",
            ScimType.INVALID_VALUE, "attribute 'name.givenName' must be a string, not a number (7)"),
        Arguments.of("password of the wrong type is not echoed", "{" + CORE + ",\"userName\":\"u\",\"password\":98765432}",
            ScimType.INVALID_VALUE, "attribute 'password' must be a string, not a number"),
        Arguments.of("RFC 7643 §2.3.6 binary not base64", "{" + CORE + ",\"userName\":\"u\",\"x509Certificates\":"
            + "[{\"value\":\"not base64!\"}]}", ScimType.INVALID_VALUE,
            "attribute 'x509Certificates.value' must be base64-encoded binary data"),
        Arguments.of("RFC 7643 §2.3.6 binary of non-base64 characters only", "{" + CORE + ",\"userName\":\"u\","
            + "\"x509Certificates\":[{\"value\":\"@@@@\"}]}", ScimType.INVALID_VALUE,
            "attribute 'x509Certificates.value' must be base64-encoded binary data"),
        Arguments.of("RFC 7643 §2.3.6 binary with a stray character", "{" + CORE + ",\"userName\":\"u\","
            + "\"x509Certificates\":[{\"value\":\"QUJD!\"}]}", ScimType.INVALID_VALUE,
            "attribute 'x509Certificates.value' must be base64-encoded binary data"),
        Arguments.of("unknown attribute", "{" + CORE + ",\"userName\":\"u\",\"favouriteColour\":\"blue\"}",
            ScimType.INVALID_SYNTAX, "attribute 'favouriteColour' is not defined for resource type User"),
        Arguments.of("unknown sub-attribute", "{" + CORE + ",\"userName\":\"u\",\"name\":{\"nick\":\"b\"}}",
            ScimType.INVALID_SYNTAX, "attribute 'name.nick' is not defined"),
        Arguments.of("RFC 7643 §3 schemas missing", "{\"userName\":\"u\"}", ScimType.INVALID_VALUE,
            "\"schemas\" is required and must include urn:ietf:params:scim:schemas:core:2.0:User"),
        Arguments.of("RFC 7643 §3 schemas without the core URN", "{\"schemas\":[\"" + ENT + "\"],\"userName\":\"u\"}",
            ScimType.INVALID_VALUE, "\"schemas\" must include urn:ietf:params:scim:schemas:core:2.0:User"),
        Arguments.of("RFC 7643 §3 schemas not an array", "{\"schemas\":\"urn:ietf:params:scim:schemas:core:2.0:User\","
            + "\"userName\":\"u\"}", ScimType.INVALID_SYNTAX, "\"schemas\" must be an array of URNs"),
        Arguments.of("unknown extension object", "{" + CORE + ",\"userName\":\"u\",\"urn:acme:ext\":{\"a\":1}}",
            ScimType.INVALID_VALUE, "schema extension 'urn:acme:ext' is not supported by resource type User"),
        Arguments.of("extension not an object", "{" + CORE + ",\"userName\":\"u\",\"" + ENT + "\":[]}",
            ScimType.INVALID_VALUE, "schema extension '" + ENT + "' must be an object, not an array"));
  }

  /** Under the strict preset, or the preset a row's label names ("under entra"). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedBodies")
  void rejectsTheBodyUnderStrictOrTheNamedPreset(String label, String body, ScimType type, String fragment) {
    Tolerance t = label.contains("under entra") ? Tolerance.entra() : Tolerance.strict();
    assertRejected(USERS, t, body, type, fragment);
  }

  @Test
  void passwordOfTheWrongTypeIsNotEchoed() {
    assertThatThrownBy(() -> create(USERS, Tolerance.strict(), "{" + CORE + ",\"userName\":\"u\",\"password\":98765432}"))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.detail()).doesNotContain("98765432"));
  }

  static Stream<Arguments> lenientDropsOrCoerces() {
    return Stream.of(
        Arguments.of("unknown attribute dropped", "{" + CORE + ",\"userName\":\"u\",\"favouriteColour\":\"blue\"}",
            "{" + CORE + ",\"userName\":\"u\"}"),
        Arguments.of("unknown sub-attribute dropped", "{" + CORE + ",\"userName\":\"u\",\"name\":{\"nick\":\"b\",\"givenName\":\"g\"}}",
            "{" + CORE + ",\"userName\":\"u\",\"name\":{\"givenName\":\"g\"}}"),
        Arguments.of("unknown extension dropped", "{" + CORE + ",\"userName\":\"u\",\"urn:acme:ext\":{\"a\":1}}",
            "{" + CORE + ",\"userName\":\"u\"}"),
        Arguments.of("single value for multi-valued", "{" + CORE + ",\"userName\":\"u\",\"emails\":{\"value\":\"a@x\"}}",
            "{" + CORE + ",\"userName\":\"u\",\"emails\":[{\"value\":\"a@x\"}]}"),
        Arguments.of("list of one for single-valued", "{" + CORE + ",\"userName\":[\"u\"],\"active\":[\"FALSE\"]}",
            "{" + CORE + ",\"userName\":\"u\",\"active\":false}"),
        Arguments.of("empty list and nulls vanish", "{" + CORE + ",\"userName\":\"u\",\"emails\":[],\"name\":{},\"title\":null}",
            "{" + CORE + ",\"userName\":\"u\"}"));
  }

  @ParameterizedTest(name = "lenient: {0}")
  @MethodSource("lenientDropsOrCoerces")
  void lenientDropsOrCoerces(String label, String body, String expected) {
    assertThat(ScimJson.write(create(USERS, Tolerance.lenient(), body))).isEqualTo(expected);
  }

  @Test
  void strictNeedsTheUrnOfAnExtensionTheBodyHolds() {
    String body = "{" + CORE + ",\"userName\":\"u\",\"" + ENT + "\":{\"department\":\"R&D\"}}";
    assertRejected(USERS, Tolerance.strict(), body, ScimType.INVALID_VALUE, "\"schemas\" does not list it");
    assertThat(create(USERS, Tolerance.lenient(), body).get(ENT).get("department").stringValue()).isEqualTo("R&D");
  }

  @Test
  void rfc7643_2_2_readOnlyAttributesFromClientsAreDropped() {
    String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENT + "\"],"
        + "\"id\":\"client-chosen\",\"userName\":\"u\",\"meta\":{\"created\":\"2010-01-23T04:56:22Z\"},"
        + "\"groups\":[{\"value\":\"g1\",\"display\":\"Admins\"}],\"" + ENT + "\":{\"manager\":{\"value\":\"m\","
        + "\"displayName\":\"Boss\"}}}";
    assertThat(ScimJson.write(create(USERS, Tolerance.strict(), body))).isEqualTo(
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENT + "\"],\"userName\":\"u\",\"" + ENT
            + "\":{\"manager\":{\"value\":\"m\"}}}");
  }

  @Test
  void rfc7643_4_2_groupDisplayNameIsRequired() {
    assertRejected(GROUPS, Tolerance.lenient(), "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"members\":[]}", ScimType.INVALID_VALUE, "attribute 'displayName' is required");
  }

  // ---- forReplace (RFC 7644 §3.5.1) ----

  static final String ACME = "urn:acme:params:scim:schemas:extension:acme:2.0:User";

  static ResourceSchema acmeUsers() {
    var acme = SchemaJson.readSchema("{\"id\":\"" + ACME + "\",\"attributes\":[{\"name\":\"badgeNumber\","
        + "\"caseExact\":true,\"mutability\":\"immutable\"},{\"name\":\"clearance\"}]}");
    ResourceType type = new ResourceType("User", "User", "/Users", "", CoreSchemas.USER_URN,
        List.of(new SchemaExtension(ENT, false), new SchemaExtension(ACME, false)));
    return SchemaRegistry.standardBuilder().schema(acme).resourceType(type).build().resourceSchema("User");
  }

  static final ScimResource EXISTING = ScimResource.parse("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
      + ACME + "\"],\"id\":\"2819c223\",\"externalId\":\"701984\",\"meta\":{\"resourceType\":\"User\",\"version\":\"W/\\\"1\\\"\"},"
      + "\"userName\":\"bjensen\",\"displayName\":\"Babs\",\"active\":true,\"password\":\"t1meMa$heen\","
      + "\"groups\":[{\"value\":\"g1\",\"display\":\"Tour Guides\"}],\"" + ACME + "\":{\"badgeNumber\":\"B-1\",\"clearance\":\"top\"}}");

  static Stream<Arguments> rfc7644_3_5_1_replace() {
    String head = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ACME + "\"],\"id\":\"2819c223\","
        + "\"meta\":{\"resourceType\":\"User\",\"version\":\"W/\\\"1\\\"\"}";
    return Stream.of(
        Arguments.of("omitted readWrite cleared, password/immutable/id/meta/groups kept", Tolerance.strict(),
            "{" + CORE + ",\"id\":\"evil\",\"userName\":\"bjensen\",\"groups\":[],\"meta\":{\"version\":\"x\"}}",
            head + ",\"userName\":\"bjensen\",\"password\":\"t1meMa$heen\",\"groups\":[{\"value\":\"g1\",\"display\":"
                + "\"Tour Guides\"}],\"" + ACME + "\":{\"badgeNumber\":\"B-1\"}}"),
        Arguments.of("same immutable value and a new password", Tolerance.strict(),
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ACME + "\"],"
                + "\"userName\":\"bjensen\",\"password\":\"n3w\",\"externalId\":\"701984\",\"" + ACME
                + "\":{\"badgeNumber\":\"B-1\",\"clearance\":\"low\"}}",
            head.replace(",\"meta\"", ",\"externalId\":\"701984\",\"meta\"") + ",\"userName\":\"bjensen\",\"password\":\"n3w\","
                + "\"groups\":[{\"value\":\"g1\",\"display\":\"Tour Guides\"}],\"" + ACME
                + "\":{\"badgeNumber\":\"B-1\",\"clearance\":\"low\"}}"),
        Arguments.of("nullAsAbsent keeps attributes sent as null", Tolerance.entra(),
            "{" + CORE + ",\"userName\":\"bjensen\",\"displayName\":null,\"active\":\"False\"}",
            head + ",\"userName\":\"bjensen\",\"displayName\":\"Babs\",\"active\":false,\"password\":\"t1meMa$heen\","
                + "\"groups\":[{\"value\":\"g1\",\"display\":\"Tour Guides\"}],\"" + ACME + "\":{\"badgeNumber\":\"B-1\"}}"),
        Arguments.of("strict null clears", Tolerance.strict(),
            "{" + CORE + ",\"userName\":\"bjensen\",\"displayName\":null}",
            head + ",\"userName\":\"bjensen\",\"password\":\"t1meMa$heen\",\"groups\":[{\"value\":\"g1\",\"display\":"
                + "\"Tour Guides\"}],\"" + ACME + "\":{\"badgeNumber\":\"B-1\"}}"));
  }

  @ParameterizedTest(name = "RFC 7644 §3.5.1: {0}")
  @MethodSource("rfc7644_3_5_1_replace")
  void rfc7644_3_5_1_forReplace(String label, Tolerance tolerance, String body, String expected) {
    ScimResource out = new ResourceValidator(acmeUsers(), tolerance).forReplace(EXISTING, json(body));
    assertThat(ScimJson.write(out.json())).isEqualTo(expected);
  }

  static Stream<Arguments> immutableChanges() {
    return Stream.of(
        Arguments.of("{" + CORE + ",\"userName\":\"bjensen\",\"" + ACME + "\":{\"badgeNumber\":\"B-2\"}}"),
        Arguments.of("{" + CORE + ",\"userName\":\"bjensen\",\"" + ACME + "\":{\"badgeNumber\":\"b-1\"}}"),
        Arguments.of("{" + CORE + ",\"userName\":\"bjensen\",\"" + ACME + ":badgeNumber\":\"B-2\"}"));
  }

  @ParameterizedTest(name = "RFC 7643 §2.2 immutable changed: {0}")
  @MethodSource("immutableChanges")
  void rfc7643_2_2_changingAnImmutableValueIsAMutabilityError(String body) {
    assertThatThrownBy(() -> new ResourceValidator(acmeUsers(), Tolerance.lenient()).forReplace(EXISTING, json(body)))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo(ScimType.MUTABILITY);
          assertThat(e.detail()).isEqualTo("attribute '" + ACME + ":badgeNumber' is immutable and cannot be changed");
        });
  }

  @Test
  void forReplaceStillChecksRequiredAttributes() {
    assertThatThrownBy(() -> new ResourceValidator(acmeUsers(), Tolerance.strict()).forReplace(EXISTING,
        json("{" + CORE + ",\"displayName\":\"x\"}")))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
          assertThat(e.detail()).isEqualTo("attribute 'userName' is required");
        });
  }

  // ---- PATCH helpers ----

  @Test
  void normalizePartialResolvesEntraPathlessValues() {
    var v = new ResourceValidator(USERS, Tolerance.entra());
    var out = v.normalizePartial(json("{\"displayName\":\"Babs\",\"name.givenName\":\"Barbara\",\"" + ENT
        + ":employeeNumber\":\"7\",\"active\":\"False\"}"));
    assertThat(out.keySet()).extracting(r -> r.canonicalPath())
        .containsExactly("displayName", "name", ENT + ":employeeNumber", "active");
    assertThat(out.values()).extracting(ScimJson::write)
        .containsExactly("\"Babs\"", "{\"givenName\":\"Barbara\"}", "\"7\"", "false");
  }
}
