package dev.scimsync.filter.eval;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds the values an attribute path denotes in a resource (or, inside a value filter, in one
 * value of a multi-valued attribute). Multi-valued attributes yield each of their values; a complex
 * value compared without sub-attribute yields its {@code value} sub-attribute.
 */
final class RefLocator {

  /** Tests one JSON value; never called with null or JSON null. */
  interface ValueTest {
    boolean test(JsonNode value);
  }

  private final @Nullable String extension;
  private final String name;
  private final @Nullable String sub;
  private final boolean insideValue;

  /**
   * @param extension the URN of the extension object to look in, or null for the top level
   * @param insideValue true inside a value filter, where {@code value} names a simple element itself
   */
  RefLocator(@Nullable String extension, String name, @Nullable String sub, boolean insideValue) {
    this.extension = extension;
    this.name = name;
    this.sub = sub;
    this.insideValue = insideValue;
  }

  /** The attribute's node, or null when absent. */
  @Nullable JsonNode attribute(JsonNode root) {
    JsonNode base = root;
    if (extension != null) {
      if (!root.isObject()) {
        return null;
      }
      base = RefLocator.get(root, extension);
      if (base == null) {
        return null;
      }
    }
    if (!base.isObject()) {
      return insideValue && name.equalsIgnoreCase("value") && extension == null ? base : null;
    }
    return RefLocator.get(base, name);
  }

  /** True when some value at this path passes {@code test}. */
  boolean anyValue(JsonNode root, ValueTest test) {
    JsonNode a = attribute(root);
    if (a == null || a.isNull()) {
      return false;
    }
    if (sub == null) {
      if (a.isArray()) {
        for (JsonNode e : a) {
          JsonNode v = e.isObject() ? RefLocator.get(e, "value") : e;
          if (v != null && !v.isNull() && !v.isContainer() && test.test(v)) {
            return true;
          }
        }
        return false;
      }
      if (a.isObject()) {
        JsonNode v = RefLocator.get(a, "value");
        return v != null && !v.isNull() && !v.isContainer() && test.test(v);
      }
      return test.test(a);
    }
    if (a.isArray()) {
      for (JsonNode e : a) {
        if (e.isObject() && anyLeaf(RefLocator.get(e, sub), test)) {
          return true;
        }
      }
      return false;
    }
    return a.isObject() && anyLeaf(RefLocator.get(a, sub), test);
  }

  private static boolean anyLeaf(JsonNode v, ValueTest test) {
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isNull() && !e.isContainer() && test.test(e)) {
          return true;
        }
      }
      return false;
    }
    return !v.isObject() && test.test(v);
  }

  /** True when the path has a value that {@code pr} counts. */
  boolean present(JsonNode root) {
    JsonNode a = attribute(root);
    if (a == null) {
      return false;
    }
    if (sub == null) {
      return RefLocator.isPresent(a);
    }
    if (a.isArray()) {
      for (JsonNode e : a) {
        if (e.isObject() && RefLocator.isPresent(RefLocator.get(e, sub))) {
          return true;
        }
      }
      return false;
    }
    return a.isObject() && RefLocator.isPresent(RefLocator.get(a, sub));
  }

  /** JsonNodes.get as it was: exact spelling first, then a case-insensitive scan. */
  static JsonNode get(JsonNode object, String name) {
    if (object == null) {
      return null;
    }
    JsonNode v = object.get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** JsonNodes.isPresent as it was. */
  static boolean isPresent(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isString()) {
      return !v.stringValue().isEmpty();
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
