package dev.scimsync.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ScimJson}: hostile and malformed bodies become invalidSyntax (RFC 7644 §3.12) without echoing them. */
class ScimJsonTest {

  static final String SECRET = "hunter2secret";

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("unterminated object", "{\"password\": \"" + SECRET + "\"", "Unexpected end-of-input", "(line 1, column 29)"),
        Arguments.of("unterminated string", "{\"password\": \"" + SECRET, "Unexpected end-of-input", "(line 1, column "),
        Arguments.of("unquoted value", "{\"password\": " + SECRET + "}", "Unrecognized token", "(line 1, column 14)"),
        Arguments.of("single quotes", "{'password': '" + SECRET + "'}", "was expecting double-quote", "(line 1, column 2)"),
        Arguments.of("raw newline in a string", "{\n  \"userName\": \"b\",\n  \"password\": \"" + SECRET + "\n\"}",
            "Illegal unquoted character", "(line 3, column "),
        Arguments.of("bad escape", "{\"password\": \"" + SECRET + "\\q\"}", "Unrecognized character escape", "(line 1, column "),
        Arguments.of("missing comma", "{\"userName\": \"b\" \"password\": \"" + SECRET + "\"}", "was expecting comma",
            "(line 1, column "),
        Arguments.of("duplicate key", "{\"password\": \"a\", \"password\": \"" + SECRET + "\"}", "Duplicate Object property",
            "(line 1, column "),
        Arguments.of("duplicate secret-looking key", "{\"" + SECRET + "\": 1, \"" + SECRET + "\": 2}",
            "Duplicate Object property", "(line 1, column "),
        Arguments.of("trailing garbage", "{\"userName\": \"b\"} " + SECRET, "Unrecognized token", "(line 1, column "),
        Arguments.of("trailing second object", "{\"userName\": \"b\"}{\"password\": \"" + SECRET + "\"}", "Trailing token",
            "(line 1, column "),
        Arguments.of("nesting deeper than 64", "{\"a\":" + "[".repeat(64) + "\"" + SECRET + "\"" + "]".repeat(64) + "}",
            "nesting depth (65) exceeds the maximum allowed (64", ""),
        Arguments.of("number longer than 100 digits", "{\"a\": 1" + "0".repeat(120) + "}", "Number value length", ""));
  }

  @ParameterizedTest(name = "RFC 7644 §3.12 invalidSyntax: {0}")
  @MethodSource("malformedBodies")
  void malformedBodiesAreInvalidSyntaxWithoutEchoingTheBody(String label, String body, String fragment, String location) {
    for (Runnable parse : new Runnable[] {
        () -> ScimJson.parseObject(body),
        () -> ScimJson.parseObject(body.getBytes(StandardCharsets.UTF_8)),
        () -> ScimJson.parseObject(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))),
        () -> ScimJson.parse(body)}) {
      assertThatThrownBy(parse::run).isInstanceOfSatisfying(ScimException.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX);
        assertThat(e.detail()).startsWith("malformed JSON: ").contains(fragment).contains(location)
            .doesNotContain(SECRET).doesNotContain("password");
        // nor anywhere a server might log it: the cause chain and the stack trace
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET);
      });
    }
  }

  /** Found by ListResponseWireProperties: Jackson refuses such numbers with a bare NumberFormatException. */
  @Test
  void aNumberBeyondJacksonsLimitsIsInvalidSyntaxNotACrash() {
    String body = "{\"userName\":\"a\",\"n\":1001853e2147483648}";
    for (Runnable read : new Runnable[] {
        () -> ScimJson.parse(body),
        () -> ScimJson.parseObject(body.getBytes(StandardCharsets.UTF_8)),
        () -> ScimJson.parseObject(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))}) {
      assertThatThrownBy(read::run).isInstanceOfSatisfying(ScimException.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX);
        assertThat(e.detail()).contains("number");
      });
    }
  }

  @Test
  void nestingOf64LevelsIsAccepted() {
    String body = "{\"a\":" + "[".repeat(63) + "1" + "]".repeat(63) + "}";
    assertThat(ScimJson.parseObject(body).get("a").isArray()).isTrue();
  }

  static Stream<Arguments> nonObjectBodies() {
    return Stream.of(
        Arguments.of("[]", "the request body must be a JSON object, not an array"),
        Arguments.of("[{\"userName\":\"b\"}]", "the request body must be a JSON object, not an array"),
        Arguments.of("\"" + SECRET + "\"", "the request body must be a JSON object, not a string"),
        Arguments.of("42", "the request body must be a JSON object, not a number"),
        Arguments.of("true", "the request body must be a JSON object, not a boolean"),
        Arguments.of("null", "the request body must be a JSON object, not null"),
        Arguments.of("", "the request body is empty; a JSON object was expected"),
        Arguments.of("   \n ", "the request body is empty; a JSON object was expected"));
  }

  @ParameterizedTest(name = "non-object body {0}")
  @MethodSource("nonObjectBodies")
  void nonObjectBodiesAreInvalidSyntax(String body, String detail) {
    assertThatThrownBy(() -> ScimJson.parseObject(body)).isInstanceOfSatisfying(ScimException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX);
      assertThat(e.detail()).isEqualTo(detail);
    });
  }

  @Test
  void wellFormedBodiesRoundTripCompactly() {
    String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bjensen\","
        + "\"active\":true,\"n\":1.50,\"big\":12345678901234567890}";
    assertThat(ScimJson.write(ScimJson.parseObject(body))).isEqualTo(body);
    assertThat(new String(ScimJson.writeBytes(ScimJson.parseObject(body)), StandardCharsets.UTF_8)).isEqualTo(body);
  }
}
