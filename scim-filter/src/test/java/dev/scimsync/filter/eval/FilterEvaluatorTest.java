package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterParser;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.schema.FilterSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluator's semantics, rule by rule, each with a matching and a non-matching case.
 *
 * <p>The fixture {@code rfc7643/8.2-full-user.json} is the "Full User Representation" of RFC 7643
 * §8.2 (Babs Jensen), as printed in the RFC; only the line breaks inside the base64 certificate
 * value, which the RFC adds for layout, are removed so that the text is valid JSON. It is the one
 * copy of scim-core's {@code src/test/resources/rfc7643/8.2-full-user.json}: scim-filter, which
 * scim-core depends on, cannot read scim-core's test resources. RFC code
 * components are available under the Simplified BSD License (IETF Trust Legal Provisions §4).
 */
class FilterEvaluatorTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final JsonNode BABS = load("/rfc7643/8.2-full-user.json");

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  /** The RFC 7643 §8.3 style enterprise extension added to a small user. */
  static final JsonNode ENTERPRISE_USER = json("""
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "userName": "bjensen",
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
         "employeeNumber": "701984",
         "costCenter": "4130",
         "department": "Tour Operations",
         "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}
       }}""");

  static JsonNode load(String resource) {
    try (InputStream in = FilterEvaluatorTest.class.getResourceAsStream(resource)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  static boolean strict(String filter, JsonNode resource) {
    return FilterEvaluator.strict().matches(Filter.parse(filter), resource);
  }

  static boolean with(FilterSchema schema, boolean tolerant, String filter, JsonNode resource) {
    FilterEvaluator ev = FilterEvaluator.builder().schema(schema).tolerant(tolerant).build();
    Filter f = tolerant ? FilterParser.tolerant().parseFilter(filter) : Filter.parse(filter);
    return ev.matches(f, resource);
  }

  static void assertInvalidFilter(FilterEvaluator ev, String filter) {
    assertThatThrownBy(() -> ev.compile(Filter.parse(filter)))
        .isInstanceOf(FilterException.class)
        .extracting(e -> ((FilterException) e).scimType())
        .isEqualTo(FilterException.INVALID_FILTER);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.4.2.2: the example filters of the section, against the RFC 7643 §8.2 user
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> rfc7644Section3422Examples() {
    return Stream.of(
        arguments("userName eq \"bjensen\"", false),
        arguments("name.familyName co \"O'Malley\"", false),
        arguments("userName sw \"J\"", false),
        arguments("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", false),
        arguments("title pr", true),
        arguments("meta.lastModified gt \"2011-05-13T04:42:34Z\"", false),
        arguments("meta.lastModified ge \"2011-05-13T04:42:34Z\"", true),
        arguments("meta.lastModified lt \"2011-05-13T04:42:34Z\"", false),
        arguments("meta.lastModified le \"2011-05-13T04:42:34Z\"", true),
        arguments("title pr and userType eq \"Employee\"", true),
        arguments("title pr or userType eq \"Intern\"", true),
        arguments("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", false),
        arguments("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")", true),
        arguments("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")", false),
        arguments("userType eq \"Employee\" and (emails.type eq \"work\")", true),
        arguments("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]", true),
        arguments("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void rfc7644Section3422Examples(String filter, boolean expected) {
    assertThat(strict(filter, BABS)).isEqualTo(expected);
  }

  /** Variants of the section's examples that flip the outcome against the same user. */
  static Stream<Arguments> rfc7644Section3422Variants() {
    return Stream.of(
        arguments("userName eq \"bjensen@example.com\"", true),
        arguments("name.familyName co \"ens\"", true),
        arguments("userName sw \"B\"", true),
        arguments("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"bj\"", true),
        arguments("nickName pr and title pr", true),
        arguments("honorificPrefix pr", false),
        arguments("meta.lastModified gt \"2011-05-13T04:42:33Z\"", true),
        arguments("meta.lastModified lt \"2011-05-13T04:42:35Z\"", true),
        arguments("title pr and userType eq \"Intern\"", false),
        arguments("title eq \"Intern\" or userType eq \"Intern\"", false),
        arguments("schemas eq \"urn:ietf:params:scim:schemas:core:2.0:User\"", true),
        arguments("userType eq \"Employee\" and (emails co \"example.net\" or emails.value co \"example.org\")", false),
        arguments("userType eq \"Employee\" and emails[type eq \"home\" and value co \"@example.com\"]", false),
        arguments("emails[type eq \"home\" and value co \"@jensen.org\"]", true),
        arguments("ims[type eq \"aim\" and value eq \"someaimhandle\"]", true),
        arguments("addresses[type eq \"work\" and postalCode eq \"91608\"]", true),
        arguments("addresses[type eq \"home\" and primary eq true]", false),
        arguments("groups[display eq \"Employees\"]", true),
        arguments("x509Certificates pr", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void rfc7644Section3422Variants(String filter, boolean expected) {
    assertThat(strict(filter, BABS)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7643 §2.1: attribute names are case-insensitive
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> attributeNamesAreCaseInsensitive() {
    return Stream.of(
        arguments("USERNAME eq \"bjensen@example.com\"", BABS, true),
        arguments("Name.FamilyName eq \"Jensen\"", BABS, true),
        arguments("EMAILS[TYPE eq \"work\" and VALUE sw \"bjensen\"]", BABS, true),
        arguments("META.LASTMODIFIED eq \"2011-05-13T04:42:34Z\"", BABS, true),
        arguments("USERNAME eq \"bjensen\"", BABS, false),
        // the resource's own spelling does not matter either
        arguments("userName eq \"x\"", json("{\"USERNAME\": \"x\"}"), true),
        arguments("name.givenName eq \"x\"", json("{\"Name\": {\"GIVENNAME\": \"x\"}}"), true),
        arguments("name.givenName eq \"y\"", json("{\"Name\": {\"GIVENNAME\": \"x\"}}"), false));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource
  void attributeNamesAreCaseInsensitive(String filter, JsonNode resource, boolean expected) {
    assertThat(strict(filter, resource)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.4.2.2 / RFC 7643 §2.3.1: caseExact decides string comparison
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> stringsCompareCaseInsensitivelyByDefault() {
    return Stream.of(
        arguments("userName eq \"BJENSEN@EXAMPLE.COM\"", true),
        arguments("userName co \"JENSEN@\"", true),
        arguments("userName sw \"BJ\"", true),
        arguments("userName ew \"EXAMPLE.COM\"", true),
        arguments("userName gt \"BJENSEN@EXAMPLE.CO\"", true),
        arguments("userName lt \"BJENSEN@EXAMPLE.COM\"", false),
        arguments("userName eq \"BJENSEN@EXAMPLE.ORG\"", false),
        // id and externalId are caseExact in the default schema (RFC 7643 §3.1)
        arguments("id eq \"2819c223-7f76-453a-919d-413861904646\"", true),
        arguments("id eq \"2819C223-7F76-453A-919D-413861904646\"", false),
        arguments("meta.version eq \"W/\\\"a330bc54f0671c9\\\"\"", true),
        arguments("meta.version eq \"W/\\\"A330BC54F0671C9\\\"\"", false),
        arguments("meta.location sw \"https://example.com/v2/Users/\"", true),
        arguments("meta.location sw \"HTTPS://EXAMPLE.COM/\"", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void stringsCompareCaseInsensitivelyByDefault(String filter, boolean expected) {
    assertThat(strict(filter, BABS)).isEqualTo(expected);
  }

  static final FilterSchema CASE_EXACT_USERNAME = MapSchema.create()
      .attr("userName", AttributeType.STRING, false, true)
      .attr("emails", AttributeType.COMPLEX, true, false)
      .attr("emails.value", AttributeType.STRING, true, true)
      .attr("emails.type", AttributeType.STRING, true, false);

  static Stream<Arguments> caseExactFromTheSchema() {
    return Stream.of(
        arguments("userName eq \"bjensen@example.com\"", true),
        arguments("userName eq \"BJensen@example.com\"", false),
        arguments("userName co \"jensen@\"", true),
        arguments("userName co \"JENSEN@\"", false),
        arguments("userName sw \"bj\"", true),
        arguments("userName sw \"BJ\"", false),
        arguments("userName ew \"example.com\"", true),
        arguments("userName ew \"Example.com\"", false),
        // case-exact ordering is by code unit: 'B' (0x42) < 'b' (0x62)
        arguments("userName gt \"BZ\"", true),
        arguments("userName lt \"BZ\"", false),
        arguments("userName ne \"BJENSEN@EXAMPLE.COM\"", true),
        // sub-attributes follow their own caseExact
        arguments("emails[type eq \"WORK\" and value eq \"bjensen@example.com\"]", true),
        arguments("emails[type eq \"work\" and value eq \"BJENSEN@example.com\"]", false),
        arguments("emails co \"Jensen.org\"", false),
        arguments("emails co \"jensen.org\"", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void caseExactFromTheSchema(String filter, boolean expected) {
    assertThat(with(CASE_EXACT_USERNAME, false, filter, BABS)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.4.2.2: multi-valued attributes match when any value matches; a complex
  // attribute compared without sub-attribute compares its "value"
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> multiValuedAttributesMatchAnyValue() {
    return Stream.of(
        arguments("emails co \"example.com\"", true),
        arguments("emails co \"jensen.org\"", true),
        arguments("emails eq \"babs@jensen.org\"", true),
        arguments("emails co \"example.net\"", false),
        arguments("emails.type eq \"home\"", true),
        arguments("emails.type eq \"other\"", false),
        arguments("emails.primary eq true", true),
        arguments("emails.type eq \"work\" and emails.value eq \"babs@jensen.org\"", true),
        // ... whereas a value filter needs one value to satisfy both conditions
        arguments("emails[type eq \"work\" and value eq \"babs@jensen.org\"]", false),
        arguments("phoneNumbers eq \"555-555-4444\"", true),
        arguments("phoneNumbers eq \"555-555-0000\"", false),
        arguments("schemas eq \"URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER\"", true),
        arguments("groups ew \"d5c6a331660a\"", true),
        arguments("groups.display sw \"US \"", true),
        arguments("groups.display eq \"Managers\"", false),
        // project choice: ne is "no value equals", i.e. not (emails.type eq ...); RFC 7644 §3.4.2.2's
        // "any value matches" reading would make it "some value differs"
        arguments("emails.type ne \"home\"", false),
        arguments("emails.type ne \"other\"", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void multiValuedAttributesMatchAnyValue(String filter, boolean expected) {
    assertThat(strict(filter, BABS)).isEqualTo(expected);
  }

  static Stream<Arguments> multiValuedSimpleValues() {
    JsonNode r = json("{\"tags\": [\"red\", \"Green\", null], \"nums\": [1, 5, 9]}");
    return Stream.of(
        arguments("tags eq \"green\"", r, true),
        arguments("tags co \"ree\"", r, true),
        arguments("tags eq \"blue\"", r, false),
        arguments("tags[value eq \"red\"]", r, true),
        arguments("tags[value sw \"b\"]", r, false),
        arguments("nums gt 8", r, true),
        arguments("nums gt 9", r, false),
        arguments("nums eq 5 and nums eq 1", r, true));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource
  void multiValuedSimpleValues(String filter, JsonNode resource, boolean expected) {
    assertThat(strict(filter, resource)).isEqualTo(expected);
  }

  @Test
  void complexAttributeWithoutSubAttributeComparesItsValue() {
    JsonNode r = json("{\"manager\": {\"value\": \"26118915\", \"displayName\": \"John Smith\"}}");
    assertThat(strict("manager eq \"26118915\"", r)).isTrue();
    assertThat(strict("manager eq \"John Smith\"", r)).isFalse();
    assertThat(strict("manager co \"John\"", r)).isFalse();
    assertThat(strict("manager ne \"26118915\"", r)).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7643 §2.3.5: dateTime compares as an instant
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> dateTimeComparesByInstant() {
    return Stream.of(
        arguments("meta.lastModified eq \"2011-05-13T05:42:34+01:00\"", true),
        arguments("meta.lastModified eq \"2011-05-12T23:42:34-05:00\"", true),
        arguments("meta.lastModified eq \"2011-05-13T04:42:34+01:00\"", false),
        arguments("meta.lastModified eq \"2011-05-13T04:42:34\"", true),
        arguments("meta.lastModified eq \"2011-05-13T04:42:34.000Z\"", true),
        arguments("meta.lastModified eq \"2011-05-13T04:42:34.000000001Z\"", false),
        arguments("meta.lastModified lt \"2011-05-13T04:42:34.000000001Z\"", true),
        arguments("meta.lastModified gt \"2011-05-13T04:42:33.999Z\"", true),
        arguments("meta.lastModified gt \"2011-05-13T06:42:33.999+02:00\"", true),
        arguments("meta.lastModified gt \"2011-05-13T06:42:34.001+02:00\"", false),
        arguments("meta.created lt \"2011-05-13T04:42:34Z\"", true),
        arguments("meta.lastModified ne \"2011-05-13T04:42:34Z\"", false),
        arguments("meta.lastModified ne \"2011-05-13T04:42:35Z\"", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void dateTimeComparesByInstant(String filter, boolean expected) {
    assertThat(strict(filter, BABS)).isEqualTo(expected);
  }

  static Stream<Arguments> dateTimeInferredWithoutSchema() {
    JsonNode r = json("{\"hired\": \"2020-01-01T10:00:00.5+02:00\", \"code\": \"2020-01-01\"}");
    return Stream.of(
        arguments("hired eq \"2020-01-01T08:00:00.500Z\"", r, true),
        arguments("hired eq \"2020-01-01T08:00:00Z\"", r, false),
        arguments("hired gt \"2020-01-01T08:00:00Z\"", r, true),
        arguments("hired lt \"2020-01-01T09:00:00+01:00\"", r, false),
        // substring operators stay textual
        arguments("hired co \"10:00\"", r, true),
        arguments("hired co \"08:00\"", r, false),
        // text that is no dateTime compares as text
        arguments("code eq \"2020-01-01\"", r, true),
        arguments("code lt \"2020-01-02\"", r, true));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource
  void dateTimeInferredWithoutSchema(String filter, JsonNode resource, boolean expected) {
    assertThat(strict(filter, resource)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7643 §2.3.3/2.3.4: numbers compare by value
  // ---------------------------------------------------------------------------------------------

  static final JsonNode NUMBERS = json("""
      {"i": 1, "d": 1.0, "f": 0.1, "neg": -5, "e": 1500,
       "long": 9223372036854775807,
       "huge": 123456789012345678901234567890,
       "frac": 2.5}""");

  static Stream<Arguments> numbersCompareByValue() {
    return Stream.of(
        arguments("i eq 1.0", true),
        arguments("i eq 1.00000", true),
        arguments("d eq 1", true),
        arguments("i eq 1.5", false),
        arguments("i lt 1.5", true),
        arguments("i gt 0.999", true),
        arguments("f eq 0.1", true),
        arguments("f eq 0.10000000000000001", false),
        arguments("neg lt 0", true),
        arguments("neg gt -5", false),
        arguments("neg ge -5", true),
        arguments("e eq 1.5E3", true),
        arguments("e eq 15E2", true),
        arguments("e gt 1.4999e3", true),
        arguments("long eq 9223372036854775807", true),
        arguments("long lt 9223372036854775808", true),
        arguments("long eq 9223372036854775808", false),
        arguments("huge eq 123456789012345678901234567890", true),
        arguments("huge eq 123456789012345678901234567890.0", true),
        arguments("huge gt 123456789012345678901234567889", true),
        arguments("huge eq 123456789012345678901234567891", false),
        arguments("frac gt 2", true),
        arguments("frac le 2.49", false),
        // a number never equals its text in strict mode
        arguments("i eq \"1\"", false),
        arguments("i ne 1", false),
        arguments("i ne 2", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void numbersCompareByValue(String filter, boolean expected) {
    assertThat(strict(filter, NUMBERS)).isEqualTo(expected);
  }

  static final FilterSchema NUMBER_SCHEMA = MapSchema.create()
      .attr("i", AttributeType.INTEGER)
      .attr("d", AttributeType.DECIMAL);

  @Test
  void numbersTypedBySchemaAcceptIntegerAndDecimalLiterals() {
    assertThat(with(NUMBER_SCHEMA, false, "i eq 1.0", NUMBERS)).isTrue();
    assertThat(with(NUMBER_SCHEMA, false, "d ge 1", NUMBERS)).isTrue();
    assertThat(with(NUMBER_SCHEMA, false, "d gt 1", NUMBERS)).isFalse();
  }

  @Test
  void numberAttributeAgainstStringIsInvalidInStrictModeAndCoercedInTolerantMode() {
    assertInvalidFilter(FilterEvaluator.builder().schema(NUMBER_SCHEMA).build(), "i eq \"1\"");
    assertThat(with(NUMBER_SCHEMA, true, "i eq \"1\"", NUMBERS)).isTrue();
    assertThat(with(NUMBER_SCHEMA, true, "i gt \"1\"", NUMBERS)).isFalse();
    assertThat(with(NUMBER_SCHEMA, true, "d eq \"1.0\"", NUMBERS)).isTrue();
    // a JSON number sent as text is read as a number in tolerant mode
    assertThat(with(NUMBER_SCHEMA, true, "i eq 7", json("{\"i\": \"7\"}"))).isTrue();
    assertThat(with(NUMBER_SCHEMA, false, "i eq 7", json("{\"i\": \"7\"}"))).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7643 §2.3.2: booleans
  // ---------------------------------------------------------------------------------------------

  static final JsonNode INACTIVE = json("{\"userName\": \"gone\", \"active\": false}");
  static final FilterSchema ACTIVE_BOOLEAN = MapSchema.create()
      .attr("active", AttributeType.BOOLEAN)
      .attr("roles", AttributeType.COMPLEX, true, false)
      .attr("roles.value", AttributeType.STRING, true, false)
      .attr("roles.primary", AttributeType.BOOLEAN, true, false)
      .attr("emails", AttributeType.COMPLEX, true, false)
      .attr("emails.value", AttributeType.STRING, true, false)
      .attr("emails.type", AttributeType.STRING, true, false)
      .attr("emails.primary", AttributeType.BOOLEAN, true, false);

  static Stream<Arguments> booleans() {
    return Stream.of(
        arguments("active eq true", BABS, true),
        arguments("active eq false", BABS, false),
        arguments("active ne false", BABS, true),
        arguments("active eq false", INACTIVE, true),
        arguments("active ne true", INACTIVE, true),
        arguments("active eq true", INACTIVE, false),
        // without tolerance the text "true" is no boolean
        arguments("active eq \"true\"", BABS, false),
        arguments("active eq true", json("{\"active\": \"true\"}"), false));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource
  void booleans(String filter, JsonNode resource, boolean expected) {
    assertThat(strict(filter, resource)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.4.2.2: ne is the negation of eq; eq null matches absent or null
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> neIsTheNegationOfEqAndNullMeansAbsent() {
    JsonNode empty = json("{}");
    JsonNode nullNick = json("{\"nickName\": null, \"emails\": []}");
    return Stream.of(
        arguments("nickName ne \"Babs\"", BABS, false),
        arguments("nickName ne \"Bob\"", BABS, true),
        arguments("nickName ne \"Babs\"", empty, true),
        arguments("nickName ne \"Babs\"", nullNick, true),
        arguments("nickName eq \"Babs\"", empty, false),
        arguments("nickName eq null", empty, true),
        arguments("nickName eq null", nullNick, true),
        arguments("nickName eq null", BABS, false),
        arguments("nickName ne null", BABS, true),
        arguments("nickName ne null", empty, false),
        arguments("nickName ne null", nullNick, false),
        arguments("emails.value eq null", nullNick, true),
        arguments("emails.value eq null", BABS, false),
        arguments("emails eq null", nullNick, true),
        arguments("emails ne null", BABS, true),
        arguments("name.middleName eq null", BABS, false),
        arguments("name.middleName eq null", json("{\"name\": {\"givenName\": \"x\"}}"), true),
        // an empty string is a value, so it is not null (it is not "present" either, see pr)
        arguments("nickName eq null", json("{\"nickName\": \"\"}"), false),
        arguments("nickName eq \"\"", json("{\"nickName\": \"\"}"), true));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource
  void neIsTheNegationOfEqAndNullMeansAbsent(String filter, JsonNode resource, boolean expected) {
    assertThat(strict(filter, resource)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.4.2.2 "pr": has a non-empty, non-null value
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> presentMeansNonEmptyNonNull() {
    return Stream.of(
        arguments("{\"x\": \"a\"}", true),
        arguments("{\"x\": \"\"}", false),
        arguments("{\"x\": \" \"}", true),
        arguments("{\"x\": null}", false),
        arguments("{}", false),
        arguments("{\"x\": []}", false),
        arguments("{\"x\": [null, \"\"]}", false),
        arguments("{\"x\": [\"\", \"a\"]}", true),
        arguments("{\"x\": {}}", false),
        arguments("{\"x\": {\"a\": null, \"b\": \"\"}}", false),
        arguments("{\"x\": {\"a\": 1}}", true),
        arguments("{\"x\": [{}]}", false),
        arguments("{\"x\": [{}, {\"v\": \"a\"}]}", true),
        arguments("{\"x\": false}", true),
        arguments("{\"x\": 0}", true),
        arguments("{\"X\": \"a\"}", true));
  }

  @ParameterizedTest(name = "x pr on {0} -> {1}")
  @MethodSource
  void presentMeansNonEmptyNonNull(String resource, boolean expected) {
    assertThat(strict("x pr", json(resource))).isEqualTo(expected);
    assertThat(strict("not (x pr)", json(resource))).isEqualTo(!expected);
  }

  static Stream<Arguments> presentOnSubAttributes() {
    return Stream.of(
        arguments("name.givenName pr", BABS, true),
        arguments("name.nickName pr", BABS, false),
        arguments("emails.primary pr", BABS, true),
        arguments("emails.display pr", BABS, false),
        arguments("emails.value pr", json("{\"emails\": [{\"value\": \"\"}, {\"type\": \"work\"}]}"), false),
        arguments("emails.value pr", json("{\"emails\": [{\"value\": \"\"}, {\"value\": \"a\"}]}"), true),
        arguments("emails[value pr]", json("{\"emails\": [{\"value\": \"\"}]}"), false),
        arguments("emails[type pr and value pr]", BABS, true));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @MethodSource
  void presentOnSubAttributes(String filter, JsonNode resource, boolean expected) {
    assertThat(strict(filter, resource)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.10 / RFC 7643 §3.3: schema extensions, addressed by URN
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> extensionAttributesByUrn() {
    return Stream.of(
        arguments(ENTERPRISE + ":employeeNumber eq \"701984\"", true),
        arguments(ENTERPRISE + ":employeeNumber eq \"701985\"", false),
        arguments(ENTERPRISE + ":department sw \"tour\"", true),
        arguments(ENTERPRISE + ":manager.displayName eq \"John Smith\"", true),
        arguments(ENTERPRISE + ":manager.displayName eq \"Jane Smith\"", false),
        arguments(ENTERPRISE + ":manager eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true),
        arguments(ENTERPRISE + ":manager[displayName co \"smith\"]", true),
        arguments(ENTERPRISE + ":manager pr", true),
        arguments(ENTERPRISE + ":division pr", false),
        // the URN is case-insensitive like attribute names
        arguments(ENTERPRISE.toUpperCase() + ":EMPLOYEENUMBER eq \"701984\"", true),
        // without the URN the attribute is looked for at the top level, where it is not
        arguments("employeeNumber eq \"701984\"", false),
        arguments("employeeNumber ne \"701984\"", true),
        // a core URN qualifies top-level attributes
        arguments(CORE_USER + ":userName eq \"bjensen\"", true),
        arguments(CORE_USER + ":userName eq \"bjensen2\"", false),
        arguments("schemas eq \"" + ENTERPRISE + "\"", true),
        arguments("schemas eq \"urn:ietf:params:scim:schemas:extension:other:2.0:User\"", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void extensionAttributesByUrn(String filter, boolean expected) {
    assertThat(strict(filter, ENTERPRISE_USER)).isEqualTo(expected);
  }

  static final FilterSchema ENTERPRISE_SCHEMA = MapSchema.create()
      .attr(ENTERPRISE + ":employeeNumber", AttributeType.STRING, false, true)
      .attr(ENTERPRISE + ":manager", AttributeType.COMPLEX)
      .attr(ENTERPRISE + ":manager.value", AttributeType.STRING, false, true)
      .extension("employeeNumber", ENTERPRISE)
      .extension("manager", ENTERPRISE)
      .extension("department", ENTERPRISE);

  static Stream<Arguments> extensionOfFindsUnqualifiedNames() {
    return Stream.of(
        arguments("employeeNumber eq \"701984\"", true),
        arguments("employeeNumber eq \"701985\"", false),
        arguments("department eq \"TOUR OPERATIONS\"", true),
        arguments("manager.displayName eq \"john smith\"", true),
        arguments("manager eq \"26118915-6090-4610-87e4-49d8ca9f808d\"", true),
        // manager.value is caseExact in this schema, found through the extension
        arguments("manager eq \"26118915-6090-4610-87E4-49D8CA9F808D\"", false),
        arguments("manager[value sw \"2611\"]", true),
        arguments("costCenter eq \"4130\"", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void extensionOfFindsUnqualifiedNames(String filter, boolean expected) {
    assertThat(with(ENTERPRISE_SCHEMA, false, filter, ENTERPRISE_USER)).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.4.2.2 valuePath on a single-valued complex attribute
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> valuePathOnSingleComplexAttribute() {
    return Stream.of(
        arguments("name[givenName eq \"Barbara\"]", true),
        arguments("name[givenName eq \"Babs\"]", false),
        arguments("name[givenName sw \"b\" and familyName eq \"JENSEN\"]", true),
        arguments("name[givenName sw \"b\" and familyName eq \"Smith\"]", false),
        arguments("name[not (honorificSuffix eq \"III\")]", false),
        arguments("name[nickName eq null]", true),
        arguments("meta[resourceType eq \"User\" and created lt \"2011-01-01T00:00:00Z\"]", true),
        arguments("nickName[value eq \"babs\"]", true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void valuePathOnSingleComplexAttribute(String filter, boolean expected) {
    assertThat(strict(filter, BABS)).isEqualTo(expected);
  }

  @Test
  void valuePathOnAbsentAttributeMatchesNothingEvenWhenNegated() {
    JsonNode r = json("{\"userName\": \"x\"}");
    assertThat(strict("name[not (givenName eq \"a\")]", r)).isFalse();
    assertThat(strict("emails[not (type eq \"work\")]", r)).isFalse();
    assertThat(strict("emails[not (type eq \"work\")]", json("{\"emails\": []}"))).isFalse();
    assertThat(strict("not (emails[type eq \"work\"])", r)).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Microsoft Entra ID: the shapes it sends (see
  // https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
  // and .../application-provisioning-config-problem-scim-compatibility)
  // ---------------------------------------------------------------------------------------------

  @Test
  void entraValuePathWithSubAttributeAfterTheBracket() {
    // emails[type eq "work"].value eq "x" is read as emails[type eq "work" and value eq "x"]
    assertThat(strict("emails[type eq \"work\"].value eq \"bjensen@example.com\"", BABS)).isTrue();
    assertThat(strict("emails[type eq \"work\"].value eq \"BJENSEN@example.com\"", BABS)).isTrue();
    assertThat(strict("emails[type eq \"work\"].value eq \"babs@jensen.org\"", BABS)).isFalse();
    assertThat(strict("emails[type eq \"home\"].value eq \"babs@jensen.org\"", BABS)).isTrue();
  }

  static final JsonNode ENTRA_ROLES = json("""
      {"userName": "ada", "active": true,
       "roles": [{"value": "reader", "primary": false}, {"value": "admin", "primary": true}]}""");

  @Test
  void entraPrimaryAsTextIsCoercedInTolerantModeWhenTheSchemaSaysBoolean() {
    assertThat(with(ACTIVE_BOOLEAN, true, "roles[primary eq \"True\"]", ENTRA_ROLES)).isTrue();
    assertThat(with(ACTIVE_BOOLEAN, true, "roles[primary eq \"True\" and value eq \"admin\"]", ENTRA_ROLES)).isTrue();
    assertThat(with(ACTIVE_BOOLEAN, true, "roles[primary eq \"True\" and value eq \"reader\"]", ENTRA_ROLES)).isFalse();
    assertThat(with(ACTIVE_BOOLEAN, true, "roles[primary eq \"TRUE\"]", json("{\"roles\": [{\"primary\": false}]}")))
        .isFalse();
  }

  @Test
  void entraPrimaryAsTextIsAnInvalidFilterInStrictModeWhenTheSchemaSaysBoolean() {
    assertInvalidFilter(FilterEvaluator.builder().schema(ACTIVE_BOOLEAN).build(), "roles[primary eq \"True\"]");
    assertInvalidFilter(FilterEvaluator.builder().schema(ACTIVE_BOOLEAN).build(), "roles.primary eq \"True\"");
  }

  @Test
  void entraPrimaryAsTextWithoutSchemaIsCoercedOnlyInTolerantMode() {
    assertThat(with(FilterSchema.defaults(), true, "roles[primary eq \"True\"]", ENTRA_ROLES)).isTrue();
    assertThat(with(FilterSchema.defaults(), false, "roles[primary eq \"True\"]", ENTRA_ROLES)).isFalse();
  }

  @Test
  void entraActiveAsTextInTolerantMode() {
    assertThat(with(ACTIVE_BOOLEAN, true, "active eq \"False\"", INACTIVE)).isTrue();
    assertThat(with(ACTIVE_BOOLEAN, true, "active eq \"False\"", BABS)).isFalse();
    assertThat(with(ACTIVE_BOOLEAN, true, "active ne \"False\"", BABS)).isTrue();
    // and the resource may hold the text as well
    assertThat(with(ACTIVE_BOOLEAN, true, "active eq false", json("{\"active\": \"False\"}"))).isTrue();
    assertThat(with(ACTIVE_BOOLEAN, false, "active eq false", json("{\"active\": \"False\"}"))).isFalse();
    assertInvalidFilter(FilterEvaluator.builder().schema(ACTIVE_BOOLEAN).build(), "active eq \"False\"");
  }

  @Test
  void entraUnquotedValueWithTheTolerantParser() {
    JsonNode r = json("{\"externalId\": \"jyoung\"}");
    assertThat(with(FilterSchema.defaults(), true, "externalId eq jyoung", r)).isTrue();
    assertThat(with(FilterSchema.defaults(), true, "externalId eq JYOUNG", r)).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // RFC 7644 §3.4.2.2 / §3.12: invalidFilter for comparisons the schema rules out
  // ---------------------------------------------------------------------------------------------

  static final FilterSchema TYPED = MapSchema.create()
      .attr("active", AttributeType.BOOLEAN)
      .attr("userName", AttributeType.STRING)
      .attr("loginCount", AttributeType.INTEGER)
      .attr("photo", AttributeType.BINARY)
      .attr("name", AttributeType.COMPLEX)
      .attr("name.givenName", AttributeType.STRING)
      .attr("emails", AttributeType.COMPLEX, true, false)
      .attr("emails.value", AttributeType.STRING, true, false);

  static Stream<String> invalidFilters() {
    return Stream.of(
        "active gt \"x\"",
        "active le \"2020-01-01T00:00:00Z\"",
        "active co \"tr\"",
        "active eq \"yes\"",
        "active eq 1",
        "userName eq 5",
        "userName gt 5",
        "userName eq true",
        "loginCount eq \"5\"",
        "loginCount sw \"5\"",
        "loginCount eq true",
        "photo gt \"AAAA\"",
        "name eq \"Barbara\"",
        "name co \"Bar\"",
        "emails[value eq 5]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void invalidFilters(String filter) {
    assertInvalidFilter(FilterEvaluator.builder().schema(TYPED).build(), filter);
  }

  static Stream<String> invalidFiltersWithTheDefaultSchema() {
    return Stream.of(
        "meta.created gt \"yesterday\"",
        "meta.created eq \"2010-01-23\"",
        "meta.lastModified co \"2011\"",
        "meta.lastModified sw \"2011\"",
        "meta.created eq 5",
        "meta.created eq true");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void invalidFiltersWithTheDefaultSchema(String filter) {
    assertInvalidFilter(FilterEvaluator.strict(), filter);
  }

  @Test
  void complexAttributeWithoutValueSubAttributeIsAnInvalidFilterWithTheDefaultSchema() {
    // RFC 7643 §3.1: meta has no "value" sub-attribute
    assertInvalidFilter(FilterEvaluator.strict(), "meta eq \"User\"");
    // ... but the typed ones around it are fine
    assertThat(strict("meta.resourceType eq \"User\"", BABS)).isTrue();
    assertThat(strict("meta pr", BABS)).isTrue();
  }

  @Test
  void orderingABooleanIsRejectedByTheParserItself() {
    assertThatThrownBy(() -> Filter.parse("active gt true"))
        .isInstanceOf(FilterException.class)
        .extracting(e -> ((FilterException) e).scimType())
        .isEqualTo(FilterException.INVALID_FILTER);
  }

  @Test
  void nestedValueFilterIsAnInvalidFilter() {
    assertThatThrownBy(() -> new ValuePathFilter(AttributePath.of("emails"),
        new ValuePathFilter(AttributePath.of("x"), Filter.eq("type", "work"))))
        .isInstanceOf(FilterException.class)
        .extracting(e -> ((FilterException) e).scimType())
        .isEqualTo(FilterException.INVALID_FILTER);
    Filter inner = new ValuePathFilter(AttributePath.of("x"), Filter.eq("type", "work"));
    assertThatThrownBy(() -> FilterEvaluator.strict().compileValueFilter(AttributePath.of("emails"), inner))
        .isInstanceOf(FilterException.class)
        .extracting(e -> ((FilterException) e).scimType())
        .isEqualTo(FilterException.INVALID_FILTER);
  }

  @Test
  void tolerantModeCoercesOnlyWhereTheMeaningIsClear() {
    FilterEvaluator tolerant = FilterEvaluator.builder().schema(TYPED).tolerant(true).build();
    assertThat(tolerant.matches(Filter.parse("userName eq 5"), json("{\"userName\": \"5\"}"))).isTrue();
    assertThat(tolerant.matches(Filter.parse("loginCount eq \"5\""), json("{\"loginCount\": 5}"))).isTrue();
    assertInvalidFilter(tolerant, "active eq \"yes\"");
    assertInvalidFilter(tolerant, "loginCount eq \"five\"");
    assertInvalidFilter(tolerant, "active gt \"true\"");
  }

  // ---------------------------------------------------------------------------------------------
  // The compiled predicate
  // ---------------------------------------------------------------------------------------------

  @Test
  void compiledPredicateIsReusableAcrossResources() {
    Predicate<JsonNode> p = FilterEvaluator.strict().compile(Filter.parse("userName sw \"b\" and active eq true"));
    assertThat(p.test(BABS)).isTrue();
    assertThat(p.test(INACTIVE)).isFalse();
    assertThat(p.test(ENTERPRISE_USER)).isFalse();
    assertThat(p.test(BABS)).isTrue();
  }

  @Nested
  class FilterFactories {
    @Test
    void filtersBuiltInCodeMeanTheSameAsParsedOnes() {
      Filter built = Filter.eq("userType", "Employee").and(Filter.has("emails",
          Filter.eq("type", "work").and(Filter.co("value", "@example.com"))));
      assertThat(FilterEvaluator.predicate(built).test(BABS)).isTrue();
      assertThat(FilterEvaluator.predicate(built.negate()).test(BABS)).isFalse();
    }
  }
}
