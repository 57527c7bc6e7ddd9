package dev.scimsync.core.resource;

import dev.scimsync.core.json.ScimJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Helpers shared by the typed views. Every typed value keeps what it does not model in an
 * "extra" object; the helpers here move values between that object and typed fields so that a
 * typed value is always in one normal form: a typed field that is set wins over a same-named extra
 * entry, and an extra entry that fits a typed field that is not set moves into it.
 */
final class TypedJson {

  private TypedJson() {}

  /** A private copy of {@code extra}; null gives an empty object. */
  static ObjectNode copy(@Nullable ObjectNode extra) {
    return extra == null ? ScimJson.object() : extra.deepCopy();
  }

  /**
   * A typed value's {@code extra} field: its record component is nullable, but the compact
   * constructor has already replaced null with a copy ({@link #copy}).
   */
  static ObjectNode kept(@Nullable ObjectNode extra) {
    return Objects.requireNonNull(extra, "the compact constructor replaces a null extra with {}");
  }

  /**
   * The string for sub-attribute {@code key}: {@code typed} when not null (dropping a same-named
   * entry from {@code extra}), else the entry of {@code extra} when it is a JSON string (taking it
   * out of {@code extra}), else null.
   */
  static @Nullable String takeString(ObjectNode extra, String key, @Nullable String typed) {
    if (typed != null) {
      extra.remove(key);
      return typed;
    }
    JsonNode v = extra.get(key);
    if (v != null && v.isString()) {
      extra.remove(key);
      return v.stringValue();
    }
    return null;
  }

  /** As {@link #takeString} for a JSON boolean. */
  static @Nullable Boolean takeBoolean(ObjectNode extra, String key, @Nullable Boolean typed) {
    if (typed != null) {
      extra.remove(key);
      return typed;
    }
    JsonNode v = extra.get(key);
    if (v != null && v.isBoolean()) {
      extra.remove(key);
      return v.booleanValue();
    }
    return null;
  }

  /**
   * As {@link #takeString} for a complex value read by {@code parse}, which returns null for a
   * value it cannot represent exactly; such a value stays in {@code extra}.
   */
  static <T> @Nullable T takeComplex(ObjectNode extra, String key, @Nullable T typed, Function<ObjectNode,
      @Nullable T> parse) {
    if (typed != null) {
      extra.remove(key);
      return typed;
    }
    JsonNode v = extra.get(key);
    if (v instanceof ObjectNode o) {
      T t = parse.apply(o);
      if (t != null) {
        extra.remove(key);
        return t;
      }
    }
    return null;
  }

  /**
   * The elements of a multi-valued complex attribute, or null when {@code v} is not a non-empty
   * array of objects (such a value cannot be represented by a typed list without loss).
   */
  static <T> @Nullable List<T> parseList(@Nullable JsonNode v, Function<ObjectNode, T> element) {
    if (v == null || !v.isArray() || v.isEmpty()) {
      return null;
    }
    List<T> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!(e instanceof ObjectNode o)) {
        return null;
      }
      out.add(element.apply(o));
    }
    return Collections.unmodifiableList(out);
  }

  /** An unmodifiable copy of {@code list}; null gives an empty list; null elements are rejected. */
  static <T> List<T> list(@Nullable List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  static void put(ObjectNode o, String key, @Nullable String v) {
    if (v != null) {
      o.put(key, v);
    }
  }

  static void put(ObjectNode o, String key, @Nullable Boolean v) {
    if (v != null) {
      o.put(key, v.booleanValue());
    }
  }

  static void put(ObjectNode o, String key, @Nullable JsonNode v) {
    if (v != null) {
      o.set(key, v);
    }
  }

  /** Writes {@code list} as an array of {@code toJson} results, or nothing when it is empty. */
  static <T> void putList(ObjectNode o, String key, List<T> list, Function<T, ObjectNode> toJson) {
    if (list.isEmpty()) {
      return;
    }
    ArrayNode a = o.putArray(key);
    for (T t : list) {
      a.add(toJson.apply(t));
    }
  }

  /** Copies every member of {@code extra} into {@code o} (deep copies). */
  static void putAll(ObjectNode o, ObjectNode extra) {
    for (Map.Entry<String, JsonNode> e : extra.properties()) {
      o.set(e.getKey(), e.getValue().deepCopy());
    }
  }

  /** True when a key names a schema extension: it starts with {@code urn:} (any case) and holds an object. */
  static boolean isExtension(String key, JsonNode value) {
    return key.regionMatches(true, 0, "urn:", 0, 4) && value != null && value.isObject();
  }
}
