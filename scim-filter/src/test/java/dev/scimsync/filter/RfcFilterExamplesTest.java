package dev.scimsync.filter;

import static dev.scimsync.filter.ComparisonOperator.CO;
import static dev.scimsync.filter.ComparisonOperator.EQ;
import static dev.scimsync.filter.ComparisonOperator.GE;
import static dev.scimsync.filter.ComparisonOperator.GT;
import static dev.scimsync.filter.ComparisonOperator.LE;
import static dev.scimsync.filter.ComparisonOperator.LT;
import static dev.scimsync.filter.ComparisonOperator.NE;
import static dev.scimsync.filter.ComparisonOperator.SW;
import static dev.scimsync.filter.Trees.CORE_USER;
import static dev.scimsync.filter.Trees.and;
import static dev.scimsync.filter.Trees.cmp;
import static dev.scimsync.filter.Trees.eq;
import static dev.scimsync.filter.Trees.has;
import static dev.scimsync.filter.Trees.not;
import static dev.scimsync.filter.Trees.or;
import static dev.scimsync.filter.Trees.pr;
import static dev.scimsync.filter.Trees.str;
import static dev.scimsync.filter.Trees.urn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of RFC 7644 §3.4.2.2 (Figure 3, "Example Filters"), verbatim, with the tree it must
 * give and the canonical text it prints as.
 */
class RfcFilterExamplesTest {

  private static final String LAST_MODIFIED = "2011-05-13T04:42:34Z";

