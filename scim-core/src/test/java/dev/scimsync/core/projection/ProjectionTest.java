package dev.scimsync.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.TestResources;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.ResourceType;
import dev.scimsync.core.schema.SchemaExtension;
import dev.scimsync.core.schema.SchemaJson;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.AttributePath;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** {@link Projection}: RFC 7644 §3.4.2.5 attributes and excludedAttributes on the RFC 7643 §8.3 user. */
class ProjectionTest {

  static final String ENT = CoreSchemas.ENTERPRISE_USER_URN;
  static final String ACME = "urn:acme:params:scim:schemas:extension:acme:2.0:User";

  /** The User type with the enterprise extension and an acme extension holding a returned=request attribute. */
  static final ResourceSchema USERS;

  static {
    var acme = SchemaJson.readSchema("{\"id\":\"" + ACME + "\",\"attributes\":[{\"name\":\"clearance\",\"returned\":"
        + "\"request\"},{\"name\":\"badge\"},{\"name\":\"pin\",\"mutability\":\"writeOnly\",\"returned\":\"never\"}]}");
    ResourceType type = new ResourceType("User", "User", "/Users", "", CoreSchemas.USER_URN,
        List.of(new SchemaExtension(ENT, false), new SchemaExtension(ACME, false)));
    USERS = SchemaRegistry.standardBuilder().schema(acme).resourceType(type).build().resourceSchema("User");
  }

  /** The RFC 7643 §8.3 enterprise user as stored (it carries §8.2's password), plus an acme extension. */
  static ObjectNode storedUser() {
    ObjectNode u = ScimJson.parseObject(TestResources.text("/rfc7643/8.3-enterprise-user.json"));
    u.withArray("schemas").add(ACME);
    u.putObject(ACME).put("clearance", "top").put("badge", "B-1").put("pin", "4711");
    return u;
  }

  static final String HEAD = "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENT + "\",\"" + ACME
      + "\"],\"id\":\"2819c223-7f76-453a-919d-413861904646\"";

  static Stream<Arguments> rfc7644_3_4_2_5() {
    return Stream.of(
        Arguments.of("attributes=userName", "userName", null, "{" + HEAD + ",\"userName\":\"bjensen@example.com\"}"),
        Arguments.of("attributes=USERNAME (any case)", "USERNAME", null, "{" + HEAD + ",\"userName\":\"bjensen@example.com\"}"),
        Arguments.of("attributes=core-qualified userName", CoreSchemas.USER_URN + ":userName", null,
            "{" + HEAD + ",\"userName\":\"bjensen@example.com\"}"),
        Arguments.of("attributes=name.givenName", "name.givenName", null, "{" + HEAD + ",\"name\":{\"givenName\":\"Barbara\"}}"),
        Arguments.of("attributes=emails.value", "emails.value", null,
            "{" + HEAD + ",\"emails\":[{\"value\":\"bjensen@example.com\"},{\"value\":\"babs@jensen.org\"}]}"),
        Arguments.of("attributes=emails.value,emails (whole wins)", "emails.value,emails", null,
            "{" + HEAD + ",\"emails\":[{\"value\":\"bjensen@example.com\",\"type\":\"work\",\"primary\":true},"
                + "{\"value\":\"babs@jensen.org\",\"type\":\"home\"}]}"),
        Arguments.of("attributes=enterprise department", ENT + ":department", null,
            "{" + HEAD + ",\"" + ENT + "\":{\"department\":\"Tour Operations\"}}"),
        Arguments.of("attributes=enterprise manager.displayName", ENT + ":manager.displayName", null,
            "{" + HEAD + ",\"" + ENT + "\":{\"manager\":{\"displayName\":\"John Smith\"}}}"),
        Arguments.of("attributes=unqualified department", "department", null,
            "{" + HEAD + ",\"" + ENT + "\":{\"department\":\"Tour Operations\"}}"),
        Arguments.of("attributes=whole enterprise extension", ENT, null,
            "{" + HEAD + ",\"" + ENT + "\":{\"employeeNumber\":\"701984\",\"costCenter\":\"4130\",\"organization\":"
                + "\"Universal Studios\",\"division\":\"Theme Park\",\"department\":\"Tour Operations\",\"manager\":"
                + "{\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\",\"$ref\":\"../Users/26118915-6090-4610-87e4-49d8ca9f808d\","
                + "\"displayName\":\"John Smith\"}}}"),
        Arguments.of("attributes=id,schemas only", "id,schemas", null, "{" + HEAD + "}"),
        Arguments.of("attributes=unknown name ignored", "favouriteColour", null, "{" + HEAD + "}"),
        Arguments.of("attributes=password is never returned", "password,userName", null,
            "{" + HEAD + ",\"userName\":\"bjensen@example.com\"}"),
        Arguments.of("attributes=meta.version", "meta.version", null, "{" + HEAD + ",\"meta\":{\"version\":\"W/\\\"3694e05e9dff591\\\"\"}}"),
        Arguments.of("returned=request: asked for", "clearance", null, "{" + HEAD + ",\"" + ACME + "\":{\"clearance\":\"top\"}}"),
        Arguments.of("returned=request: asked for by URN", ACME + ":clearance", null,
            "{" + HEAD + ",\"" + ACME + "\":{\"clearance\":\"top\"}}"),
        Arguments.of("returned=request: whole extension asked for", ACME, null,
            "{" + HEAD + ",\"" + ACME + "\":{\"clearance\":\"top\",\"badge\":\"B-1\"}}"),
        Arguments.of("returned=request: not asked for", "badge", null, "{" + HEAD + ",\"" + ACME + "\":{\"badge\":\"B-1\"}}"),
        Arguments.of("both: excluded applied to the selection", "name,emails", "name.givenName,emails",
            "{" + HEAD + ",\"name\":{\"formatted\":\"Ms. Barbara J Jensen, III\",\"familyName\":\"Jensen\","
                + "\"middleName\":\"Jane\",\"honorificPrefix\":\"Ms.\",\"honorificSuffix\":\"III\"}}"));
  }

