package dev.scimsync.filter;

import static dev.scimsync.filter.ComparisonOperator.CO;
import static dev.scimsync.filter.ComparisonOperator.EQ;
import static dev.scimsync.filter.ComparisonOperator.EW;
import static dev.scimsync.filter.ComparisonOperator.GE;
import static dev.scimsync.filter.ComparisonOperator.GT;
import static dev.scimsync.filter.ComparisonOperator.LE;
import static dev.scimsync.filter.ComparisonOperator.LT;
import static dev.scimsync.filter.ComparisonOperator.NE;
import static dev.scimsync.filter.ComparisonOperator.SW;
import static dev.scimsync.filter.Trees.and;
import static dev.scimsync.filter.Trees.attr;
import static dev.scimsync.filter.Trees.cmp;
import static dev.scimsync.filter.Trees.eq;
import static dev.scimsync.filter.Trees.has;
import static dev.scimsync.filter.Trees.not;
import static dev.scimsync.filter.Trees.num;
import static dev.scimsync.filter.Trees.or;
import static dev.scimsync.filter.Trees.pr;
import static dev.scimsync.filter.Trees.str;
import static dev.scimsync.filter.Trees.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 7644 §3.4.2.2 grammar (Figure 1) piece by piece, with the design decisions on top. */
class FilterSyntaxTest {

  private static final Filter A = pr("a");
  private static final Filter B = pr("b");
  private static final Filter C = pr("c");
  private static final Filter D = pr("d");

  // ---------------------------------------------------------------------------------------------
  // Precedence and grouping: "not" over "and" over "or"; groups of the same operator stay nested.

