package dev.scimsync.filter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.schema.AttributeType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SQL the translator writes, its parameters, and what it does with hostile or unmapped input. */
class SqlTranslatorTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static final SqlMapping USERS = SqlMapping.builder()
      .column("id", new SqlColumn("u.id", AttributeType.STRING, true))
      .column("userName", SqlColumn.string("u.user_name"))
      .column("displayName", SqlColumn.string("u.display_name"))
      .column("active", new SqlColumn("u.active", AttributeType.BOOLEAN, false))
      .column("empNo", new SqlColumn("u.emp_no", AttributeType.INTEGER, false))
      .column("meta.lastModified", new SqlColumn("u.last_modified", AttributeType.DATE_TIME, false))
      .column("name.givenName", SqlColumn.string("u.given_name"))
      .column("name.familyName", SqlColumn.string("u.family_name"))
      .column(ENTERPRISE + ":department", SqlColumn.string("u.department"))
      .childTable("emails", "user_emails", "user_id", "u.id", e -> e
          .column("value", SqlColumn.string("value"))
          .column("type", SqlColumn.string("type"))
          .column("primary", new SqlColumn("primary_email", AttributeType.BOOLEAN, false)))
      .build();

  static final SqlTranslator STRICT = SqlTranslator.builder().mapping(USERS).build();
  static final SqlTranslator SUPERSET = SqlTranslator.builder().mapping(USERS)
      .unmapped(SqlTranslator.Unmapped.SUPERSET).build();
  static final SqlTranslator TOLERANT = SqlTranslator.builder().mapping(USERS).tolerant(true).build();

  static SqlWhere sql(String filter) {
    return STRICT.translate(Filter.parse(filter));
  }

  static void assertInvalidFilter(SqlTranslator t, String filter) {
    assertThatThrownBy(() -> t.translate(Filter.parse(filter)))
        .isInstanceOf(FilterException.class)
        .extracting(e -> ((FilterException) e).scimType())
        .isEqualTo(FilterException.INVALID_FILTER);
  }

  static final String EMAILS = "EXISTS (SELECT 1 FROM user_emails scim_v1 WHERE scim_v1.user_id = u.id";

  static Stream<Arguments> expectedSql() {
    return Stream.of(
        arguments("userName eq \"BJensen\"",
            "u.user_name IS NOT NULL AND LOWER(u.user_name) = ?", List.of("bjensen")),
        arguments("id eq \"AbC\"", "u.id IS NOT NULL AND u.id = ?", List.of("AbC")),
        arguments("userName ne \"x\"",
            "NOT (u.user_name IS NOT NULL AND LOWER(u.user_name) = ?)", List.of("x")),
        arguments("userName co \"Jen\"",
            "u.user_name IS NOT NULL AND LOWER(u.user_name) LIKE ? ESCAPE '!'", List.of("%jen%")),
        arguments("userName sw \"J\"",
            "u.user_name IS NOT NULL AND LOWER(u.user_name) LIKE ? ESCAPE '!'", List.of("j%")),
        arguments("userName ew \"son\"",
            "u.user_name IS NOT NULL AND LOWER(u.user_name) LIKE ? ESCAPE '!'", List.of("%son")),
        arguments("id sw \"Ab\"", "u.id IS NOT NULL AND u.id LIKE ? ESCAPE '!'", List.of("Ab%")),
        arguments("userName gt \"M\"", "u.user_name IS NOT NULL AND LOWER(u.user_name) > ?", List.of("m")),
        arguments("userName le \"M\"", "u.user_name IS NOT NULL AND LOWER(u.user_name) <= ?", List.of("m")),
        arguments("userName eq null", "u.user_name IS NULL", List.of()),
        arguments("userName ne null", "u.user_name IS NOT NULL", List.of()),
        arguments("userName pr", "u.user_name IS NOT NULL AND u.user_name <> ''", List.of()),
        arguments("active pr", "u.active IS NOT NULL", List.of()),
        arguments("active eq true", "u.active IS NOT NULL AND u.active = ?", List.of(true)),
        arguments("active ne false", "NOT (u.active IS NOT NULL AND u.active = ?)", List.of(false)),
        arguments("empNo ge 10", "u.emp_no IS NOT NULL AND u.emp_no >= ?", List.of(new BigDecimal("10"))),
        arguments("empNo lt 1.5", "u.emp_no IS NOT NULL AND u.emp_no < ?", List.of(new BigDecimal("1.5"))),
        arguments("meta.lastModified gt \"2011-05-13T06:42:34+02:00\"",
            "u.last_modified IS NOT NULL AND u.last_modified > ?",
            List.of(OffsetDateTime.of(2011, 5, 13, 4, 42, 34, 0, ZoneOffset.UTC))),
        arguments("meta.lastModified eq \"2011-05-13T04:42:34.5\"",
            "u.last_modified IS NOT NULL AND u.last_modified = ?",
            List.of(OffsetDateTime.of(2011, 5, 13, 4, 42, 34, 500_000_000, ZoneOffset.UTC))),
        // RFC 7643 §2.1: names in any case; a core URN qualifies the unqualified mapping
        arguments("USERNAME eq \"x\"", "u.user_name IS NOT NULL AND LOWER(u.user_name) = ?", List.of("x")),
        arguments("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"",
            "u.user_name IS NOT NULL AND LOWER(u.user_name) = ?", List.of("x")),
        arguments(ENTERPRISE + ":department eq \"Tour Operations\"",
            "u.department IS NOT NULL AND LOWER(u.department) = ?", List.of("tour operations")),
        arguments("name.givenName eq \"Barbara\"",
            "u.given_name IS NOT NULL AND LOWER(u.given_name) = ?", List.of("barbara")),
        arguments("name[givenName eq \"Barbara\" and familyName eq \"Jensen\"]",
            "(u.family_name IS NOT NULL OR u.given_name IS NOT NULL) AND "
                + "((u.given_name IS NOT NULL AND LOWER(u.given_name) = ?) AND (u.family_name IS NOT NULL AND LOWER(u.family_name) = ?))",
            List.of("barbara", "jensen")),
        // a value filter on an absent complex attribute matches nothing, negated or not
        arguments("name[not (givenName eq \"Barbara\")]",
            "(u.family_name IS NOT NULL OR u.given_name IS NOT NULL) AND "
                + "(NOT (u.given_name IS NOT NULL AND LOWER(u.given_name) = ?))",
            List.of("barbara")),
        arguments("name[givenName eq null]",
            "(u.family_name IS NOT NULL OR u.given_name IS NOT NULL) AND (u.given_name IS NULL)", List.of()),
        arguments("userName eq \"a\" or not (active eq true)",
            "(u.user_name IS NOT NULL AND LOWER(u.user_name) = ?) OR (NOT (u.active IS NOT NULL AND u.active = ?))",
            List.of("a", true)),
        arguments("userName eq \"a\" and displayName eq \"b\" and empNo eq 3",
            "(u.user_name IS NOT NULL AND LOWER(u.user_name) = ?) AND (u.display_name IS NOT NULL AND LOWER(u.display_name) = ?)"
                + " AND (u.emp_no IS NOT NULL AND u.emp_no = ?)",
            List.of("a", "b", new BigDecimal("3"))),
        // multi-valued attributes in a child table: EXISTS
        arguments("emails co \"@example.com\"",
            EMAILS + " AND (scim_v1.value IS NOT NULL AND LOWER(scim_v1.value) LIKE ? ESCAPE '!'))",
            List.of("%@example.com%")),
        arguments("emails.type eq \"work\"",
            EMAILS + " AND (scim_v1.type IS NOT NULL AND LOWER(scim_v1.type) = ?))", List.of("work")),
        arguments("emails.type ne \"work\"",
            "NOT " + EMAILS + " AND (scim_v1.type IS NOT NULL AND LOWER(scim_v1.type) = ?))", List.of("work")),
        arguments("emails pr", EMAILS + ")", List.of()),
        arguments("emails.value pr", EMAILS + " AND (scim_v1.value IS NOT NULL AND scim_v1.value <> ''))", List.of()),
        arguments("emails eq null", "NOT " + EMAILS + " AND (scim_v1.value IS NOT NULL))", List.of()),
        arguments("emails[type eq \"work\" and value co \"@example.com\"]",
            EMAILS + " AND ((scim_v1.type IS NOT NULL AND LOWER(scim_v1.type) = ?)"
                + " AND (scim_v1.value IS NOT NULL AND LOWER(scim_v1.value) LIKE ? ESCAPE '!')))",
            List.of("work", "%@example.com%")),
        arguments("emails[primary eq true]",
            EMAILS + " AND (scim_v1.primary_email IS NOT NULL AND scim_v1.primary_email = ?))", List.of(true)),
        // Entra ID: emails[type eq "work"].value eq "x"
        arguments("emails[type eq \"work\"].value eq \"X@Contoso.com\"",
            EMAILS + " AND ((scim_v1.type IS NOT NULL AND LOWER(scim_v1.type) = ?)"
                + " AND (scim_v1.value IS NOT NULL AND LOWER(scim_v1.value) = ?)))",
            List.of("work", "x@contoso.com")),
        arguments("emails.type eq \"a\" and emails.type eq \"b\"",
            "(" + EMAILS + " AND (scim_v1.type IS NOT NULL AND LOWER(scim_v1.type) = ?))) AND "
                + "(EXISTS (SELECT 1 FROM user_emails scim_v2 WHERE scim_v2.user_id = u.id"
                + " AND (scim_v2.type IS NOT NULL AND LOWER(scim_v2.type) = ?)))",
            List.of("a", "b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void expectedSql(String filter, String expectedSql, List<Object> expectedParameters) {
    SqlWhere w = sql(filter);
    assertThat(w.sql()).isEqualTo(expectedSql);
    assertThat(w.parameters()).containsExactlyElementsOf(expectedParameters);
    assertThat(w.exact()).isTrue();
  }

  @Test
  void sqlMentionsNoAttributeNameOnlyMappedExpressions() {
    SqlWhere w = sql("userName eq \"a\" and emails[type eq \"work\"]");
    assertThat(w.sql()).doesNotContain("userName", "emails[", "\"", "work");
  }

  // ---------------------------------------------------------------------------------------------
  // Hostile values only ever reach the database as parameters
  // ---------------------------------------------------------------------------------------------

  static Stream<String> hostileValues() {
    return Stream.of(
        "'; DROP TABLE users; --",
        "' OR '1'='1",
        "\" OR 1=1 --",
        "%", "_", "!", "%_!", "!%", "a%b_c!d",
        "\\", "\\'", "\\\\%",
        "''", "\"",
        "x') OR EXISTS (SELECT 1 FROM users) --",
        "/* comment */", "?", "$1", ":name",
        "\u00e9t\u00e9 \u4e2d\u6587 \ud83d\ude00",
        "\u0000nul", "line\nbreak", "tab\there",
        "scim_v1.user_id = u.id");
  }

  static Stream<Arguments> hostileValuesAreOnlyParameters() {
    return hostileValues().flatMap(v -> Stream.of("eq", "ne", "co", "sw", "ew", "gt", "le")
        .flatMap(op -> Stream.of(
            arguments("userName", op, v),
            arguments("id", op, v),
            arguments("emails.value", op, v),
            arguments("emails[type", op, v))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource
  void hostileValuesAreOnlyParameters(String attribute, String op, String value) {
    Filter hostile = filter(attribute, op, value);
    Filter benign = filter(attribute, op, "benign");
    SqlWhere w = STRICT.translate(hostile);
    // the SQL text does not depend on the value at all
    assertThat(w.sql()).isEqualTo(STRICT.translate(benign).sql());
    assertThat(w.sql()).doesNotContain("DROP", "--", ";", "/*", "benign");
    assertThat(w.parameters()).hasSize(1);
    String p = (String) w.parameters().get(0);
    String unescaped = switch (op) {
      case "co" -> unescapeLike(p.substring(1, p.length() - 1));
      case "sw" -> unescapeLike(p.substring(0, p.length() - 1));
      case "ew" -> unescapeLike(p.substring(1));
      default -> p;
    };
    boolean caseExact = attribute.equals("id");
    assertThat(unescaped).isEqualTo(caseExact ? value : value.toLowerCase(java.util.Locale.ROOT));
  }

  static String unescapeLike(String pattern) {
    assertThat(pattern.replaceAll("!.", "")).doesNotContain("%", "_", "!");
    return pattern.replaceAll("!(.)", "$1");
  }

  static Filter filter(String attribute, String op, String value) {
    Filter f = Filter.compare(attribute.replace("emails[type", "value"),
        dev.scimsync.filter.ComparisonOperator.fromToken(op), value);
    return attribute.equals("emails[type") ? Filter.has("emails", f) : f;
  }

  @Test
  void hostileValuesThroughTheParserStayInsideTheString() {
    SqlWhere w = sql("userName eq \"x\\\" or 1=1 --\" and displayName sw \"'; DROP TABLE users; --\"");
    assertThat(w.sql()).isEqualTo("(u.user_name IS NOT NULL AND LOWER(u.user_name) = ?) AND "
        + "(u.display_name IS NOT NULL AND LOWER(u.display_name) LIKE ? ESCAPE '!')");
    assertThat(w.parameters()).containsExactly("x\" or 1=1 --", "'; drop table users; --%");
  }

  static Stream<Arguments> likeWildcardsAreEscaped() {
    return Stream.of(
        arguments("co", "%", "%!%%"),
        arguments("co", "_", "%!_%"),
        arguments("co", "!", "%!!%"),
        arguments("sw", "50%_off!", "50!%!_off!!%"),
        arguments("ew", "\\", "%\\"),
        arguments("ew", "a\\%", "%a\\!%"),
        arguments("co", "", "%%"));
  }

  @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
  @MethodSource
  void likeWildcardsAreEscaped(String op, String value, String pattern) {
    SqlWhere w = STRICT.translate(Filter.compare("userName", dev.scimsync.filter.ComparisonOperator.fromToken(op), value));
    assertThat(w.parameters()).containsExactly(pattern);
  }

  // ---------------------------------------------------------------------------------------------
  // Unmapped attributes: REJECT (invalidFilter) or SUPERSET (exact = false)
  // ---------------------------------------------------------------------------------------------

  static Stream<String> unmappedFilters() {
    return Stream.of(
        "nickName eq \"x\"",
        "nickName pr",
        "name.middleName eq \"x\"",
        "emails.display eq \"x\"",
        "emails.display pr",
        "emails[display eq \"x\"]",
        "name[middleName eq \"x\"]",
        "phoneNumbers eq \"x\"",
        "urn:ietf:params:scim:schemas:extension:other:2.0:User:department eq \"x\"",
        "department eq \"x\"",
        "userName eq \"a\" and nickName eq \"x\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unmappedFilters")
  void unmappedAttributesAreRejected(String filter) {
    assertInvalidFilter(STRICT, filter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unmappedFilters")
  void unmappedAttributesWidenToASuperset(String filter) {
    SqlWhere w = SUPERSET.translate(Filter.parse(filter));
    assertThat(w.exact()).isFalse();
  }

  static Stream<Arguments> supersetSql() {
    return Stream.of(
        arguments("nickName eq \"x\"", "1=1", List.of()),
        arguments("userName eq \"a\" and nickName eq \"x\"",
            "(u.user_name IS NOT NULL AND LOWER(u.user_name) = ?)", List.of("a")),
        arguments("userName eq \"a\" or nickName eq \"x\"", "1=1", List.of()),
        arguments("not (nickName eq \"x\")", "1=1", List.of()),
        arguments("not (userName eq \"a\" and nickName eq \"x\")", "1=1", List.of()),
        arguments("not (not (nickName eq \"x\"))", "1=1", List.of()),
        arguments("emails[type eq \"work\" and display eq \"x\"]",
            EMAILS + " AND ((scim_v1.type IS NOT NULL AND LOWER(scim_v1.type) = ?)))", List.of("work")),
        arguments("emails[display eq \"x\"]", EMAILS + ")", List.of()),
        arguments("not (emails[type eq \"work\" and display eq \"x\"])", "1=1", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void supersetSql(String filter, String expectedSql, List<Object> params) {
    SqlWhere w = SUPERSET.translate(Filter.parse(filter));
    assertThat(w.sql()).isEqualTo(expectedSql);
    assertThat(w.parameters()).containsExactlyElementsOf(params);
    assertThat(w.exact()).isFalse();
  }

  @Test
  void notOverMappedPartsStaysExactInSupersetMode() {
    SqlWhere w = SUPERSET.translate(Filter.parse("not (userName eq \"a\")"));
    assertThat(w.exact()).isTrue();
    assertThat(w.sql()).isEqualTo("NOT (u.user_name IS NOT NULL AND LOWER(u.user_name) = ?)");
  }

  // ---------------------------------------------------------------------------------------------
  // Type rules shared with the evaluator (TypedComparison)
  // ---------------------------------------------------------------------------------------------

  static Stream<String> typeMismatches() {
    return Stream.of(
        "active eq \"False\"",
        "active gt \"x\"",
        "active co \"t\"",
        "empNo eq \"5\"",
        "empNo sw \"5\"",
        "userName eq 5",
        "userName eq true",
        "meta.lastModified eq \"yesterday\"",
        "meta.lastModified co \"2011\"",
        "emails[primary eq \"True\"]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void typeMismatches(String filter) {
    assertInvalidFilter(STRICT, filter);
  }

  @Test
  void tolerantModeCoercesEntraBooleans() {
    SqlWhere active = TOLERANT.translate(Filter.parse("active eq \"False\""));
    assertThat(active.sql()).isEqualTo("u.active IS NOT NULL AND u.active = ?");
    assertThat(active.parameters()).containsExactly(false);
    SqlWhere primary = TOLERANT.translate(Filter.parse("emails[primary eq \"True\"]"));
    assertThat(primary.parameters()).containsExactly(true);
    SqlWhere number = TOLERANT.translate(Filter.parse("empNo eq \"5\""));
    assertThat(number.parameters()).containsExactly(new BigDecimal("5"));
    assertInvalidFilter(TOLERANT, "active eq \"yes\"");
  }

  @Test
  void aChildTableKeyedBySeveralColumnsJoinsOnEveryOne() {
    SqlMapping m = SqlMapping.builder()
        .childTable("groups", "(SELECT tenant, member_id, group_id FROM memberships)", "member_id", "u.id",
            java.util.Map.of("tenant", "u.tenant"), g -> g.column("value", new SqlColumn("group_id",
                AttributeType.STRING, true)))
        .build();
    SqlWhere w = SqlTranslator.builder().mapping(m).build().translate(Filter.parse("groups.value eq \"g1\""));
    assertThat(w.sql()).isEqualTo("EXISTS (SELECT 1 FROM (SELECT tenant, member_id, group_id FROM memberships) scim_v1"
        + " WHERE scim_v1.member_id = u.id AND scim_v1.tenant = u.tenant"
        + " AND (scim_v1.group_id IS NOT NULL AND scim_v1.group_id = ?))");
    assertThat(w.parameters()).containsExactly("g1");
    assertThat(w.exact()).isTrue();
  }
}
