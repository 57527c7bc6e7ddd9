package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.internal.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading helpers shared by the messages; package-private. */
final class Wire {

  private Wire() {}

  static Tolerance orStrict(@Nullable Tolerance t) {
    return t == null ? Tolerance.strict() : t;
  }

  /** The message body as an object, or 400 invalidSyntax. */
  static ObjectNode body(@Nullable JsonNode json, String message) {
    if (json == null || json.isMissingNode() || json.isNull()) {
      throw ScimException.invalidSyntax("the " + message + " is empty; a JSON object was expected");
    }
    if (!json.isObject()) {
      throw ScimException.invalidSyntax("the " + message + " must be a JSON object, not " + ScimJson.describe(json));
    }
    return (ObjectNode) json;
  }

  /**
   * The attribute {@code name}, matched case-insensitively (RFC 7643 §2.1), the exact spelling
   * first; null when absent. Two spellings that differ only in case are ambiguous: 400.
   */
  static @Nullable JsonNode get(ObjectNode o, String name) {
    JsonNode exact = o.get(name);
    if (exact != null) {
      return exact;
    }
    JsonNode found = null;
    String foundKey = null;
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        if (found != null) {
          throw ScimException.invalidSyntax("attribute '" + name + "' appears twice, as '" + foundKey + "' and '"
              + e.getKey() + "'");
        }
        found = e.getValue();
        foundKey = e.getKey();
      }
    }
    return found;
  }

  /** True when absent or JSON null. */
  static boolean absent(@Nullable JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /**
   * Checks {@code schemas}: it must be an array of strings containing {@code urn}. With {@code
   * lenient} a missing, malformed or different {@code schemas} is accepted.
   */
  static void checkSchemas(ObjectNode o, String urn, boolean lenient, String message) {
    if (lenient) {
      return;
    }
    JsonNode s = get(o, "schemas");
    if (s == null || absent(s)) {
      throw ScimException.invalidSyntax("the " + message + " has no 'schemas'; it must contain \"" + urn + "\"");
    }
    if (!s.isArray()) {
      throw ScimException.invalidSyntax("'schemas' must be an array of URNs, not " + ScimJson.describe(s));
    }
    for (JsonNode e : s) {
      if (e.isString() && e.stringValue().equalsIgnoreCase(urn)) {
        return;
      }
    }
    throw ScimException.invalidSyntax("'schemas' of the " + message + " must contain \"" + urn + "\"");
  }

  /** A string attribute, or null when absent or null; other types give 400 invalidValue. */
  static @Nullable String string(ObjectNode o, String name) {
    JsonNode n = get(o, name);
    if (n == null || absent(n)) {
      return null;
    }
    if (!n.isString()) {
      throw ScimException.invalidValue("'" + name + "' must be a string, not " + ScimJson.describe(n));
    }
    return n.stringValue();
  }

  /**
   * An integer attribute, or null when absent or null. Integral JSON numbers are accepted; with
   * {@code stringsToo} also decimal digits in a string ({@code "10"}). Anything else, or a value
   * outside the int range, gives 400 invalidValue.
   */
  static @Nullable Integer integer(ObjectNode o, String name, boolean stringsToo) {
    JsonNode n = get(o, name);
    if (n == null || absent(n)) {
      return null;
    }
    if (n.isIntegralNumber()) {
      if (!n.canConvertToInt()) {
        throw ScimException.invalidValue("'" + name + "' is out of range: " + n);
      }
      return n.intValue();
    }
    if (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0) {
      try {
        return n.decimalValue().intValueExact();
      } catch (ArithmeticException e) {
        throw ScimException.invalidValue("'" + name + "' is out of range: " + n);
      }
    }
    if (stringsToo && n.isString()) {
      String s = n.stringValue().trim();
      if (s.matches("[+-]?\\d{1,10}")) {
        try {
          return Integer.valueOf(s);
        } catch (NumberFormatException e) {
          throw ScimException.invalidValue("'" + name + "' is out of range: \"" + s + "\"");
        }
      }
      throw ScimException.invalidValue("'" + name + "' must be an integer, not \"" + Texts.abbreviate(s, SHOWN) + "\"");
    }
    throw ScimException.invalidValue("'" + name + "' must be an integer, not " + ScimJson.describe(n));
  }

  /** An array attribute, or null when absent or null; other types give 400 invalidSyntax. */
  static @Nullable List<JsonNode> array(ObjectNode o, String name) {
    JsonNode n = get(o, name);
    if (n == null || absent(n)) {
      return null;
    }
    if (!n.isArray()) {
      throw ScimException.invalidSyntax("'" + name + "' must be an array, not " + ScimJson.describe(n));
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    for (JsonNode e : n) {
      out.add(e);
    }
    return out;
  }

  /** The longest client text shown in an error message: 40 characters and "...". */
  static final int SHOWN = 43;

  /** An immutable deep copy of a JSON value, or null. */
  static @Nullable JsonNode copy(@Nullable JsonNode n) {
    return n == null ? null : n.deepCopy();
  }
}