  /** (text, tree, canonical text). */
  static Stream<Arguments> precedenceAndGrouping() {
    return Stream.of(
        Arguments.of("a pr or b pr and c pr", or(A, and(B, C)), "a pr or b pr and c pr"),
        Arguments.of("a pr and b pr or c pr", or(and(A, B), C), "a pr and b pr or c pr"),
        Arguments.of("a pr and b pr or c pr and d pr", or(and(A, B), and(C, D)), "a pr and b pr or c pr and d pr"),
        Arguments.of("a pr or b pr and c pr or d pr", or(A, and(B, C), D), "a pr or b pr and c pr or d pr"),
        Arguments.of("a pr and b pr and c pr", and(A, B, C), "a pr and b pr and c pr"),
        Arguments.of("a pr or b pr or c pr or d pr", or(A, B, C, D), "a pr or b pr or c pr or d pr"),
        Arguments.of("(a pr or b pr) and c pr", and(or(A, B), C), "(a pr or b pr) and c pr"),
        Arguments.of("a pr and (b pr or c pr)", and(A, or(B, C)), "a pr and (b pr or c pr)"),
        Arguments.of("a pr and (b pr and c pr)", and(A, and(B, C)), "a pr and (b pr and c pr)"),
        Arguments.of("(a pr and b pr) and c pr", and(and(A, B), C), "(a pr and b pr) and c pr"),
        Arguments.of("a pr or (b pr or c pr)", or(A, or(B, C)), "a pr or (b pr or c pr)"),
        Arguments.of("(a pr and b pr) or c pr", or(and(A, B), C), "a pr and b pr or c pr"),
        Arguments.of("not (a pr) and b pr", and(not(A), B), "not (a pr) and b pr"),
        Arguments.of("not (a pr) or b pr and not (c pr)", or(not(A), and(B, not(C))),
            "not (a pr) or b pr and not (c pr)"),
        Arguments.of("not (a pr and b pr)", not(and(A, B)), "not (a pr and b pr)"),
        Arguments.of("not (a pr or b pr) and c pr", and(not(or(A, B)), C), "not (a pr or b pr) and c pr"),
        Arguments.of("not (not (a pr))", not(not(A)), "not (not (a pr))"),
        Arguments.of("((a pr))", A, "a pr"),
        Arguments.of("(((a pr) and ((b pr))))", and(A, B), "a pr and b pr"),
        Arguments.of("(not (a pr))", not(A), "not (a pr)"),
        Arguments.of("emails[type eq \"work\" or primary eq true] and a pr",
            and(has("emails", or(eq("type", "work"), cmp("primary", EQ, Literal.TRUE))), A),
            "emails[type eq \"work\" or primary eq true] and a pr"),
        Arguments.of("emails[not (type eq \"work\") and (value pr or display pr)]",
            has("emails", and(not(eq("type", "work")), or(pr("value"), pr("display")))),
            "emails[not (type eq \"work\") and (value pr or display pr)]"),
        Arguments.of("emails[type eq \"work\"] or emails[type eq \"home\"]",
            or(has("emails", eq("type", "work")), has("emails", eq("type", "home"))),
            "emails[type eq \"work\"] or emails[type eq \"home\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedenceAndGrouping")
  void notBindsTighterThanAndWhichBindsTighterThanOr(String text, Filter expected, String canonical) {
    assertThat(Filter.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedenceAndGrouping")
  void printerParenthesisesExactlyWhatTheTreeNeeds(String text, Filter expected, String canonical) {
    assertThat(expected.toString()).isEqualTo(canonical);
    assertThat(Filter.parse(canonical)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Case-insensitivity of operators, keywords and literal words; attribute names keep their case.

  static Stream<Arguments> caseInsensitivity() {
    return Stream.of(
        Arguments.of("a EQ \"x\"", cmp("a", EQ, "x")),
        Arguments.of("a Ne \"x\"", cmp("a", NE, "x")),
        Arguments.of("a cO \"x\"", cmp("a", CO, "x")),
        Arguments.of("a SW \"x\"", cmp("a", SW, "x")),
        Arguments.of("a Ew \"x\"", cmp("a", EW, "x")),
        Arguments.of("a GT 1", cmp("a", GT, num("1"))),
        Arguments.of("a gE 1", cmp("a", GE, num("1"))),
        Arguments.of("a Lt 1", cmp("a", LT, num("1"))),
        Arguments.of("a LE 1", cmp("a", LE, num("1"))),
        Arguments.of("a PR", A),
        Arguments.of("a pr AND b pr", and(A, B)),
        Arguments.of("a pr And b pr Or c pr", or(and(A, B), C)),
        Arguments.of("NOT (a pr)", not(A)),
        Arguments.of("Not(a pr)", not(A)),
        Arguments.of("a eq TRUE", cmp("a", EQ, Literal.TRUE)),
        Arguments.of("a eq True", cmp("a", EQ, Literal.TRUE)),
        Arguments.of("a eq fAlSe", cmp("a", EQ, Literal.FALSE)),
        Arguments.of("a eq NULL", cmp("a", EQ, Literal.NULL)),
        Arguments.of("a ne Null", cmp("a", NE, Literal.NULL)),
        Arguments.of("UserName Eq \"x\"", cmp("UserName", EQ, "x")),
        Arguments.of("NAME.FamilyName eq \"x\"", cmp("NAME.FamilyName", EQ, "x")),
        Arguments.of("URN:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"",
            cmp(urn("URN:ietf:params:scim:schemas:core:2.0:User", "userName"), EQ, str("x"))),
        Arguments.of("EMAILS[TYPE EQ \"work\"]", has("EMAILS", cmp("TYPE", EQ, "work"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caseInsensitivity")
  void keywordsOperatorsAndLiteralWordsAreCaseInsensitive(String text, Filter expected) {
    assertThat(Filter.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caseInsensitivity")
  void canonicalTextWritesKeywordsInLowerCaseAndKeepsNames(String text, Filter expected) {
    String printed = Filter.parse(text).toString();
    // every keyword, operator and literal word, in whatever case it was sent, is printed in lower case
    for (String token : printed.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ").split("[\\s()\\[\\]]+")) {
      if (KEYWORDS.contains(token.toLowerCase(Locale.ROOT))) {
        assertThat(token).as("keyword in %s", printed).isEqualTo(token.toLowerCase(Locale.ROOT));
      }
    }
    // names keep their case: the record equality of the tree compares them case-sensitively
    assertThat(Filter.parse(printed)).isEqualTo(expected);
  }

  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "co", "sw", "ew", "gt", "ge",
      "lt", "le", "pr", "true", "false", "null");

  // ---------------------------------------------------------------------------------------------
  // JSON string escapes (RFC 7159 §7), as the compValue grammar requires.

  /** (filter text, decoded value, canonical text). */
  static Stream<Arguments> stringEscapes() {
    return Stream.of(
        Arguments.of("a eq \"\\\"\"", "\"", "a eq \"\\\"\""),
        Arguments.of("a eq \"\\\\\"", "\\", "a eq \"\\\\\""),
        Arguments.of("a eq \"\\/\"", "/", "a eq \"/\""),
        Arguments.of("a eq \"\\b\"", "\b", "a eq \"\\b\""),
        Arguments.of("a eq \"\\f\"", "\f", "a eq \"\\f\""),
        Arguments.of("a eq \"\\n\"", "\n", "a eq \"\\n\""),
        Arguments.of("a eq \"\\r\"", "\r", "a eq \"\\r\""),
        Arguments.of("a eq \"\\t\"", "\t", "a eq \"\\t\""),
        Arguments.of("a eq \"\\u0041\"", "A", "a eq \"A\""),
        Arguments.of("a eq \"\\u00e9\\u00E9\"", "\u00e9\u00e9", "a eq \"\u00e9\u00e9\""),
        Arguments.of("a eq \"\\u0000\"", "\u0000", "a eq \"\\u0000\""),
        Arguments.of("a eq \"\\u001F\"", "\u001f", "a eq \"\\u001f\""),
        Arguments.of("a eq \"\\ud83d\\ude00\"", "\ud83d\ude00", "a eq \"\ud83d\ude00\""),
        Arguments.of("a eq \"O\\u0027Malley\"", "O'Malley", "a eq \"O'Malley\""),
        Arguments.of("a eq \"x\\\"y\\\\z\\/w\"", "x\"y\\z/w", "a eq \"x\\\"y\\\\z/w\""),
        Arguments.of("a eq \"\"", "", "a eq \"\""),
        Arguments.of("a eq \"and or not ( ) [ ] pr\"", "and or not ( ) [ ] pr", "a eq \"and or not ( ) [ ] pr\""),
        Arguments.of("a eq \"caf\u00e9 \u65e5\u672c \ud83d\ude00 \u007f\"", "caf\u00e9 \u65e5\u672c \ud83d\ude00 \u007f",
            "a eq \"caf\u00e9 \u65e5\u672c \ud83d\ude00 \u007f\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stringEscapes")
  void jsonStringEscapesAreDecoded(String text, String value, String canonical) {
    assertThat(Filter.parse(text)).isEqualTo(cmp("a", EQ, str(value)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stringEscapes")
  void printerEscapesOnlyWhatJsonRequires(String text, String value, String canonical) {
    assertThat(cmp("a", EQ, str(value)).toString()).isEqualTo(canonical);
    assertThat(Filter.parse(canonical)).isEqualTo(cmp("a", EQ, str(value)));
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers: the JSON number grammar, kept exactly (scale included) as BigDecimal.

  static Stream<String> validNumbers() {
    return Stream.of("0", "-0", "7", "42", "-7", "3.14", "-0.5", "0.000", "1e3", "1E3", "1e+3", "1e-3",
        "-1.5E-10", "2.50e+02", "10", "12345678901234567890123456789",
        "0.1234567890123456789012345678901234567890");
  }

  @ParameterizedTest(name = "a gt {0}")
  @MethodSource("validNumbers")
  void jsonNumbersAreReadExactly(String number) {
    Filter f = Filter.parse("a gt " + number);
    assertThat(f).isEqualTo(cmp("a", GT, num(number)));
    BigDecimal read = ((Literal.NumberLiteral) ((ComparisonFilter) f).value()).value();
    assertThat(read.scale()).isEqualTo(new BigDecimal(number).scale());
    assertThat(Filter.parse(f.toString())).isEqualTo(f);
  }

  @ParameterizedTest(name = "a eq {0}")
  @MethodSource("validNumbers")
  void jsonNumbersCloseAGroupOrValueFilter(String number) {
    assertThat(Filter.parse("(a eq " + number + ")")).isEqualTo(cmp("a", EQ, num(number)));
    assertThat(Filter.parse("x[a eq " + number + "]")).isEqualTo(has("x", cmp("a", EQ, num(number))));
  }

  static Stream<String> invalidNumbers() {
    return Stream.of("01", "-01", "00", "1.", ".5", "+1", "1e", "1e+", "1E-", "-", "--1", "1.2.3", "0x10",
        "1_000", "1,5", "Infinity", "NaN", "-Infinity", "1.e3", "1e3.5");
  }

  @ParameterizedTest(name = "a eq {0}")
  @MethodSource("invalidNumbers")
  void strictModeRejectsWhatIsNoJsonNumber(String number) {
    FilterException e = catchThrowableOfType(FilterException.class, () -> Filter.parse("a eq " + number));
    assertThat(e).isNotNull();
    assertThat(e.scimType()).isEqualTo("invalidFilter");
    assertThat(e.position()).isEqualTo(5);
    assertThat(e).hasMessageContaining("expected a value");
  }

  @ParameterizedTest(name = "a eq {0}")
  @MethodSource("invalidNumbers")
  void tolerantModeReadsWhatIsNoJsonNumberAsUnquotedText(String number) {
    assertThat(FilterParser.tolerant().parseFilter("a eq " + number)).isEqualTo(cmp("a", EQ, number));
  }

  // ---------------------------------------------------------------------------------------------
  // Attribute names: ATTRNAME, "$ref", sub-attributes, URN prefixes.

  static Stream<Arguments> attributeNames() {
    return Stream.of(
        Arguments.of("$ref eq \"https://example.com/v2/Users/1\"",
            cmp("$ref", EQ, "https://example.com/v2/Users/1")),
        Arguments.of("members.$ref pr", pr("members.$ref")),
        Arguments.of("members[$ref eq \"x\"]", has("members", cmp("$ref", EQ, "x"))),
        Arguments.of("a-b_c9 pr", pr("a-b_c9")),
        Arguments.of("x509Certificates.value pr", pr("x509Certificates.value")),
        Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref pr",
            new PresentFilter(urn(Trees.ENTERPRISE_USER, "manager", "$ref"))),
        Arguments.of("urn:a:b pr", new PresentFilter(urn("urn:a", "b"))),
        Arguments.of("urn:example:custom:2.0:User:emails[type eq \"work\"]",
            Trees.has(urn("urn:example:custom:2.0:User", "emails"), eq("type", "work"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributeNames")
  void attributePathsFollowAttrPathOfFigure1(String text, Filter expected) {
    assertThat(Filter.parse(text)).isEqualTo(expected);
    assertThat(Filter.parse(expected.toString())).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // White space: SP in the RFC; tab, CR and LF are tolerated as well, and runs of it.

  static Stream<Arguments> whiteSpace() {
    return Stream.of(
        Arguments.of("  userName   eq\t\"x\"  ", eq("userName", "x")),
        Arguments.of("a pr\tand\nb pr\r\nor c pr", or(and(A, B), C)),
        Arguments.of("(  a pr  )", A),
        Arguments.of("not   (a pr)", not(A)),
        Arguments.of("not(a pr)", not(A)),
        Arguments.of("emails[ type eq \"work\" ]", has("emails", eq("type", "work"))),
        Arguments.of("(a pr)and(b pr)", and(A, B)),
        Arguments.of("a eq \"x\"and b pr", and(eq("a", "x"), B)),
        Arguments.of("a eq 1)", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("whiteSpace")
  void whiteSpaceBetweenTokensIsInsignificant(String text, Filter expected) {
    if (expected == null) {
      // control row: white space is no substitute for balance
      assertThat(catchThrowableOfType(FilterException.class, () -> Filter.parse(text)).position()).isEqualTo(6);
      return;
    }
    assertThat(Filter.parse(text)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Attributes named like keywords, where the grammar leaves no doubt.

  static Stream<Arguments> keywordNamedAttributes() {
    return Stream.of(
        Arguments.of("and pr", pr("and")),
        Arguments.of("or eq \"x\"", eq("or", "x")),
        Arguments.of("pr pr", pr("pr")),
        Arguments.of("eq eq \"x\"", eq("eq", "x")),
        Arguments.of("true eq true", cmp("true", EQ, Literal.TRUE)),
        Arguments.of("null eq null", cmp("null", EQ, Literal.NULL)),
        Arguments.of("not pr", pr("not")),
        Arguments.of("not eq \"x\"", eq("not", "x")),
        Arguments.of("not gt 1", cmp("not", GT, num("1"))),
        Arguments.of("NOT eq \"x\"", eq("NOT", "x")),
        Arguments.of("Not pr", pr("Not")),
        Arguments.of("not[type eq \"x\"]", has("not", eq("type", "x"))),
        Arguments.of("not (not pr)", not(pr("not"))),
        Arguments.of("a pr and and pr", and(A, pr("and"))),
        Arguments.of("a pr or or pr", or(A, pr("or"))),
        Arguments.of("and pr and or pr or not pr", or(and(pr("and"), pr("or")), pr("not"))),
        Arguments.of("name.and eq \"x\"", eq("name.and", "x")),
        Arguments.of("not.value eq \"x\"", eq("not.value", "x")),
        Arguments.of("emails[not pr]", has("emails", pr("not"))),
        Arguments.of("emails[type eq \"work\"].not pr", has("emails", and(eq("type", "work"), pr("not")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keywordNamedAttributes")
  void attributeNamedLikeAKeywordIsAnAttributeWhereUnambiguous(String text, Filter expected) {
    assertThat(Filter.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keywordNamedAttributes")
  void attributeNamedLikeAKeywordSurvivesPrintAndParse(String text, Filter expected) {
    assertThat(Filter.parse(expected.toString())).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Factories build the same trees as the parser.

  static Stream<Arguments> factories() {
    return Stream.of(
        Arguments.of(Filter.eq("userName", "bjensen"), "userName eq \"bjensen\""),
        Arguments.of(Filter.ne("active", false), "active ne false"),
        Arguments.of(Filter.co("name.familyName", "O'Malley"), "name.familyName co \"O'Malley\""),
        Arguments.of(Filter.sw("userName", "J"), "userName sw \"J\""),
        Arguments.of(Filter.ew("userName", "son"), "userName ew \"son\""),
        Arguments.of(Filter.gt("meta.lastModified", "2011-05-13T04:42:34Z"),
            "meta.lastModified gt \"2011-05-13T04:42:34Z\""),
        Arguments.of(Filter.ge("age", 18), "age ge 18"),
        Arguments.of(Filter.lt("score", new BigDecimal("1.50")), "score lt 1.50"),
        Arguments.of(Filter.le("ratio", 0.25d), "ratio le 0.25"),
        Arguments.of(Filter.eq("manager", null), "manager eq null"),
        Arguments.of(Filter.pr("title"), "title pr"),
        Arguments.of(Filter.has("emails", Filter.eq("type", "work")), "emails[type eq \"work\"]"),
        Arguments.of(Filter.pr("a").and(Filter.pr("b")).or(Filter.pr("c").negate()),
            "a pr and b pr or not (c pr)"),
        Arguments.of(Filter.pr("a").and(Filter.pr("b").and(Filter.pr("c"))), "a pr and (b pr and c pr)"),
        Arguments.of(Filter.eq("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "1"),
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"1\""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("factories")
  void factoryBuildsTheTreeTheParserReads(Filter built, String text) {
    assertThat(built.toString()).isEqualTo(text);
    assertThat(Filter.parse(text)).isEqualTo(built);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributePathTexts")
  void urnQualifiedPathSplitsAtTheLastColon(String text, AttributePath expected) {
    assertThat(AttributePath.parse(text)).isEqualTo(expected);
    assertThat(expected.toString()).isEqualTo(text);
  }

  static Stream<Arguments> attributePathTexts() {
    return Stream.of(
        Arguments.of("userName", attr("userName")),
        Arguments.of("name.givenName", attr("name", "givenName")),
        Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            urn(Trees.ENTERPRISE_USER, "manager", "value")),
        Arguments.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            urn(Trees.ENTERPRISE_USER, "employeeNumber")),
        Arguments.of("urn:ietf:params:scim:schemas:core:2.0:Group:members",
            urn("urn:ietf:params:scim:schemas:core:2.0:Group", "members")),
        Arguments.of("members.$ref", attr("members", "$ref")));
  }
}
