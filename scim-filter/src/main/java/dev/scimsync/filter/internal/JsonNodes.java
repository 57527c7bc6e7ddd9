package dev.scimsync.filter.internal;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Case-insensitive navigation of JSON objects, as SCIM attribute names require (RFC 7643 §2.1).
 * The one implementation of the lookup for every module: the evaluator, sorting, stores and the
 * client. Internal: exported only to the scimsync modules, not API.
 */
public final class JsonNodes {

  private JsonNodes() {}

  /**
   * The property of {@code object} whose name equals {@code name} ignoring case, or null (also
   * when {@code object} is null or not an object). The exact spelling is tried first, which is the
   * common case and needs no scan.
   */
  public static JsonNode get(JsonNode object, String name) {
    // only an object has properties; the type test also spares the virtual calls of JsonNode.get
    if (!(object instanceof ObjectNode o)) {
      return null;
    }
    JsonNode v = o.get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      String key = e.getKey();
      if (key.length() == name.length() && key.equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * Removes the property of {@code object} whose name equals {@code name} ignoring case (the first
   * one, in property order) and returns its value, or null when there is none.
   */
  public static JsonNode remove(ObjectNode object, String name) {
    String key = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        key = e.getKey();
        break;
      }
    }
    return key == null ? null : object.remove(key);
  }

  /** True for a value that {@code pr} counts: not null, not "", not an empty array or object. */
  public static boolean isPresent(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v instanceof StringNode s) {
      return !s.stringValue().isEmpty();
    }
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (isPresent(e)) {
          return true;
        }
      }
      return false;
    }
    if (v.isObject()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (isPresent(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    return true;
  }
}
