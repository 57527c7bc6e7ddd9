package dev.scimsync.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.TestResources;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.CoreSchemas;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON examples of RFC 7643 §8.1–8.4, kept once in {@code src/test/resources/rfc7643} as printed in
 * the RFC (indentation, line breaks between tokens, member order, {@code "W\/\"...\""} escapes).
 *
 * <p>One normalisation was needed to make the examples JSON at all: the RFC folds the base64
 * {@code x509Certificates[0].value} of §8.2 and §8.3 over 18 lines <em>inside</em> the string,
 * which JSON does not allow; the fixtures hold the 18 lines joined without the folding whitespace.
 * Nothing else is changed, and for all four {@code toResource().json()} equals the parsed fixture
 * (JSON equality: member order is not significant, array order is).
 */
class Rfc7643ExamplesTest {

  static ObjectNode fixture(String name) {
    return ScimJson.parseObject(TestResources.text("/rfc7643/" + name));
  }

  @Test
  void minimalUser() {
    ObjectNode json = fixture("8.1-minimal-user.json");
    User u = User.from(ScimResource.of(json));

    assertThat(u.id()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(u.userName()).isEqualTo("bjensen@example.com");
    assertThat(u.meta()).isEqualTo(new Meta("User", Instant.parse("2010-01-23T04:56:22Z"),
        Instant.parse("2011-05-13T04:42:34Z"),
        "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", "W/\"3694e05e9dff590\""));
    assertThat(u.name()).isNull();
    assertThat(u.emails()).isEmpty();
    assertThat(u.groups()).isEmpty();
    assertThat(u.enterprise()).isNull();
    assertThat(u.extra().isEmpty()).isTrue();
    assertThat(u.schemaUrns()).containsExactly(CoreSchemas.USER_URN);

    assertThat(u.toResource().json()).isEqualTo(json);
  }

  @Test
  void fullUser() {
    ObjectNode json = fixture("8.2-full-user.json");
    User u = User.from(ScimResource.of(json));

    assertFullUserCore(u);
    assertThat(u.groups()).containsExactly(
        new Reference("e9e30dba-f08f-4109-8486-d5c6a331660a",
            "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a", "Tour Guides", null),
        new Reference("fc348aa8-3835-40eb-a20b-c726e15c55b5",
            "https://example.com/v2/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5", "Employees", null),
        new Reference("71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7",
            "https://example.com/v2/Groups/71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7", "US Employees", null));
    assertThat(u.meta().version()).isEqualTo("W/\"a330bc54f0671c9\"");
    assertThat(u.enterprise()).isNull();
    assertThat(u.extra().isEmpty()).isTrue();

    assertThat(u.toResource().json()).isEqualTo(json);
  }

  @Test
  void enterpriseUser() {
    ObjectNode json = fixture("8.3-enterprise-user.json");
    User u = User.from(ScimResource.of(json));

    assertFullUserCore(u);
    assertThat(u.groups()).extracting(Reference::ref).containsExactly(
        "../Groups/e9e30dba-f08f-4109-8486-d5c6a331660a", "../Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5",
        "../Groups/71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7");
    EnterpriseUser e = u.enterprise();
    assertThat(e).isEqualTo(new EnterpriseUser("701984", "4130", "Universal Studios", "Theme Park",
        "Tour Operations", new Manager("26118915-6090-4610-87e4-49d8ca9f808d",
            "../Users/26118915-6090-4610-87e4-49d8ca9f808d", "John Smith")));
    assertThat(u.meta().version()).isEqualTo("W/\"3694e05e9dff591\"");
    assertThat(u.extra().isEmpty()).isTrue();
    assertThat(u.schemaUrns()).containsExactly(CoreSchemas.USER_URN, CoreSchemas.ENTERPRISE_USER_URN);

    assertThat(u.toResource().json()).isEqualTo(json);
  }

  @Test
  void group() {
    ObjectNode json = fixture("8.4-group.json");
    Group g = Group.from(ScimResource.of(json));

    assertThat(g.id()).isEqualTo("e9e30dba-f08f-4109-8486-d5c6a331660a");
    assertThat(g.displayName()).isEqualTo("Tour Guides");
    assertThat(g.members()).containsExactly(
        new Reference("2819c223-7f76-453a-919d-413861904646",
            "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", "Babs Jensen", null),
        new Reference("902c246b-6245-4190-8e05-00816be7344a",
            "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a", "Mandy Pepperidge", null));
    assertThat(g.meta().resourceType()).isEqualTo("Group");
    assertThat(g.meta().location()).isEqualTo("https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a");
    assertThat(g.meta().version()).isEqualTo("W/\"3694e05e9dff592\"");
    assertThat(g.extra().isEmpty()).isTrue();

    assertThat(g.toResource().json()).isEqualTo(json);
  }

  /** The parts §8.2 and §8.3 share. */
  private static void assertFullUserCore(User u) {
    assertThat(u.id()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(u.externalId()).isEqualTo("701984");
    assertThat(u.userName()).isEqualTo("bjensen@example.com");
    assertThat(u.name()).isEqualTo(new Name("Ms. Barbara J Jensen, III", "Jensen", "Barbara", "Jane", "Ms.", "III"));
    assertThat(u.displayName()).isEqualTo("Babs Jensen");
    assertThat(u.nickName()).isEqualTo("Babs");
    assertThat(u.profileUrl()).isEqualTo("https://login.example.com/bjensen");
    assertThat(u.emails()).containsExactly(
        new MultiValue("bjensen@example.com", null, "work", true),
        new MultiValue("babs@jensen.org", null, "home", null));
    assertThat(u.primaryEmail()).isEqualTo("bjensen@example.com");
    assertThat(u.addresses()).containsExactly(
        new Address("100 Universal City Plaza\nHollywood, CA 91608 USA", "100 Universal City Plaza", "Hollywood",
            "CA", "91608", "USA", "work", true),
        new Address("456 Hollywood Blvd\nHollywood, CA 91608 USA", "456 Hollywood Blvd", "Hollywood", "CA",
            "91608", "USA", "home", null));
    assertThat(u.phoneNumbers()).containsExactly(MultiValue.of("555-555-5555", "work"),
        MultiValue.of("555-555-4444", "mobile"));
    assertThat(u.ims()).containsExactly(MultiValue.of("someaimhandle", "aim"));
    assertThat(u.photos()).containsExactly(
        MultiValue.of("https://photos.example.com/profilephoto/72930000000Ccne/F", "photo"),
        MultiValue.of("https://photos.example.com/profilephoto/72930000000Ccne/T", "thumbnail"));
    assertThat(u.userType()).isEqualTo("Employee");
    assertThat(u.title()).isEqualTo("Tour Guide");
    assertThat(u.preferredLanguage()).isEqualTo("en-US");
    assertThat(u.locale()).isEqualTo("en-US");
    assertThat(u.timezone()).isEqualTo("America/Los_Angeles");
    assertThat(u.active()).isTrue();
    assertThat(u.password()).isEqualTo("t1meMa$heen");
    assertThat(u.groups()).extracting(Reference::value).containsExactly(
        "e9e30dba-f08f-4109-8486-d5c6a331660a", "fc348aa8-3835-40eb-a20b-c726e15c55b5",
        "71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7");
    assertThat(u.groups()).extracting(Reference::display).containsExactly("Tour Guides", "Employees",
        "US Employees");
    assertThat(u.x509Certificates()).hasSize(1);
    byte[] der = java.util.Base64.getDecoder().decode(u.x509Certificates().get(0).value());
    assertThat(der).hasSize(839);
    assertThat(u.entitlements()).isEmpty();
    assertThat(u.roles()).isEmpty();
    assertThat(u.meta()).extracting(Meta::resourceType, Meta::created, Meta::lastModified, Meta::location)
        .containsExactly("User", Instant.parse("2010-01-23T04:56:22Z"), Instant.parse("2011-05-13T04:42:34Z"),
            "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646");
    assertThat(List.of(u.emails(), u.phoneNumbers())).allSatisfy(l -> assertThat(l).isUnmodifiable());
  }
}
