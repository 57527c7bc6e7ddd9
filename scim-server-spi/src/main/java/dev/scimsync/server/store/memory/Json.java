package dev.scimsync.server.store.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.scimsync.filter.internal.JsonNodes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Small JSON and text helpers shared by the in-memory store. */
final class Json {

  private Json() {}

  /** The property of {@code object} named {@code name} in any case, or null. */
  static @Nullable JsonNode get(@Nullable JsonNode object, String name) {
    return object == null || !object.isObject() ? null : JsonNodes.get(object, name);
  }

  /** Removes the property named {@code name} in any case; returns its value or null. */
  static JsonNode remove(ObjectNode object, String name) {
    return JsonNodes.remove(object, name);
  }

  /**
   * The string values at {@code name[.sub]}: a string, the strings of an array, or the {@code sub}
   * of an object or of each object of an array. When {@code sub} is "value", an array of strings
   * counts too.
   */
  static List<String> strings(JsonNode doc, String name, @Nullable String sub) {
    List<String> out = new ArrayList<>(1);
    JsonNode top = get(doc, name);
    if (top == null || top.isNull()) {
      return out;
    }
    if (top.isArray()) {
      for (JsonNode e : top) {
        addLeaf(out, sub == null || (!e.isObject() && sub.equalsIgnoreCase("value")) ? e : get(e, sub));
      }
    } else if (sub == null) {
      addLeaf(out, top);
    } else {
      addLeaf(out, get(top, sub));
    }
    return out;
  }

  private static void addLeaf(List<String> out, @Nullable JsonNode v) {
    if (v != null && v.isString()) {
      out.add(v.stringValue());
    }
  }

  /**
   * Case folding that agrees with {@link String#equalsIgnoreCase}: two strings fold to the same
   * text exactly when they are equal ignoring case, character by character. (Plain {@code
   * toLowerCase} does not: "İ" lowers to two characters.)
   */
  static String fold(String s) {
    StringBuilder b = null;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      int f = Character.toLowerCase(Character.toUpperCase(c));
      if (f != c && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.appendCodePoint(f);
      }
      i += Character.charCount(c);
    }
    return b == null ? s : b.toString();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
