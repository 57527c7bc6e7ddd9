package dev.scimsync.filter;

import static dev.scimsync.filter.ComparisonOperator.EQ;
import static dev.scimsync.filter.Trees.ENTERPRISE_USER;
import static dev.scimsync.filter.Trees.and;
import static dev.scimsync.filter.Trees.attr;
import static dev.scimsync.filter.Trees.cmp;
import static dev.scimsync.filter.Trees.eq;
import static dev.scimsync.filter.Trees.has;
import static dev.scimsync.filter.Trees.num;
import static dev.scimsync.filter.Trees.path;
import static dev.scimsync.filter.Trees.str;
import static dev.scimsync.filter.Trees.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter and PATCH path shapes identity providers actually send, each named after its public
 * source: the vendors' SCIM documentation (Microsoft Entra ID:
 * https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups;
 * Okta: https://developer.okta.com/docs/reference/scim/scim-20/) or a public issue thread.
 */
class IdpFilterShapesTest {

  private static final FilterParser STRICT = FilterParser.strict();
  private static final FilterParser TOLERANT = FilterParser.tolerant();

  /** (source, filter text, expected tree, canonical text); all valid in strict and tolerant mode. */
  static Stream<Arguments> lookupFilters() {
    return Stream.of(
        Arguments.of("Entra ID looks users up by userName",
            "userName eq \"Test_User_dfeef4c5-5681-4387-b016-bdf221e82081\"",
            eq("userName", "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081"),
            "userName eq \"Test_User_dfeef4c5-5681-4387-b016-bdf221e82081\""),
        Arguments.of("Entra ID looks users up by externalId",
            "externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"",
            eq("externalId", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"),
            "externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""),
        Arguments.of("Entra ID looks groups up by displayName",
            "displayName eq \"Group2\"",
            eq("displayName", "Group2"),
            "displayName eq \"Group2\""),
        Arguments.of("Entra ID uniqueness on the work email (non-standard valuePath.sub op value)",
            "emails[type eq \"work\"].value eq \"user@contoso.com\"",
            has("emails", and(eq("type", "work"), eq("value", "user@contoso.com"))),
            "emails[type eq \"work\" and value eq \"user@contoso.com\"]"),
        Arguments.of("Entra ID reads the current manager with a filter on id and manager",
            "id eq \"2819c223\" and manager eq \"26118915\"",
            and(eq("id", "2819c223"), eq("manager", "26118915")),
            "id eq \"2819c223\" and manager eq \"26118915\""),
        Arguments.of("Entra ID joining values with special characters arrive JSON-escaped",
            "userName eq \"o\\\"brien\\\\contoso@contoso.com\"",
            eq("userName", "o\"brien\\contoso@contoso.com"),
            "userName eq \"o\\\"brien\\\\contoso@contoso.com\""),
        Arguments.of("Entra ID value filter on a boolean sent as the string \"True\" stays a string",
            "roles[primary eq \"True\"]",
            has("roles", eq("primary", "True")),
            "roles[primary eq \"True\"]"),
        Arguments.of("Okta looks users up by userName",
            "userName eq \"test.user@okta.local\"",
            eq("userName", "test.user@okta.local"),
            "userName eq \"test.user@okta.local\""),
        Arguments.of("Okta SPEC test: userName case sensitivity check with an upper-cased value",
            "userName eq \"TEST.USER@OKTA.LOCAL\"",
            eq("userName", "TEST.USER@OKTA.LOCAL"),
            "userName eq \"TEST.USER@OKTA.LOCAL\""),
        Arguments.of("Google Workspace looks users up by userName",
            "userName eq \"jdoe@example.com\"",
            eq("userName", "jdoe@example.com"),
            "userName eq \"jdoe@example.com\""),
        Arguments.of("Okta and Entra ID membership value filter members[value eq id]",
            "members[value eq \"00u1dhxzNlHWrpDZK0h7\"]",
            has("members", eq("value", "00u1dhxzNlHWrpDZK0h7")),
            "members[value eq \"00u1dhxzNlHWrpDZK0h7\"]"),
        Arguments.of("Enterprise extension attribute qualified by its URN",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"",
            cmp(urn(ENTERPRISE_USER, "employeeNumber"), EQ, str("701984")),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\""),
        Arguments.of("Enterprise extension sub-attribute qualified by its URN (manager.value)",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\"",
            cmp(urn(ENTERPRISE_USER, "manager", "value"), EQ, str("26118915")),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\""),
        Arguments.of("Enterprise extension department combined with a core attribute",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\" and active eq true",
            and(cmp(urn(ENTERPRISE_USER, "department"), EQ, str("Sales")),
                cmp("active", EQ, Literal.TRUE)),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\" and active eq true"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("lookupFilters")
  void strictParserReadsTheShape(String source, String text, Filter expected, String canonical) {
    assertThat(STRICT.parseFilter(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("lookupFilters")
  void tolerantParserReadsTheShapeIdentically(String source, String text, Filter expected, String canonical) {
    assertThat(TOLERANT.parseFilter(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("lookupFilters")
  void shapePrintsCanonicallyAndReadsBack(String source, String text, Filter expected, String canonical) {
    Filter parsed = STRICT.parseFilter(text);
    assertThat(parsed.toString()).isEqualTo(canonical);
    assertThat(STRICT.parseFilter(canonical)).isEqualTo(expected);
  }

  /** (source, filter text, tree in tolerant mode, position of the unquoted value). */
  static Stream<Arguments> unquotedValues() {
    return Stream.of(
        Arguments.of("Entra ID older example: externalId eq jyoung",
            "externalId eq jyoung", eq("externalId", "jyoung"), 14),
        Arguments.of("Entra ID unquoted GUID",
            "externalId eq 0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            eq("externalId", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"), 14),
        Arguments.of("Entra ID unquoted userName with @ and dots",
            "userName eq test.user@contoso.com", eq("userName", "test.user@contoso.com"), 12),
        Arguments.of("Entra ID unquoted value followed by and",
            "externalId eq jyoung and active eq true",
            and(eq("externalId", "jyoung"), cmp("active", EQ, Literal.TRUE)), 14),
        Arguments.of("Entra ID unquoted value inside a value filter",
            "emails[type eq work]", has("emails", eq("type", "work")), 15),
        Arguments.of("Entra ID unquoted value closing a group",
            "(externalId eq jyoung)", eq("externalId", "jyoung"), 15));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("unquotedValues")
  void tolerantModeReadsEntraUnquotedValueAsString(String source, String text, Filter expected, int at) {
    Filter parsed = TOLERANT.parseFilter(text);
    assertThat(parsed).isEqualTo(expected);
    // The canonical form quotes the value, so it reads back the same in strict mode.
    assertThat(STRICT.parseFilter(parsed.toString())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("unquotedValues")
  void strictModeRejectsEntraUnquotedValueAsInvalidFilter(String source, String text, Filter expected, int at) {
    FilterException e = catchThrowableOfType(FilterException.class, () -> STRICT.parseFilter(text));
    assertThat(e).isNotNull();
    assertThat(e.scimType()).isEqualTo("invalidFilter");
    assertThat(e.position()).isEqualTo(at);
    assertThat(e).hasMessageContaining("expected a value").hasMessageEndingWith("at position " + at);
  }

  @Test
  void tolerantModeStillReadsAnUnquotedRunOfDigitsAsANumber() {
    assertThat(TOLERANT.parseFilter("externalId eq 1234")).isEqualTo(cmp("externalId", EQ, num("1234")));
  }

  @Test
  void tolerantModeStillReadsUnquotedTrueFalseNullAsLiterals() {
    assertThat(TOLERANT.parseFilter("active eq True")).isEqualTo(cmp("active", EQ, Literal.TRUE));
    assertThat(TOLERANT.parseFilter("active eq FALSE")).isEqualTo(cmp("active", EQ, Literal.FALSE));
    assertThat(TOLERANT.parseFilter("manager eq null")).isEqualTo(cmp("manager", EQ, Literal.NULL));
  }

  /** (source, PATCH path, expected path, canonical text). */
  static Stream<Arguments> patchPaths() {
    return Stream.of(
        Arguments.of("Entra ID replaces the work email",
            "emails[type eq \"work\"].value",
            path("emails", eq("type", "work"), "value"), "emails[type eq \"work\"].value"),
        Arguments.of("Entra ID replaces name.familyName",
            "name.familyName", path(attr("name", "familyName")), "name.familyName"),
        Arguments.of("Entra ID replaces name.givenName",
            "name.givenName", path(attr("name", "givenName")), "name.givenName"),
        Arguments.of("Entra ID replaces the enterprise employeeNumber",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            path(urn(ENTERPRISE_USER, "employeeNumber")),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"),
        Arguments.of("Entra ID adds the enterprise manager",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
            path(urn(ENTERPRISE_USER, "manager")),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"),
        Arguments.of("Entra ID replaces the work address",
            "addresses[type eq \"work\"].formatted",
            path("addresses", eq("type", "work"), "formatted"), "addresses[type eq \"work\"].formatted"),
        Arguments.of("Entra ID replaces the work address locality",
            "addresses[type eq \"work\"].locality",
            path("addresses", eq("type", "work"), "locality"), "addresses[type eq \"work\"].locality"),
        Arguments.of("Entra ID replaces the work address region",
            "addresses[type eq \"work\"].region",
            path("addresses", eq("type", "work"), "region"), "addresses[type eq \"work\"].region"),
        Arguments.of("Entra ID replaces the mobile phone number",
            "phoneNumbers[type eq \"mobile\"].value",
            path("phoneNumbers", eq("type", "mobile"), "value"), "phoneNumbers[type eq \"mobile\"].value"),
        Arguments.of("Entra ID roles[primary eq \"True\"].display keeps \"True\" a string",
            "roles[primary eq \"True\"].display",
            path("roles", eq("primary", "True"), "display"), "roles[primary eq \"True\"].display"),
        Arguments.of("Entra ID SCIM Validator edits the home email",
            "emails[type eq \"home\"].primary",
            path("emails", eq("type", "home"), "primary"), "emails[type eq \"home\"].primary"),
        Arguments.of("Entra ID disables with path active",
            "active", path(attr("active")), "active"),
        Arguments.of("Entra ID adds and removes members with path members",
            "members", path(attr("members")), "members"),
        Arguments.of("Entra ID (aadOptscim062020) and Okta remove one member",
            "members[value eq \"u1091\"]",
            path("members", eq("value", "u1091"), null), "members[value eq \"u1091\"]"),
        Arguments.of("Entra ID adds nickName",
            "nickName", path(attr("nickName")), "nickName"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("patchPaths")
  void patchPathShapeParses(String source, String text, PatchPath expected, String canonical) {
    assertThat(STRICT.parsePath(text)).isEqualTo(expected);
    assertThat(TOLERANT.parsePath(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("patchPaths")
  void patchPathShapePrintsCanonicallyAndReadsBack(String source, String text, PatchPath expected, String canonical) {
    PatchPath parsed = PatchPath.parse(text);
    assertThat(parsed.toString()).isEqualTo(canonical);
    assertThat(PatchPath.parse(canonical)).isEqualTo(expected);
  }

  @Test
  void entraValuePathWithSubAttributeAndOperatorIsNoPatchPath() {
    FilterException e = catchThrowableOfType(FilterException.class,
        () -> PatchPath.parse("emails[type eq \"work\"].value eq \"x\""));
    assertThat(e.scimType()).isEqualTo("invalidPath");
    assertThat(e.position()).isEqualTo(29);
    assertThat(e).hasMessageContaining("expected end of path but found 'eq'");
  }

  @Test
  void entraValuePathWithSubAttributeMergesIntoAnExistingConjunction() {
    assertThat(Filter.parse("emails[type eq \"work\" and primary eq true].value eq \"x\""))
        .isEqualTo(has("emails",
            and(eq("type", "work"), cmp("primary", EQ, Literal.TRUE), eq("value", "x"))));
  }

  @Test
  void entraValuePathWithSubAttributeKeepsADisjunctionAsOneOperand() {
    assertThat(Filter.parse("emails[type eq \"work\" or type eq \"home\"].value pr"))
        .isEqualTo(has("emails",
            and(Trees.or(eq("type", "work"), eq("type", "home")), Trees.pr("value"))));
  }
}
