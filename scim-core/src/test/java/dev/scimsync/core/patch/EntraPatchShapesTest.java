package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.ENTERPRISE;
import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static dev.scimsync.core.patch.PatchFixtures.assertChanged;
import static dev.scimsync.core.patch.PatchFixtures.assertDelta;
import static dev.scimsync.core.patch.PatchFixtures.assertJson;
import static dev.scimsync.core.patch.PatchFixtures.assertScimError;
import static dev.scimsync.core.patch.PatchFixtures.assertUnchanged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PATCH shapes Microsoft Entra ID sends (with and without {@code aadOptscim062020}), as listed
 * in Microsoft's "Known issues and resolutions with SCIM 2.0 protocol compliance"
 * (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility)
 * and "Tutorial: Develop and plan provisioning for a SCIM endpoint"
 * (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups),
 * plus shapes reported in public issue threads (named in each test), with the
 * {@link Tolerance#entra()} preset unless a test says otherwise.
 */
class EntraPatchShapesTest {

  private final PatchEngine users = new PatchEngine(USER, Tolerance.entra());
  private final PatchEngine groups = new PatchEngine(GROUP, Tolerance.entra());

  /** The operations as the message layer reads them under the Entra preset. */
  private static List<PatchOperation> ops(String body) {
    return PatchFixtures.ops(body, Tolerance.entra());
  }

  /** The operations as the message layer reads them strictly (op names must then be lower case). */
  private static List<PatchOperation> strictOps(String body) {
    return PatchFixtures.ops(body, Tolerance.strict());
  }

  private static final String CORE = "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]";
  private static final String BOTH = "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE + "\"]";

  private static ScimResource user(String attributes) {
    return PatchFixtures.user("{" + CORE + ",\"id\":\"u1\",\"userName\":\"alice\"" + attributes + "}");
  }

  private static String userJson(String schemas, String attributes) {
    return "{" + schemas + ",\"id\":\"u1\",\"userName\":\"alice\"" + attributes + "}";
  }

  // ---- active as the string "False" ----

  @Test
  void aadOptscim062020Absent_replaceActiveStringFalse_deactivates() {
    PatchResult r = users.apply(user(",\"active\":true"),
        ops("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]"));
    assertJson(r.resource(), userJson(CORE, ",\"active\":false"));
    assertChanged(r, Set.of("active"), Set.of());
  }

  @Test
  void aadOptscim062020Present_replaceActiveBooleanFalse_deactivates() {
    PatchResult r = users.apply(user(",\"active\":true"),
        ops("[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]"));
    assertJson(r.resource(), userJson(CORE, ",\"active\":false"));
    assertChanged(r, Set.of("active"), Set.of());
  }

  @Test
  void scimmyjs51_stringFalseUnderStrictIsInvalidValue() {
    PatchEngine strict = new PatchEngine(USER, Tolerance.strict());
    ScimResource before = user(",\"active\":true");
    assertScimError(() -> strict.apply(before, strictOps("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"False\"}]")),
        ScimType.INVALID_VALUE, "attribute 'active' must be a boolean, not a string (False)");
  }

  @Test
  void entraDocs_addNickName() {
    PatchResult r = users.apply(user(""), ops("[{\"op\":\"Add\",\"path\":\"nickName\",\"value\":\"Babs\"}]"));
    assertJson(r.resource(), userJson(CORE, ",\"nickName\":\"Babs\""));
    assertChanged(r, Set.of("nickName"), Set.of());
  }

  // ---- filtered paths ----

  @Test
  void entraDocs_replaceWorkEmailValueAndFamilyName() {
    ScimResource before = user(",\"name\":{\"givenName\":\"Alice\",\"familyName\":\"Old\"},"
        + "\"emails\":[{\"value\":\"old@contoso.com\",\"type\":\"work\",\"primary\":true}]");
    PatchResult r = users.apply(before, ops("""
        [{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
         {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]"""));
    assertJson(r.resource(), userJson(CORE, ",\"name\":{\"givenName\":\"Alice\",\"familyName\":\"updatedFamilyName\"},"
        + "\"emails\":[{\"value\":\"updatedEmail@microsoft.com\",\"type\":\"work\",\"primary\":true}]"));
    assertChanged(r, Set.of("emails", "name"), Set.of("emails"));
    assertDelta(r.changes().delta("emails"), false, List.of("old@contoso.com"), """
        {"updatedEmail@microsoft.com":{"value":"updatedEmail@microsoft.com","type":"work","primary":true}}""");
  }

  static Stream<Arguments> scimSdk416_filteredValueCreatesTheElement() {
    return Stream.of(Arguments.of("Replace"), Arguments.of("Add"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void scimSdk416_filteredValueCreatesTheElement(String op) {
    PatchResult r = users.apply(user(""), ops("[{\"op\":\"" + op
        + "\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"alice@contoso.com\"}]"));
    assertJson(r.resource(), userJson(CORE, ",\"emails\":[{\"type\":\"work\",\"value\":\"alice@contoso.com\"}]"));
    assertChanged(r, Set.of("emails"), Set.of("emails"));
    assertDelta(r.changes().delta("emails"), false, List.of(),
        "{\"alice@contoso.com\":{\"type\":\"work\",\"value\":\"alice@contoso.com\"}}");
  }

  @Test
  void scimSdk668_filteredValueKeepsTheOtherElements() {
    ScimResource before = user(",\"emails\":[{\"value\":\"alice@home.example\",\"type\":\"home\",\"primary\":true}]");
    PatchResult r = users.apply(before, ops("""
        [{"op":"Add","path":"emails[type eq \\"work\\"].value","value":"alice@contoso.com"}]"""));
    assertJson(r.resource(), userJson(CORE, ",\"emails\":[{\"value\":\"alice@home.example\",\"type\":\"home\",\"primary\":true},"
        + "{\"type\":\"work\",\"value\":\"alice@contoso.com\"}]"));
    assertChanged(r, Set.of("emails"), Set.of("emails"));
    assertDelta(r.changes().delta("emails"), false, List.of(),
        "{\"alice@contoso.com\":{\"type\":\"work\",\"value\":\"alice@contoso.com\"}}");
  }

  @Test
  void scimSdk680_severalSubAttributeAddsForOneFilterMergeIntoOneElement() {
    PatchResult r = users.apply(user(""), ops("""
        [{"op":"Add","path":"emails[type eq \\"work\\"].value","value":"alice@contoso.com"},
         {"op":"Add","path":"emails[type eq \\"work\\"].display","value":"Alice (work)"},
         {"op":"Add","path":"emails[type eq \\"work\\"].primary","value":"True"}]"""));
    assertJson(r.resource(), userJson(CORE,
        ",\"emails\":[{\"type\":\"work\",\"value\":\"alice@contoso.com\",\"display\":\"Alice (work)\",\"primary\":true}]"));
    assertChanged(r, Set.of("emails"), Set.of("emails"));
    assertDelta(r.changes().delta("emails"), false, List.of(), """
        {"alice@contoso.com":{"type":"work","value":"alice@contoso.com","display":"Alice (work)","primary":true}}""");
  }

  @Test
  void scimSdk680_workAddressPartsMergeIntoOneAddress() {
    PatchResult r = users.apply(user(""), ops("""
        [{"op":"Add","path":"addresses[type eq \\"work\\"].formatted","value":"1 Microsoft Way, Redmond"},
         {"op":"Add","path":"addresses[type eq \\"work\\"].locality","value":"Redmond"},
         {"op":"Add","path":"addresses[type eq \\"work\\"].region","value":"WA"}]"""));
    assertJson(r.resource(), userJson(CORE, ",\"addresses\":[{\"type\":\"work\",\"formatted\":\"1 Microsoft Way, Redmond\","
        + "\"locality\":\"Redmond\",\"region\":\"WA\"}]"));
    assertChanged(r, Set.of("addresses"), Set.of());
  }

  @Test
  void entraDocs_replaceWorkAddressLocalityKeepsTheOtherParts() {
    ScimResource before = user(",\"addresses\":[{\"type\":\"work\",\"locality\":\"Old\",\"region\":\"WA\"},"
        + "{\"type\":\"home\",\"locality\":\"Home\"}]");
    PatchResult r = users.apply(before, ops("""
        [{"op":"Replace","path":"addresses[type eq \\"work\\"].locality","value":"Redmond"}]"""));
    assertJson(r.resource(), userJson(CORE, ",\"addresses\":[{\"type\":\"work\",\"locality\":\"Redmond\",\"region\":\"WA\"},"
        + "{\"type\":\"home\",\"locality\":\"Home\"}]"));
    assertChanged(r, Set.of("addresses"), Set.of());
  }

  @Test
  void entraDocs_mobilePhoneNumberCreatedNextToWork() {
    ScimResource before = user(",\"phoneNumbers\":[{\"value\":\"555-0100\",\"type\":\"work\"}]");
    PatchResult r = users.apply(before, ops("""
        [{"op":"Add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"555-0199"}]"""));
    assertJson(r.resource(), userJson(CORE,
        ",\"phoneNumbers\":[{\"value\":\"555-0100\",\"type\":\"work\"},{\"type\":\"mobile\",\"value\":\"555-0199\"}]"));
    assertChanged(r, Set.of("phoneNumbers"), Set.of("phoneNumbers"));
    assertDelta(r.changes().delta("phoneNumbers"), false, List.of(),
        "{\"555-0199\":{\"type\":\"mobile\",\"value\":\"555-0199\"}}");
  }

  @Test
  void pingScim2_239_rolesPrimaryStringTrueFilterMatchesBooleanPrimary() {
    ScimResource before = user(",\"roles\":[{\"value\":\"admin\",\"primary\":true},{\"value\":\"reader\"}]");
    PatchResult r = users.apply(before, ops("""
        [{"op":"Replace","path":"roles[primary eq \\"True\\"].display","value":"Administrator"}]"""));
    assertJson(r.resource(), userJson(CORE,
        ",\"roles\":[{\"value\":\"admin\",\"primary\":true,\"display\":\"Administrator\"},{\"value\":\"reader\"}]"));
    // the set of role values is the same: an empty delta
    assertChanged(r, Set.of("roles"), Set.of("roles"));
    assertDelta(r.changes().delta("roles"), false, List.of(), "{}");
  }

  @Test
  void scimSdk647_rolesPrimaryStringTrueFilterCreatesAPrimaryRole() {
    PatchResult r = users.apply(user(""), ops("""
        [{"op":"Add","path":"roles[primary eq \\"True\\"].display","value":"Administrator"}]"""));
    assertJson(r.resource(), userJson(CORE, ",\"roles\":[{\"primary\":true,\"display\":\"Administrator\"}]"));
    // a role without "value" has no key in the delta
    assertChanged(r, Set.of("roles"), Set.of("roles"));
    assertDelta(r.changes().delta("roles"), false, List.of(), "{}");
  }

  // ---- enterprise extension ----

  static Stream<Arguments> goScim75_urnQualifiedEnterprisePaths() {
    return Stream.of(
        Arguments.of(ENTERPRISE + ":employeeNumber", "\"701984\"", "{\"employeeNumber\":\"701984\"}"),
        Arguments.of(ENTERPRISE + ":department", "\"Tour Operations\"", "{\"department\":\"Tour Operations\"}"),
        Arguments.of(ENTERPRISE + ":manager", "{\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\"}",
            "{\"manager\":{\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\"}}"),
        Arguments.of(ENTERPRISE + ":manager.value", "\"26118915\"", "{\"manager\":{\"value\":\"26118915\"}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void goScim75_urnQualifiedEnterprisePaths(String path, String value, String extension) {
    PatchResult r = users.apply(user(""),
        ops("[{\"op\":\"Replace\",\"path\":\"" + path + "\",\"value\":" + value + "}]"));
    assertJson(r.resource(), userJson(BOTH, ",\"" + ENTERPRISE + "\":" + extension));
    String attribute = path.endsWith(".value") ? path.substring(0, path.length() - ".value".length()) : path;
    assertChanged(r, Set.of(attribute), Set.of());
  }

  @Test
  void scimSdk541_managerAsPlainString() {
    PatchResult r = users.apply(user(""),
        ops("[{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"271\"}]"));
    assertJson(r.resource(), userJson(BOTH, ",\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"271\"}}"));
    assertChanged(r, Set.of(ENTERPRISE + ":manager"), Set.of());
  }

  @Test
  void scimSdk541_managerAsPlainStringUnderStrictIsInvalidValue() {
    PatchEngine strict = new PatchEngine(USER, Tolerance.strict());
    ScimResource before = user("");
    assertScimError(() -> strict.apply(before,
            strictOps("[{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"271\"}]")),
        ScimType.INVALID_VALUE, "is complex; expected an object, not a string");
  }

  @Test
  void entraDocs_managerAsArrayOfOneWithRef() {
    PatchResult r = users.apply(user(""), ops("""
        [{"op":"Add","path":"manager","value":[{"$ref":"https://example.com/Users/26118915","value":"26118915"}]}]"""));
    assertJson(r.resource(), userJson(BOTH, ",\"" + ENTERPRISE
        + "\":{\"manager\":{\"value\":\"26118915\",\"$ref\":\"https://example.com/Users/26118915\"}}"));
    assertChanged(r, Set.of(ENTERPRISE + ":manager"), Set.of());
  }

  @Test
  void entraDocs_managerReplacedKeepsNothingButTheNewValue() {
    ScimResource before = PatchFixtures.user(userJson(BOTH, ",\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"1\"}}"));
    PatchResult r = users.apply(before,
        ops("[{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"2\"}]"));
    assertJson(r.resource(), userJson(BOTH, ",\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"2\"}}"));
    assertChanged(r, Set.of(ENTERPRISE + ":manager"), Set.of());
  }

  // ---- pathless replace with dotted and URN keys ----

  @Test
  void pingScim2_224_pathlessReplaceWithDottedAndUrnKeysWritesNestedAttributes() {
    ScimResource before = user(",\"displayName\":\"Old\",\"name\":{\"givenName\":\"A\",\"familyName\":\"B\","
        + "\"formatted\":\"A B\"}");
    PatchResult r = users.apply(before, ops("""
        [{"op":"replace","value":{
           "displayName":"Pvlo",
           "name.givenName":"Gtfd",
           "name.familyName":"Pkqf",
           "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Eqpj"}}]"""));
    assertJson(r.resource(), userJson(BOTH, ",\"displayName\":\"Pvlo\",\"name\":{\"givenName\":\"Gtfd\","
        + "\"familyName\":\"Pkqf\",\"formatted\":\"A B\"},\"" + ENTERPRISE + "\":{\"employeeNumber\":\"Eqpj\"}"));
    assertThat(r.resource().json().has("name.givenName")).isFalse();
    assertChanged(r, Set.of("displayName", "name", ENTERPRISE + ":employeeNumber"), Set.of());
  }

  @Test
  void scimSdk267_dottedKeysUnderStrictAreRejected() {
    PatchEngine strict = new PatchEngine(USER, Tolerance.strict());
    ScimResource before = user("");
    assertScimError(() -> strict.apply(before, strictOps("[{\"op\":\"replace\",\"value\":{\"name.givenName\":\"G\"}}]")),
        ScimType.INVALID_SYNTAX, "attribute 'name.givenName' is not defined");
  }

  @Test
  void entraDocs_multiReplaceWithoutFlag() {
    ScimResource before = user(",\"displayName\":\"Old\",\"externalId\":\"e0\","
        + "\"emails\":[{\"value\":\"old@test.microsoft.com\",\"type\":\"work\"}]");
    PatchResult r = users.apply(before, ops("""
        [{"op":"Replace","path":"displayName","value":"Pvlo"},
         {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"TestBcwqnm@test.microsoft.com"},
         {"op":"Replace","path":"name.givenName","value":"Gtfd"},
         {"op":"Replace","path":"name.familyName","value":"Pkqf"},
         {"op":"Replace","path":"externalId","value":"Eqpj"},
         {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"Wwtq"}]"""));
    assertJson(r.resource(), userJson(BOTH, ",\"externalId\":\"Eqpj\",\"displayName\":\"Pvlo\","
        + "\"name\":{\"givenName\":\"Gtfd\",\"familyName\":\"Pkqf\"},"
        + "\"emails\":[{\"value\":\"TestBcwqnm@test.microsoft.com\",\"type\":\"work\"}],"
        + "\"" + ENTERPRISE + "\":{\"employeeNumber\":\"Wwtq\"}"));
    assertChanged(r, Set.of("displayName", "emails", "name", "externalId", ENTERPRISE + ":employeeNumber"),
        Set.of("emails"));
    assertDelta(r.changes().delta("emails"), false, List.of("old@test.microsoft.com"), """
        {"TestBcwqnm@test.microsoft.com":{"value":"TestBcwqnm@test.microsoft.com","type":"work"}}""");
  }

  // ---- group membership ----

  private static ScimResource group(String members) {
    return PatchFixtures.group("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g1\","
        + "\"displayName\":\"Sales\"" + members + "}");
  }

  private static String groupJson(String members) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g1\",\"displayName\":\"Sales\""
        + members + "}";
  }

  @Test
  void entraDocs_addMembersWithNullRef() {
    PatchResult r = groups.apply(group(",\"members\":[{\"value\":\"u0\"}]"), ops("""
        [{"op":"Add","path":"members","value":[{"$ref":null,"value":"f648f8d5ea4e4cd38e9c"}]}]"""));
    assertJson(r.resource(), groupJson(",\"members\":[{\"value\":\"u0\"},{\"value\":\"f648f8d5ea4e4cd38e9c\"}]"));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of(),
        "{\"f648f8d5ea4e4cd38e9c\":{\"value\":\"f648f8d5ea4e4cd38e9c\"}}");
  }

  @Test
  void vouch1415_removeMembersWithValueListRemovesOnlyThose() {
    PatchResult r = groups.apply(group(",\"members\":[{\"value\":\"u1091\"},{\"value\":\"u2\"},{\"value\":\"u3\"}]"),
        ops("[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u1091\"}]}]"));
    assertJson(r.resource(), groupJson(",\"members\":[{\"value\":\"u2\"},{\"value\":\"u3\"}]"));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of("u1091"), "{}");
  }

  @Test
  void aadOptscim062020Present_removeMemberByValueFilter() {
    PatchResult r = groups.apply(group(",\"members\":[{\"value\":\"u1\"},{\"value\":\"u2\"}]"),
        ops("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u1\\\"]\"}]"));
    assertJson(r.resource(), groupJson(",\"members\":[{\"value\":\"u2\"}]"));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of("u1"), "{}");
  }

  @Test
  void vouch1415_bareRemoveMembersEmptiesTheGroup() {
    PatchResult r = groups.apply(group(",\"members\":[{\"value\":\"u1\"},{\"value\":\"u2\"}]"),
        ops("[{\"op\":\"Remove\",\"path\":\"members\"}]"));
    assertJson(r.resource(), groupJson(""));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of("u1", "u2"), "{}");
  }

  @Test
  void entraDocs_removeOfAMemberNotInTheGroupChangesNothing() {
    ScimResource before = group(",\"members\":[{\"value\":\"u1\"}]");
    PatchResult r = groups.apply(before, ops("[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u9\"}]}]"));
    assertJson(r.resource(), before.json());
    assertUnchanged(r);
  }

  @Test
  void entraDocs_renameGroupWithPath() {
    PatchResult r = groups.apply(group(",\"members\":[{\"value\":\"u1\"}]"),
        ops("[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Sales EMEA\"}]"));
    assertJson(r.resource(), groupJson(",\"members\":[{\"value\":\"u1\"}]").replace("\"Sales\"", "\"Sales EMEA\""));
    assertChanged(r, Set.of("displayName"), Set.of());
  }
}