  /** (filter text as in the RFC, expected tree, canonical text). */
  static Stream<Arguments> figure3() {
    return Stream.of(
        Arguments.of("userName eq \"bjensen\"",
            eq("userName", "bjensen"),
            "userName eq \"bjensen\""),
        Arguments.of("name.familyName co \"O'Malley\"",
            cmp("name.familyName", CO, "O'Malley"),
            "name.familyName co \"O'Malley\""),
        Arguments.of("userName sw \"J\"",
            cmp("userName", SW, "J"),
            "userName sw \"J\""),
        Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            cmp(urn(CORE_USER, "userName"), SW, str("J")),
            "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\""),
        Arguments.of("title pr",
            pr("title"),
            "title pr"),
        Arguments.of("meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", GT, LAST_MODIFIED),
            "meta.lastModified gt \"2011-05-13T04:42:34Z\""),
        Arguments.of("meta.lastModified ge \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", GE, LAST_MODIFIED),
            "meta.lastModified ge \"2011-05-13T04:42:34Z\""),
        Arguments.of("meta.lastModified lt \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", LT, LAST_MODIFIED),
            "meta.lastModified lt \"2011-05-13T04:42:34Z\""),
        Arguments.of("meta.lastModified le \"2011-05-13T04:42:34Z\"",
            cmp("meta.lastModified", LE, LAST_MODIFIED),
            "meta.lastModified le \"2011-05-13T04:42:34Z\""),
        Arguments.of("title pr and userType eq \"Employee\"",
            and(pr("title"), eq("userType", "Employee")),
            "title pr and userType eq \"Employee\""),
        Arguments.of("title pr or userType eq \"Intern\"",
            or(pr("title"), eq("userType", "Intern")),
            "title pr or userType eq \"Intern\""),
        Arguments.of("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
            eq("schemas", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
            "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\""),
        Arguments.of("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            and(eq("userType", "Employee"),
                or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org"))),
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")"),
        Arguments.of("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            and(cmp("userType", NE, "Employee"),
                not(or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org")))),
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")"),
        // Parentheses around a single comparison carry no structure and are not printed back.
        Arguments.of("userType eq \"Employee\" and (emails.type eq \"work\")",
            and(eq("userType", "Employee"), eq("emails.type", "work")),
            "userType eq \"Employee\" and emails.type eq \"work\""),
        Arguments.of("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            and(eq("userType", "Employee"),
                has("emails", and(eq("type", "work"), cmp("value", CO, "@example.com")))),
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]"),
        Arguments.of("emails[type eq \"work\" and value co \"@example.com\"] or "
                + "ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            or(has("emails", and(eq("type", "work"), cmp("value", CO, "@example.com"))),
                has("ims", and(eq("type", "xmpp"), cmp("value", CO, "@foo.com")))),
            "emails[type eq \"work\" and value co \"@example.com\"] or "
                + "ims[type eq \"xmpp\" and value co \"@foo.com\"]"));
  }

  /** The five examples the RFC wraps over two lines, exactly as laid out there. */
  static Stream<Arguments> figure3AsWrappedInTheRfc() {
    return Stream.of(
        Arguments.of("\n schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
            eq("schemas", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")),
        Arguments.of("userType eq \"Employee\" and (emails co \"example.com\" or\n  emails.value co \"example.org\")",
            and(eq("userType", "Employee"),
                or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org")))),
        Arguments.of("userType ne \"Employee\" and not (emails co \"example.com\" or\n  emails.value co \"example.org\")",
            and(cmp("userType", NE, "Employee"),
                not(or(cmp("emails", CO, "example.com"), cmp("emails.value", CO, "example.org"))))),
        Arguments.of("userType eq \"Employee\" and emails[type eq \"work\" and\n  value co \"@example.com\"]",
            and(eq("userType", "Employee"),
                has("emails", and(eq("type", "work"), cmp("value", CO, "@example.com"))))),
        Arguments.of("emails[type eq \"work\" and value co \"@example.com\"] or\n  ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            or(has("emails", and(eq("type", "work"), cmp("value", CO, "@example.com"))),
                has("ims", and(eq("type", "xmpp"), cmp("value", CO, "@foo.com"))))));
  }

  @ParameterizedTest(name = "filter={0}")
  @MethodSource("figure3")
  void rfc7644Section3_4_2_2_exampleParsesToItsTree(String text, Filter expected, String canonical) {
    assertThat(Filter.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "filter={0}")
  @MethodSource("figure3")
  void rfc7644Section3_4_2_2_exampleParsesTheSameInTolerantMode(String text, Filter expected, String canonical) {
    assertThat(FilterParser.tolerant().parseFilter(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "filter={0}")
  @MethodSource("figure3")
  void rfc7644Section3_4_2_2_examplePrintsAsCanonicalText(String text, Filter expected, String canonical) {
    assertThat(Filter.parse(text).toString()).isEqualTo(canonical);
    assertThat(expected.toString()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "filter={0}")
  @MethodSource("figure3")
  void rfc7644Section3_4_2_2_exampleRoundTripsThroughPrintAndParse(String text, Filter expected, String canonical) {
    Filter parsed = Filter.parse(text);
    assertThat(Filter.parse(parsed.toString())).isEqualTo(expected);
    assertThat(Filter.parse(parsed.toString()).toString()).isEqualTo(parsed.toString());
  }

  @ParameterizedTest(name = "filter={0}")
  @MethodSource("figure3AsWrappedInTheRfc")
  void rfc7644Section3_4_2_2_lineBreaksOfTheRfcLayoutAreWhiteSpace(String text, Filter expected) {
    assertThat(Filter.parse(text)).isEqualTo(expected);
  }

  /** §3.4.2.2: "the following two expressions will evaluate to the same logical value". */
  @ParameterizedTest(name = "filter={0}")
  @MethodSource("caseInsensitivityExamples")
  void rfc7644Section3_4_2_2_operatorsAreCaseInsensitiveAndNamesKeepTheirCase(String text, Filter expected) {
    assertThat(Filter.parse(text)).isEqualTo(expected);
  }

  static Stream<Arguments> caseInsensitivityExamples() {
    return Stream.of(
        Arguments.of("userName Eq \"john\"", cmp("userName", EQ, "john")),
        Arguments.of("Username eq \"john\"", cmp("Username", EQ, "john")));
  }
}
