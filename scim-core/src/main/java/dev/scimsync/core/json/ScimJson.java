package dev.scimsync.core.json;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.TreeReader;
import dev.scimsync.filter.internal.Texts;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading and writing SCIM JSON with limits that protect a server from hostile bodies: nesting
 * depth, string, name and number lengths. Syntax errors become {@link ScimException}s with
 * {@code invalidSyntax} and a message that names the problem and its place, never the body itself.
 */
public final class ScimJson {

  /** Deepest JSON nesting accepted; SCIM resources need about six levels. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** Longest JSON string accepted, in characters. */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_NESTING_DEPTH)
              .maxStringLength(MAX_STRING_LENGTH)
              .maxNameLength(1024)
              .maxNumberLength(100)
              .build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // a duplicate key is a 400: the tree reader sees it when a key replaces a value, at no cost
      // per key (the parser's STRICT_DUPLICATE_DETECTION keeps a set of the names of each object)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      // decimals stay exact (a decimal attribute compares and round-trips as sent); integers are
      // not affected, and resources rarely hold decimals, so most bodies never pay for BigDecimal
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private ScimJson() {}

  /** The shared mapper, configured with the limits above. Thread-safe. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new empty array node. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses any JSON value. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw syntaxError(e);
    } catch (NumberFormatException e) {
      throw numberError();
    }
  }

  /** Parses JSON that must be an object, as every SCIM request body is. */
  public static ObjectNode parseObject(String json) {
    ObjectNode fast = TreeReader.readObject(() -> MAPPER.createParser(json));
    return fast != null ? fast : parseObjectWithMapper(json);
  }

  /** {@link #parseObject(String)} by the mapper alone: the reference of {@link TreeReader}'s results. */
  static ObjectNode parseObjectWithMapper(String json) {
    return requireObject(parse(json));
  }

  /** Parses JSON bytes (UTF-8, or UTF-16/32 with detection) that must be an object. */
  public static ObjectNode parseObject(byte[] json) {
    ObjectNode fast = TreeReader.readObject(() -> MAPPER.createParser(json));
    // not read, or not without an error: the mapper gives the error
    return fast != null ? fast : parseObjectWithMapper(json);
  }

  /** {@link #parseObject(byte[])} by the mapper alone: the reference of {@link TreeReader}'s results. */
  static ObjectNode parseObjectWithMapper(byte[] json) {
    try {
      return requireObject(MAPPER.readTree(json));
    } catch (JacksonException e) {
      throw syntaxError(e);
    } catch (NumberFormatException e) {
      throw numberError();
    }
  }

  /** Parses a JSON stream that must be an object; the caller closes the stream. */
  public static ObjectNode parseObject(InputStream in) {
    try {
      return requireObject(MAPPER.readTree(in));
    } catch (JacksonException e) {
      throw syntaxError(e);
    } catch (NumberFormatException e) {
      throw numberError();
    }
  }

  private static ObjectNode requireObject(@Nullable JsonNode n) {
    if (n == null || n.isMissingNode()) {
      throw ScimException.invalidSyntax("the request body is empty; a JSON object was expected");
    }
    if (!n.isObject()) {
      throw ScimException.invalidSyntax("the request body must be a JSON object, not " + describe(n));
    }
    return (ObjectNode) n;
  }

  /** Serializes compactly. */
  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** Serializes compactly to UTF-8. */
  public static byte[] writeBytes(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  /** "a string", "an array", ... for error messages; "nothing" for null or a missing node. */
  public static String describe(@Nullable JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isString()) {
      return "a string";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isObject()) {
      return "an object";
    }
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Jackson refuses a number beyond its limits (such as {@code 1e2147483648}) with a bare
   * NumberFormatException, not a JacksonException: still the client's malformed body, not a 500.
   */
  private static ScimException numberError() {
    return ScimException.invalidSyntax("malformed JSON: a number is too large or too precise to read");
  }

  private static ScimException syntaxError(JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = "malformed JSON";
    } else if (e instanceof MismatchedInputException && msg.contains("FAIL_ON_READING_DUP_TREE_KEY")) {
      // the tree reader's wording names a Jackson feature; say what is wrong with the body
      msg = "Duplicate Object property";
    }
    // Jackson quotes tokens of the input, which may be a secret such as a password: keep single
    // characters (they say what is wrong) and blank out anything longer.
    msg = msg.replaceAll("[\\r\\n\\t]+", " ").replaceAll("'[^']{2,}'", "'...'").replaceAll("\"[^\"]{2,}\"", "\"...\"");
    StringBuilder sb = new StringBuilder("malformed JSON: ").append(Texts.abbreviate(msg, 203));
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      sb.append(" (line ").append(e.getLocation().getLineNr()).append(", column ")
          .append(e.getLocation().getColumnNr()).append(')');
    }
    // Not chained to e: its message quotes the offending token, and a logged stack trace would
    // print the secret that the detail blanks out.
    return new ScimException(400, dev.scimsync.core.error.ScimType.INVALID_SYNTAX, sb.toString());
  }

}
