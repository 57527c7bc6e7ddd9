package dev.scimsync.filter.eval;

import dev.scimsync.filter.internal.JsonNodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds the values an attribute path denotes in a resource (or, inside a value filter, in one
 * value of a multi-valued attribute). Multi-valued attributes yield each of their values; a complex
 * value compared without sub-attribute yields its {@code value} sub-attribute.
 */
final class Locator {

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
  Locator(@Nullable String extension, String name, @Nullable String sub, boolean insideValue) {
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
      base = JsonNodes.get(root, extension);
      if (base == null) {
        return null;
      }
    }
    if (!base.isObject()) {
      return insideValue && name.equalsIgnoreCase("value") && extension == null ? base : null;
    }
    return JsonNodes.get(base, name);
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
          JsonNode v = e.isObject() ? JsonNodes.get(e, "value") : e;
          if (v != null && !v.isNull() && !v.isContainer() && test.test(v)) {
            return true;
          }
        }
        return false;
      }
      if (a.isObject()) {
        JsonNode v = JsonNodes.get(a, "value");
        return v != null && !v.isNull() && !v.isContainer() && test.test(v);
      }
      return test.test(a);
    }
    if (a.isArray()) {
      for (JsonNode e : a) {
        if (e.isObject() && anyLeaf(JsonNodes.get(e, sub), test)) {
          return true;
        }
      }
      return false;
    }
    return a.isObject() && anyLeaf(JsonNodes.get(a, sub), test);
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
      return JsonNodes.isPresent(a);
    }
    if (a.isArray()) {
      for (JsonNode e : a) {
        if (e.isObject() && JsonNodes.isPresent(JsonNodes.get(e, sub))) {
          return true;
        }
      }
      return false;
    }
    return a.isObject() && JsonNodes.isPresent(JsonNodes.get(a, sub));
  }
}
