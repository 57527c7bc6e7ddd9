package dev.scimsync.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class TypedViewsTest {

  static final String ACME = "urn:acme:params:scim:schemas:extension:acme:2.0:User";

  @Test
  void unknownAttributesAndCustomExtensionSurvive() {
    ObjectNode json = Rfc7643ExamplesTest.fixture("8.3-enterprise-user.json");
    ((ArrayNode) json.get("schemas")).add(ACME);
    json.set(ACME, ScimJson.parse("{\"badge\":\"B-17\",\"floors\":[3,4],\"clearance\":{\"level\":2}}"));
    json.put("favoriteColor", "teal");
    json.putNull("nickName");                       // an explicit null: not canonical, kept as is
    json.put("active", "yes");                      // wrong JSON type: kept as is
    ((ObjectNode) json.get("name")).put("phonetic", "BAH-bz");
    ((ObjectNode) json.get("emails").get(0)).put("verified", true);
    ((ObjectNode) json.get("emails").get(1)).put("primary", "false");
    ((ObjectNode) json.get(CoreSchemas.ENTERPRISE_USER_URN)).put("badgeColor", "red");
    ((ObjectNode) json.get(CoreSchemas.ENTERPRISE_USER_URN).get("manager")).put("email", "john@example.com");
    ScimResource r = ScimResource.of(json);

    User u = User.from(r);

    assertThat(u.extra().get("favoriteColor").stringValue()).isEqualTo("teal");
    assertThat(u.extra().get("nickName").isNull()).isTrue();
    assertThat(u.nickName()).isNull();
    assertThat(u.active()).isNull();
    assertThat(u.extra().get("active").stringValue()).isEqualTo("yes");
    assertThat(u.extensionUrns()).containsExactly(ACME);
    assertThat(u.extension(ACME).get("badge").stringValue()).isEqualTo("B-17");
    assertThat(u.name().givenName()).isEqualTo("Barbara");
    assertThat(u.name().extra().get("phonetic").stringValue()).isEqualTo("BAH-bz");
    assertThat(u.emails().get(0).extra().get("verified").booleanValue()).isTrue();
    assertThat(u.emails().get(1).primary()).isNull();
    assertThat(u.emails().get(1).extra().get("primary").stringValue()).isEqualTo("false");
    assertThat(u.enterprise().department()).isEqualTo("Tour Operations");
    assertThat(u.enterprise().extra().get("badgeColor").stringValue()).isEqualTo("red");
    assertThat(u.enterprise().manager().displayName()).isEqualTo("John Smith");
    assertThat(u.enterprise().manager().extra().get("email").stringValue()).isEqualTo("john@example.com");
    assertThat(u.schemaUrns()).containsExactly(CoreSchemas.USER_URN, CoreSchemas.ENTERPRISE_USER_URN, ACME);

    assertThat(u.toResource()).isEqualTo(r);
    assertThat(User.from(u.toResource())).isEqualTo(u);

    // and through a builder change
    User changed = u.toBuilder().title("Head Guide").build();
    ObjectNode expected = json.deepCopy();
    expected.put("title", "Head Guide");
    assertThat(changed.toResource().json()).isEqualTo(expected);
  }

  @Test
  void unknownGroupAttributesSurvive() {
    ObjectNode json = Rfc7643ExamplesTest.fixture("8.4-group.json");
    String ext = "urn:acme:params:scim:schemas:extension:acme:2.0:Group";
    ((ArrayNode) json.get("schemas")).add(ext);
    json.set(ext, ScimJson.parse("{\"costCode\":\"X1\"}"));
    json.put("description", "People who guide tours");
    ((ObjectNode) json.get("members").get(0)).put("joined", "2020-01-01");
    ScimResource r = ScimResource.of(json);

    Group g = Group.from(r);

    assertThat(g.extra().get("description").stringValue()).isEqualTo("People who guide tours");
    assertThat(g.extension(ext).get("costCode").stringValue()).isEqualTo("X1");
    assertThat(g.members().get(0).extra().get("joined").stringValue()).isEqualTo("2020-01-01");
    assertThat(g.toResource()).isEqualTo(r);
  }

  @Test
  void builtUserWritesCanonicalJson() {
    User u = User.builder("alice")
        .name(Name.ofGivenAndFamily("Alice", "Liddell"))
        .password("s3cret!")
        .addEmail(new MultiValue("alice@example.com", null, "work", true))
        .active(true)
        .enterprise(new EnterpriseUser("42", null, null, null, "R&D", Manager.of("m-1")))
        .extension(ACME, (ObjectNode) ScimJson.parse("{\"badge\":\"A\"}"))
        .build();

    assertThat(u.toResource().json()).isEqualTo(ScimJson.parse("""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                    "urn:acme:params:scim:schemas:extension:acme:2.0:User"],
         "userName":"alice","name":{"familyName":"Liddell","givenName":"Alice"},
         "active":true,"password":"s3cret!",
         "emails":[{"value":"alice@example.com","type":"work","primary":true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
           {"employeeNumber":"42","department":"R&D","manager":{"value":"m-1"}},
         "urn:acme:params:scim:schemas:extension:acme:2.0:User":{"badge":"A"}}"""));
    assertThat(u.toString()).contains("\"password\":\"***\"").doesNotContain("s3cret!");

    // an empty enterprise part is no enterprise part: its URN leaves schemas
    User plain = u.toBuilder().enterprise(new EnterpriseUser(null, null, null, null, null, null)).build();
    assertThat(plain.enterprise()).isNull();
    assertThat(plain.schemaUrns()).containsExactly(CoreSchemas.USER_URN, ACME);
    assertThat(plain.toResource().json().has(CoreSchemas.ENTERPRISE_USER_URN)).isFalse();
  }

  @Test
  void emptyListsAndNullsAreLeftOut() {
    User u = User.builder("bob").emails(List.of()).name(new Name(null, null, null, null, null, null)).build();
    assertThat(u.name()).isNull();
    assertThat(u.toResource().json()).isEqualTo(ScimJson.parse(
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bob\"}"));
    assertThat(u.emails()).isEmpty();
    assertThat(u.addresses()).isNotNull().isEmpty();
    assertThat(u.x509Certificates()).isNotNull().isEmpty();
    Group g = Group.builder("g").members(null).build();
    assertThat(g.members()).isNotNull().isEmpty();
  }

  @Test
  void copiesAreDefensive() {
    ObjectNode extra = (ObjectNode) ScimJson.parse("{\"x\":{\"y\":1}}");
    User.Builder b = User.builder("carol").extra(extra);
    ObjectNode sub = (ObjectNode) ScimJson.parse("{\"verified\":true}");
    MultiValue email = new MultiValue("c@example.com", null, null, null, sub);
    User u = b.addEmail(email).build();

    extra.put("x", "changed");
    sub.put("verified", false);
    u.extra().put("x", "changed too");
    u.emails().get(0).extra().put("verified", false);
    b.title("later");

    assertThat(u.extra()).isEqualTo(ScimJson.parse("{\"x\":{\"y\":1}}"));
    assertThat(u.emails().get(0).extra().get("verified").booleanValue()).isTrue();
    assertThat(u.title()).isNull();
    assertThatThrownBy(() -> u.emails().add(MultiValue.of("d"))).isInstanceOf(UnsupportedOperationException.class);

    ScimResource r = u.toResource();
    r.json().put("userName", "mallory");
    assertThat(User.from(r).userName()).isEqualTo("carol");
  }

  @Test
  void typedValueWinsOverSameNamedExtra() {
    User u = User.builder("dave")
        .extra("userName", ScimJson.parse("\"other\""))
        .extra("active", ScimJson.parse("true"))       // fits a typed field that is not set: moves in
        .extra("title", ScimJson.parse("42"))          // does not fit: stays
        .extra("schemas", ScimJson.parse("[\"urn:x\"]")) // always derived
        .build();
    assertThat(u.userName()).isEqualTo("dave");
    assertThat(u.active()).isTrue();
    assertThat(u.extra()).isEqualTo(ScimJson.parse("{\"title\":42}"));
    assertThat(User.from(u.toResource())).isEqualTo(u);

    MultiValue m = new MultiValue("v", null, null, null, (ObjectNode) ScimJson.parse(
        "{\"value\":\"w\",\"type\":\"home\",\"display\":7}"));
    assertThat(m).isEqualTo(new MultiValue("v", null, "home", null, (ObjectNode) ScimJson.parse("{\"display\":7}")));
  }

  @Test
  void fromNeverThrowsOnOddContent() {
    ObjectNode json = (ObjectNode) ScimJson.parse("""
        {"schemas":"not an array","userName":["a"],"name":"Bob","emails":[{"value":"x"},"y"],
         "groups":[],"meta":{"created":"yesterday"},
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{}}""");
    User u = User.from(ScimResource.of(json));
    assertThat(u.userName()).isNull();
    assertThat(u.name()).isNull();
    assertThat(u.emails()).isEmpty();
    assertThat(u.meta()).isNull();
    assertThat(u.enterprise()).isNull();
    ObjectNode expected = json.deepCopy();
    expected.set("schemas", ScimJson.parse("[\"urn:ietf:params:scim:schemas:core:2.0:User\","
        + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]"));
    assertThat(u.toResource().json()).isEqualTo(expected);
  }

  @Test
  void requiredAttributesAreAnnotatedNotBlank() throws Exception {
    assertThat(User.class.getDeclaredField("userName").isAnnotationPresent(NotBlank.class)).isTrue();
    assertThat(Group.class.getDeclaredField("displayName").isAnnotationPresent(NotBlank.class)).isTrue();
  }
}