  @ParameterizedTest(name = "RFC 7644 §3.4.2.5 {0}")
  @MethodSource("rfc7644_3_4_2_5")
  void rfc7644_3_4_2_5_attributes(String label, String attributes, String excluded, String expected) {
    assertThat(ScimJson.write(Projection.of(attributes, excluded).apply(storedUser(), USERS)))
        .isEqualTo(ScimJson.write(withSchemasOfPresentExtensions(ScimJson.parseObject(expected))));
  }

  /** {@code schemas} lists the core schema and only the extensions whose attributes are in the output. */
  static ObjectNode withSchemasOfPresentExtensions(ObjectNode o) {
    var schemas = o.withArray("schemas");
    for (int i = schemas.size() - 1; i >= 0; i--) {
      String urn = schemas.get(i).stringValue();
      if (!urn.equals(CoreSchemas.USER_URN) && !o.has(urn)) {
        schemas.remove(i);
      }
    }
    return o;
  }

  static Stream<Arguments> excludedAttributes() {
    return Stream.of(
        Arguments.of("emails", List.of("emails"), List.of()),
        Arguments.of("EMAILS,phoneNumbers", List.of("emails", "phoneNumbers"), List.of()),
        Arguments.of("id,schemas (always returned)", List.of(), List.of()),
        Arguments.of("name.givenName", List.of(), List.of("name.givenName")),
        Arguments.of(ENT + ":manager", List.of(ENT + ":manager"), List.of()),
        Arguments.of(ENT, List.of(ENT), List.of()),
        Arguments.of("groups,meta,x509Certificates", List.of("groups", "meta", "x509Certificates"), List.of()));
  }

  /** excludedAttributes removes exactly what it names from the default set. */
  @ParameterizedTest(name = "RFC 7644 §3.4.2.5 excludedAttributes={0}")
  @MethodSource("excludedAttributes")
  void rfc7644_3_4_2_5_excludedAttributes(String excluded, List<String> goneTopLevel, List<String> goneSubs) {
    String param = excluded.replaceAll(" \\(.*\\)", "");
    ObjectNode stored = storedUser();
    ObjectNode out = Projection.of(null, param).apply(stored, USERS);
    ObjectNode expected = Projection.DEFAULT.apply(stored, USERS);
    for (String gone : goneTopLevel) {
      if (gone.startsWith(ENT + ":")) {
        expected.withObject(ENT).remove(gone.substring(ENT.length() + 1));
      } else {
        expected.remove(gone);
      }
    }
    for (String gone : goneSubs) {
      String[] p = gone.split("\\.");
      expected.withObject(p[0]).remove(p[1]);
    }
    assertThat(out).isEqualTo(withSchemasOfPresentExtensions(expected));
    assertThat(out.get("id").stringValue()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(out.has("schemas")).isTrue();
  }

  /** The default set: everything returned by default; password and pin (never) and clearance (request) are not. */
  @Test
  void rfc7643_2_2_defaultSetOmitsNeverAndRequest() {
    ObjectNode stored = storedUser();
    ObjectNode out = Projection.DEFAULT.apply(stored, USERS);
    ObjectNode expected = stored.deepCopy();
    expected.remove("password");
    expected.withObject(ACME).remove("clearance");
    expected.withObject(ACME).remove("pin");
    assertThat(out).isEqualTo(expected);
    assertThat(stored.get("password").stringValue()).as("input unchanged").isEqualTo("t1meMa$heen");
  }

  @Test
  void excludesTellsStoresWhatTheyMaySkip() {
    assertThat(Projection.of(null, "members").excludes(SchemaRegistry.standard().resourceSchema("Group"),
        AttributePath.of("members"))).isTrue();
    assertThat(Projection.of("displayName", null).excludes(SchemaRegistry.standard().resourceSchema("Group"),
        AttributePath.of("members"))).isTrue();
    assertThat(Projection.DEFAULT.excludes(SchemaRegistry.standard().resourceSchema("Group"),
        AttributePath.of("members"))).isFalse();
    assertThat(Projection.of("members.value", null).excludes(SchemaRegistry.standard().resourceSchema("Group"),
        AttributePath.of("members"))).isFalse();
  }

  @Test
  void rfc7644_3_4_2_5_malformedPathIsInvalidPath() {
    assertThatThrownBy(() -> Projection.of("name[givenName", null)).isInstanceOfSatisfying(ScimException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isEqualTo(ScimType.INVALID_PATH);
    });
  }
}
