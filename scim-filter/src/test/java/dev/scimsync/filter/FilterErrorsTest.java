package dev.scimsync.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid filters: RFC 7644 §3.4.2.2 requires a 400 with scimType {@code invalidFilter} "if the
 * specified filter syntax was invalid". Every row names the exact position and the problem.
 */
class FilterErrorsTest {

  private static Arguments row(String text, int position, String fragment) {
    return Arguments.of(text, position, fragment);
  }

  /** (filter text, 0-based position, message fragment). */
  static Stream<Arguments> invalidFilters() {
    return Stream.of(
        // unbalanced parentheses and brackets
        row("(userName eq \"x\"", 16, "expected ')' to close the one at position 0 but the input ended"),
        row("((a pr)", 7, "expected ')' to close the one at position 0"),
        row("(a pr and (b pr)", 16, "expected ')' to close the one at position 0"),
        row("userName eq \"x\")", 15, "unbalanced ')'"),
        row("(a pr))", 6, "unbalanced ')'"),
        row(")", 0, "expected an attribute, '(' or 'not' but found ')'"),
        row("()", 1, "expected an attribute, '(' or 'not' but found ')'"),
        row("(a pr]", 5, "expected ')' but found ']'"),
        row("emails[type eq \"work\"", 21, "expected ']' to close the one at position 6 but the input ended"),
        row("emails[type eq \"work\")", 21, "expected ']' but found ')'"),
        row("emails[type eq \"work\"]]", 22, "unbalanced ']'"),
        row("emails[]", 7, "empty value filter"),
        row("]", 0, "expected an attribute, '(' or 'not' but found ']'"),
        row("[type eq \"x\"]", 0, "expected an attribute, '(' or 'not' but found '['"),
        // missing pieces
        row("userName eq", 11, "expected a value after 'eq' but the input ended"),
        row("userName eq   ", 14, "expected a value after 'eq' but the input ended"),
        row("userName eq and b pr", 12, "expected a value (a quoted string, number, true, false or null) after 'eq' but found 'and'"),
        row("userName eq )", 12, "expected a value after 'eq' but found ')'"),
        row("userName eq (\"x\")", 12, "expected a value after 'eq' but found '('"),
        row("userName", 8, "expected an operator after 'userName' but found end of input"),
        row("userName \"x\"", 9, "expected an operator after 'userName' but found '\"x\"'"),
        row("a pr and", 8, "expected an expression but the filter ended"),
        row("a pr or", 7, "expected an expression but the filter ended"),
        row("a pr and or b pr", 12, "unknown operator 'b' after 'or'; expected one of eq, ne, co, sw, ew, gt, ge, lt, le, pr"),
        row("not", 3, "expected '(' after 'not' but found end of input"),
        row("not a pr", 4, "expected '(' after 'not' but found 'a'"),
        row("not ()", 5, "expected an attribute, '(' or 'not' but found ')'"),
        row("a pr b pr", 5, "expected 'and', 'or' or end of filter but found 'b'"),
        row("a eq \"x\" \"y\"", 9, "expected 'and', 'or' or end of filter but found '\"y\"'"),
        // operators
        row("userName xx \"x\"", 9, "unknown operator 'xx' after 'userName'"),
        row("userName equals \"x\"", 9, "unknown operator 'equals'"),
        row("userName = \"x\"", 9, "unexpected character '='"),
        row("userName == \"x\"", 9, "unexpected character '='"),
        row("userName eq \"x\" && b pr", 16, "unexpected character '&'"),
        row("a pr and not b pr", 13, "expected '(' after 'not' but found 'b'"),
        // operator and value kinds that RFC 7644 rules out
        row("active gt true", 10, "operator 'gt' cannot compare with true"),
        row("active ge FALSE", 10, "operator 'ge' cannot compare with false"),
        row("manager lt null", 11, "operator 'lt' cannot compare with null"),
        row("manager le null", 11, "operator 'le' cannot compare with null"),
        row("age co 5", 7, "operator 'co' needs a string value, not 5"),
        row("active sw true", 10, "operator 'sw' needs a string value, not true"),
        row("manager ew null", 11, "operator 'ew' needs a string value, not null"),
        row("emails[type co 1.5]", 15, "operator 'co' needs a string value, not 1.5"),
        // nested value paths and value paths on sub-attributes
        row("emails[type[value eq \"x\"] eq \"y\"]", 11, "a value filter cannot be nested inside another value filter"),
        row("emails[a pr and (sub[b pr])]", 20, "a value filter cannot be nested inside another value filter"),
        row("emails[not (sub[b pr])]", 15, "a value filter cannot be nested inside another value filter"),
        row("emails[type eq \"work\"].value[x pr]", 28, "expected an operator after 'value' but found '['"),
        row("name.givenName[type eq \"x\"]", 14, "a value filter cannot follow sub-attribute 'name.givenName'"),
        // the Entra form needs an operator after the sub-attribute
        row("emails[type eq \"work\"].value", 28, "expected an operator after 'value' but found end of input"),
        row("emails[type eq \"work\"].", 23, "invalid sub-attribute '' after ']'"),
        row("emails[type eq \"work\"].1x eq \"y\"", 23, "invalid sub-attribute '1x' after ']'"),
        row("emails[type eq \"work\"].value.x eq \"y\"", 23, "invalid sub-attribute 'value.x' after ']'"),
        // empty
        row("", 0, "the filter is empty"),
        row("   \t\n", 0, "the filter is empty"),
        // bad escapes
        row("a eq \"\\x\"", 6, "invalid escape '\\x' in string"),
        row("a eq \"\\'\"", 6, "invalid escape '\\''"),
        row("a eq \"\\U0041\"", 6, "invalid escape '\\U'"),
        row("a eq \"\\u12G4\"", 6, "invalid \\u escape"),
        row("a eq \"\\u00\"", 6, "incomplete \\u escape"),
        row("a eq \"\\u00\" and b pr", 6, "invalid \\u escape"),
        row("a eq \"\\u00", 6, "incomplete \\u escape"),
        row("a eq \"\\u\uff10\uff10\uff14\uff11\"", 6, "invalid \\u escape"),
        row("a eq \"\\u\u0660\u0660\u0664\u0661\"", 6, "invalid \\u escape"),
        row("a eq \"\\", 5, "unterminated string starting"),
        row("a eq \"abc\\\"", 5, "unterminated string starting"),
        row("a eq \"abc", 5, "unterminated string starting"),
        row("a eq \"", 5, "unterminated string starting"),
        // control characters must be escaped inside strings and are no white space outside
        row("a eq \"x\ny\"", 7, "control character U+000A must be escaped in a string"),
        row("a eq \"x\ty\"", 7, "control character U+0009 must be escaped"),
        row("a eq \"\u0000\"", 6, "control character U+0000 must be escaped"),
        row("a eq \"\u001f\"", 6, "control character U+001F must be escaped"),
        row("a pr\u0000", 4, "unexpected character '\\u0000'"),
        row("a\u00a0pr", 1, "unexpected character '\\u00a0'"),
        row("a pr\u2028and b pr", 4, "unexpected character '\\u2028'"),
        row("\ufeffa pr", 0, "unexpected character '\\ufeff'"),
        // attribute names
        row("1abc eq \"x\"", 0, "invalid attribute name '1abc'"),
        row("a..b eq \"x\"", 2, "has more than one sub-attribute level"),
        row("a.b.c eq \"x\"", 3, "'a.b.c' has more than one sub-attribute level"),
        row("a. eq \"x\"", 2, "empty attribute name"),
        row(".a eq \"x\"", 0, "empty attribute name"),
        row("name.1x pr", 5, "invalid attribute name '1x'"),
        row("a$b pr", 0, "invalid attribute name 'a$b'"),
        row("$ pr", 0, "invalid attribute name '$'"),
        row("-a pr", 0, "invalid attribute name '-a'"),
        row("_a pr", 0, "invalid attribute name '_a'"),
        row("\u00e9mail pr", 0, "unexpected character '\\u00e9'"),
        row("emails.value[type eq \"x\"]", 12, "a value filter cannot follow sub-attribute"),
        // schema prefixes other than urn:
        row("http://x:y eq \"z\"", 0, "only urn: schemas may qualify a name"),
        row("schema:name pr", 0, "only urn: schemas may qualify a name"),
        row("urn:ietf:params:scim:schemas:core:2.0:User: pr", 43, "expected an attribute name after schema"),
        row("urn:a:b..c pr", 8, "more than one sub-attribute level"),
        row("urn: pr", 0, "only urn: schemas may qualify a name"),
        // numbers and literals
        row("a eq 1e9999999999", 5, "number '1e9999999999' is out of range"),
        row("a eq 'x'", 5, "expected a value (a quoted string, number, true, false or null) after 'eq' but found ''x''"),
        row("a eq yes", 5, "found 'yes'"),
        row("a eq truex", 5, "found 'truex'"),
        row("a eq 1abc", 5, "found '1abc'"),
        row("a eq " + "x".repeat(60), 5, "found '" + "x".repeat(37) + "...'"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void invalidFilterIsRejectedWithInvalidFilterAtItsPosition(String text, int position, String fragment) {
    Throwable t = catchThrowable(() -> FilterParser.strict().parseFilter(text));
    assertThat(t).isInstanceOf(FilterException.class);
    FilterException e = (FilterException) t;
    assertThat(e.scimType()).isEqualTo("invalidFilter");
    assertThat(e.position()).isEqualTo(position);
    assertThat(e).hasMessageContaining(fragment).hasMessageEndingWith(" at position " + position);
  }

  /** The unquoted-value allowance of tolerant mode does not relax anything else. */
  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidFilters")
  void tolerantModeRejectsTheSameStructuralErrors(String text, int position, String fragment) {
    if (fragment.contains("expected a value (") || fragment.startsWith("found '")) {
      return; // those are exactly the unquoted values tolerant mode accepts
    }
    Throwable t = catchThrowable(() -> FilterParser.tolerant().parseFilter(text));
    assertThat(t).isInstanceOf(FilterException.class);
    assertThat(((FilterException) t).scimType()).isEqualTo("invalidFilter");
  }

  @Test
  void nullFilterIsInvalidFilterWithoutPosition() {
    Throwable t = catchThrowable(() -> Filter.parse(null));
    assertThat(t).isInstanceOf(FilterException.class).hasMessage("the filter is missing");
    assertThat(((FilterException) t).scimType()).isEqualTo("invalidFilter");
    assertThat(((FilterException) t).position()).isEqualTo(-1);
  }

  @Test
  void nullPathAndAttributePathAreInvalidPathWithoutPosition() {
    assertThatThrownBy(() -> PatchPath.parse(null)).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidPath");
      assertThat(e.position()).isEqualTo(-1);
      assertThat(e).hasMessage("the path is missing");
    });
    assertThatThrownBy(() -> AttributePath.parse(null)).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidPath");
      assertThat(e.position()).isEqualTo(-1);
      assertThat(e).hasMessage("the attribute path is missing");
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Limits: maxLength and maxDepth

  @Test
  void filterLongerThanMaxLengthIsRejectedAtTheLimit() {
    FilterParser p = FilterParser.builder().maxLength(10).build();
    assertThat(p.parseFilter("a eq \"123\"")).isEqualTo(Trees.eq("a", "123")); // exactly 10
    assertThatThrownBy(() -> p.parseFilter("a eq \"1234\"")).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidFilter");
      assertThat(e.position()).isEqualTo(10);
      assertThat(e).hasMessage("the filter is 11 characters long; the limit is 10 at position 10");
    });
  }

