package dev.scimsync.filter;

import static dev.scimsync.filter.ComparisonOperator.EQ;
import static dev.scimsync.filter.ComparisonOperator.EW;
import static dev.scimsync.filter.Trees.CORE_USER;
import static dev.scimsync.filter.Trees.ENTERPRISE_USER;
import static dev.scimsync.filter.Trees.and;
import static dev.scimsync.filter.Trees.attr;
import static dev.scimsync.filter.Trees.cmp;
import static dev.scimsync.filter.Trees.eq;
import static dev.scimsync.filter.Trees.not;
import static dev.scimsync.filter.Trees.or;
import static dev.scimsync.filter.Trees.path;
import static dev.scimsync.filter.Trees.pr;
import static dev.scimsync.filter.Trees.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PATCH paths, RFC 7644 §3.5.2: {@code PATH = attrPath / valuePath [subAttr]}. */
class PatchPathTest {

  private static final String MEMBER = "2819c223-7f76-453a-919d-413861904646";

  /** (path text, expected path, canonical text). */
  static Stream<Arguments> validPaths() {
    return Stream.of(
        // RFC 7644 §3.5.2.1 - §3.5.2.3 examples
        Arguments.of("members", path(attr("members")), "members"),
        Arguments.of("name.familyName", path(attr("name", "familyName")), "name.familyName"),
        Arguments.of("addresses[type eq \"work\"]",
            path("addresses", eq("type", "work"), null), "addresses[type eq \"work\"]"),
        Arguments.of("members[value eq \"" + MEMBER + "\"]",
            path("members", eq("value", MEMBER), null), "members[value eq \"" + MEMBER + "\"]"),
        Arguments.of("members[value eq \"" + MEMBER + "\"].displayName",
            path("members", eq("value", MEMBER), "displayName"),
            "members[value eq \"" + MEMBER + "\"].displayName"),
        Arguments.of("emails[type eq \"work\" and value ew \"example.com\"]",
            path("emails", and(eq("type", "work"), cmp("value", EW, "example.com")), null),
            "emails[type eq \"work\" and value ew \"example.com\"]"),
        Arguments.of("addresses[type eq \"work\"].streetAddress",
            path("addresses", eq("type", "work"), "streetAddress"), "addresses[type eq \"work\"].streetAddress"),
        // schema-qualified
        Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            path(urn(ENTERPRISE_USER, "manager", "value")),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"),
        Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"].value",
            new PatchPath(urn(CORE_USER, "emails"), eq("type", "work"), "value"),
            "urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"].value"),
        // any filter inside the brackets, but no nested value path
        Arguments.of("emails[type eq \"work\" or primary eq true]",
            path("emails", or(eq("type", "work"), cmp("primary", EQ, Literal.TRUE)), null),
            "emails[type eq \"work\" or primary eq true]"),
        Arguments.of("emails[not (type eq \"work\")].value",
            path("emails", not(eq("type", "work")), "value"), "emails[not (type eq \"work\")].value"),
        Arguments.of("emails[(type eq \"work\")]",
            path("emails", eq("type", "work"), null), "emails[type eq \"work\"]"),
        Arguments.of("members[$ref pr].$ref", path("members", pr("$ref"), "$ref"), "members[$ref pr].$ref"),
        Arguments.of("members.$ref", path(attr("members", "$ref")), "members.$ref"),
        // case and white space
        Arguments.of("Emails[Type EQ \"work\"].Value",
            path("Emails", cmp("Type", EQ, "work"), "Value"), "Emails[Type eq \"work\"].Value"),
        Arguments.of("  members[ value eq \"1\" ]  ",
            path("members", eq("value", "1"), null), "members[value eq \"1\"]"),
        // keyword-named attributes are plain names in a path
        Arguments.of("not", path(attr("not")), "not"),
        Arguments.of("not[and pr].or", path("not", pr("and"), "or"), "not[and pr].or"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPaths")
  void patchPathParses(String text, PatchPath expected, String canonical) {
    assertThat(PatchPath.parse(text)).isEqualTo(expected);
    assertThat(PatchPath.parse(text).hasValueFilter()).isEqualTo(expected.valueFilter() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPaths")
  void patchPathPrintsCanonicallyAndRoundTrips(String text, PatchPath expected, String canonical) {
    assertThat(expected.toString()).isEqualTo(canonical);
    assertThat(PatchPath.parse(canonical)).isEqualTo(expected);
  }

  private static Arguments row(String text, int position, String fragment) {
    return Arguments.of(text, position, fragment);
  }

  /** (path text, position, message fragment); every one is invalidPath, filter errors included. */
  static Stream<Arguments> invalidPaths() {
    return Stream.of(
        row("", 0, "the path is empty"),
        row("  ", 0, "the path is empty"),
        row("emails[type eq \"work\"]value", 22, "expected end of path but found 'value'"),
        row("emails[", 7, "expected an expression but the filter ended"),
        row("emails[type eq \"work\"", 21, "expected ']' to close the one at position 6 but the input ended"),
        row("emails[]", 7, "empty value filter"),
        row("emails]", 6, "unbalanced ']'"),
        row("members)", 7, "unbalanced ')'"),
        row("(members)", 0, "expected an attribute path but found '('"),
        row("[type eq \"x\"]", 0, "expected an attribute path but found '['"),
        row("\"members\"", 0, "expected an attribute path but found '\"members\"'"),
        row("name.givenName[type eq \"x\"]", 14, "a value filter cannot follow sub-attribute 'name.givenName'"),
        row("name.familyName extra", 16, "expected end of path but found 'extra'"),
        row("members[value eq \"x\"] and x pr", 22, "expected end of path but found 'and'"),
        row("emails[type eq \"work\"].value eq \"x\"", 29, "expected end of path but found 'eq'"),
        row("emails[type eq \"work\"].", 23, "invalid sub-attribute '' after ']'"),
        row("emails[type eq \"work\"].value.display", 23, "invalid sub-attribute 'value.display' after ']'"),
        row("emails[type eq \"work\"].value[primary eq true]", 28, "expected end of path but found '['"),
        row("emails[type eq \"work\"][primary eq true]", 22, "expected end of path but found '['"),
        row("emails[type eq \"work\"] .value", 23, "expected end of path but found '.value'"),
        row("emails [type eq \"work\"]", 7, "expected end of path but found '['"),
        row("emails pr", 7, "expected end of path but found 'pr'"),
        // errors of the filter inside the brackets are reported as invalidPath
        row("emails[type eq]", 14, "expected a value after 'eq' but found ']'"),
        row("emails[type xx \"work\"]", 12, "unknown operator 'xx' after 'type'"),
        row("emails[type eq work]", 15, "expected a value (a quoted string, number, true, false or null)"),
        row("emails[type eq \"work]", 15, "unterminated string starting"),
        row("emails[type eq \"\\q\"]", 16, "invalid escape '\\q' in string"),
        row("emails[primary gt true]", 18, "operator 'gt' cannot compare with true"),
        row("emails[addr[type eq \"x\"]]", 11, "a value filter cannot be nested inside another value filter"),
        row("emails[type eq \"work\"].value eq \"x\"]", 29, "expected end of path but found 'eq'"),
        row("emails[(type eq \"work\"]", 22, "expected ')' but found ']'"),
        // attribute paths
        row("a.b.c", 3, "'a.b.c' has more than one sub-attribute level"),
        row("1abc", 0, "invalid attribute name '1abc'"),
        row("a..b", 2, "more than one sub-attribute level"),
        row("name.", 5, "empty attribute name"),
        row("http://x:y", 0, "only urn: schemas may qualify a name"),
        row("urn:ietf:params:scim:schemas:core:2.0:User:", 43, "expected an attribute name after schema"),
        row("members/value", 7, "unexpected character '/'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidPaths")
  void invalidPatchPathIsInvalidPathAtItsPosition(String text, int position, String fragment) {
    Throwable t = catchThrowable(() -> PatchPath.parse(text));
    assertThat(t).isInstanceOf(FilterException.class);
    FilterException e = (FilterException) t;
    assertThat(e.scimType()).isEqualTo("invalidPath");
    assertThat(e.position()).isEqualTo(position);
    assertThat(e).hasMessageContaining(fragment).hasMessageEndingWith(" at position " + position);
  }

  @Test
  void tolerantModeAcceptsAnUnquotedValueInsideThePathFilter() {
    assertThat(FilterParser.tolerant().parsePath("emails[type eq work].value"))
        .isEqualTo(path("emails", eq("type", "work"), "value"));
  }

  // ---------------------------------------------------------------------------------------------
  // attrPath alone (sortBy, attributes, excludedAttributes)

  static Stream<Arguments> validAttributePaths() {
    return Stream.of(
        Arguments.of("userName", attr("userName")),
        Arguments.of(" name.givenName ", attr("name", "givenName")),
        Arguments.of("meta.lastModified", attr("meta", "lastModified")),
        Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            urn(ENTERPRISE_USER, "manager", "value")),
        Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            urn("urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User")),
        Arguments.of("members.$ref", attr("members", "$ref")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validAttributePaths")
  void attributePathParses(String text, AttributePath expected) {
    assertThat(FilterParser.strict().parseAttributePath(text)).isEqualTo(expected);
    assertThat(AttributePath.parse(expected.toString())).isEqualTo(expected);
  }

  static Stream<Arguments> invalidAttributePaths() {
    return Stream.of(
        row("", 0, "the attribute path is empty"),
        row("emails[type eq \"x\"]", 6, "expected end of path but found '['"),
        row("a b", 2, "expected end of path but found 'b'"),
        row("a.b.c", 3, "more than one sub-attribute level"),
        row("a)", 1, "unbalanced ')'"),
        row("http://x:y", 0, "only urn: schemas may qualify a name"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidAttributePaths")
  void invalidAttributePathIsInvalidPathAtItsPosition(String text, int position, String fragment) {
    Throwable t = catchThrowable(() -> FilterParser.strict().parseAttributePath(text));
    assertThat(t).isInstanceOf(FilterException.class);
    FilterException e = (FilterException) t;
    assertThat(e.scimType()).isEqualTo("invalidPath");
    assertThat(e.position()).isEqualTo(position);
    assertThat(e).hasMessageContaining(fragment);
  }

  // ---------------------------------------------------------------------------------------------
  // The record itself refuses shapes the grammar cannot express.

  @Test
  void recordRefusesSubAttributeWithoutValueFilter() {
    assertThatThrownBy(() -> new PatchPath(attr("name"), null, "givenName"))
        .isInstanceOfSatisfying(FilterException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
  }

  @Test
  void recordRefusesValueFilterOnASubAttribute() {
    assertThatThrownBy(() -> new PatchPath(attr("name", "givenName"), eq("type", "x"), null))
        .isInstanceOfSatisfying(FilterException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
  }

  @Test
  void recordRefusesAnInvalidSubAttributeName() {
    assertThatThrownBy(() -> new PatchPath(attr("emails"), eq("type", "x"), "1value"))
        .isInstanceOfSatisfying(FilterException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
  }
}