  @Test
  void pathLongerThanMaxLengthIsInvalidPath() {
    FilterParser p = FilterParser.builder().maxLength(5).build();
    assertThatThrownBy(() -> p.parsePath("members")).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidPath");
      assertThat(e.position()).isEqualTo(5);
      assertThat(e).hasMessageContaining("the path is 7 characters long; the limit is 5");
    });
    assertThatThrownBy(() -> p.parseAttributePath("userName")).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidPath");
      assertThat(e).hasMessageContaining("the attribute path is 8 characters long; the limit is 5");
    });
  }

  @Test
  void defaultMaxLengthIsTenThousandCharacters() {
    String ok = "a eq \"" + "x".repeat(10_000 - 7) + "\"";
    assertThat(ok).hasSize(10_000);
    assertThat(Filter.parse(ok)).isInstanceOf(ComparisonFilter.class);
    assertThatThrownBy(() -> Filter.parse(ok + " ")).isInstanceOfSatisfying(FilterException.class,
        e -> assertThat(e.position()).isEqualTo(10_000));
  }

  @Test
  void fortyNestedParenthesesExceedTheDefaultDepthOf32() {
    String text = "(".repeat(40) + "a pr" + ")".repeat(40);
    assertThatThrownBy(() -> Filter.parse(text)).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidFilter");
      assertThat(e.position()).isEqualTo(32);
      assertThat(e).hasMessage("nesting is deeper than the limit of 32 at position 32");
    });
  }

  @Test
  void nestingExactlyAtMaxDepthIsAccepted() {
    String text = "(".repeat(32) + "a pr" + ")".repeat(32);
    assertThat(Filter.parse(text)).isEqualTo(Trees.pr("a"));
  }

  @Test
  void customMaxDepthCountsParenthesesNotAndBrackets() {
    FilterParser p = FilterParser.builder().maxDepth(3).build();
    assertThat(p.parseFilter("not (emails[(type eq \"x\")])"))
        .isEqualTo(Trees.not(Trees.has("emails", Trees.eq("type", "x"))));
    assertThatThrownBy(() -> p.parseFilter("not (emails[((type eq \"x\"))])"))
        .isInstanceOfSatisfying(FilterException.class, e -> assertThat(e.position()).isEqualTo(13));
    assertThatThrownBy(() -> p.parseFilter("not (not (not (not (a pr))))"))
        .isInstanceOfSatisfying(FilterException.class, e -> assertThat(e.position()).isEqualTo(15));
    assertThatThrownBy(() -> FilterParser.builder().maxDepth(1).build().parsePath("emails[(type eq \"x\")]"))
        .isInstanceOfSatisfying(FilterException.class, e -> {
          assertThat(e.scimType()).isEqualTo("invalidPath");
          assertThat(e.position()).isEqualTo(7);
        });
  }

  @Test
  void hundredThousandOpeningParenthesesFailFastWithoutStackOverflow() {
    FilterParser p = FilterParser.builder().maxLength(1_000_000).build();
    Throwable t = catchThrowable(() -> p.parseFilter("(".repeat(100_000)));
    assertThat(t).isInstanceOf(FilterException.class);
    assertThat(((FilterException) t).position()).isEqualTo(32);
  }

  @Test
  void hundredThousandNotsFailFastWithoutStackOverflow() {
    FilterParser p = FilterParser.builder().maxLength(1_000_000).maxDepth(1000).build();
    Throwable t = catchThrowable(() -> p.parseFilter("not (".repeat(100_000) + "a pr" + ")".repeat(100_000)));
    assertThat(t).isInstanceOf(FilterException.class);
    assertThat(((FilterException) t).position()).isEqualTo(1000 * 5);
  }

  @Test
  void longFlatConjunctionIsNoNestingAndParses() {
    String text = String.join(" and ", Collections.nCopies(2_000, "a pr"));
    Filter f = FilterParser.builder().maxLength(20_000).build().parseFilter(text);
    assertThat(((AndFilter) f).operands()).hasSize(2_000);
  }

  @Test
  void builderRejectsNonsensicalLimits() {
    assertThatThrownBy(() -> FilterParser.builder().maxLength(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FilterParser.builder().maxDepth(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FilterParser.builder().maxDepth(1001)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Records and factories reject what RFC 7644 rules out, with FilterException where text is involved.

  @Test
  void comparisonRecordRejectsOperatorAndValueKindsThatCannotGoTogether() {
    assertThatThrownBy(() -> Filter.gt("active", true)).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidFilter");
      assertThat(e.position()).isEqualTo(-1);
      assertThat(e).hasMessage("operator 'gt' cannot compare with true");
    });
    assertThatThrownBy(() -> Filter.compare("age", ComparisonOperator.CO, 5))
        .isInstanceOf(FilterException.class).hasMessage("operator 'co' needs a string value, not 5");
  }

  @Test
  void factoryWithAnInvalidPathTextIsInvalidPath() {
    assertThatThrownBy(() -> Filter.eq("a.b.c", "x")).isInstanceOfSatisfying(FilterException.class, e -> {
      assertThat(e.scimType()).isEqualTo("invalidPath");
      assertThat(e.position()).isEqualTo(3);
    });
  }
}
