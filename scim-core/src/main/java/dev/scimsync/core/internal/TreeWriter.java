package dev.scimsync.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a tree into a generator as {@code writeTree} does, with the property names a server
 * writes again and again (SCIM has few) written from bytes encoded once.
 *
 * <p>Only names of printable ASCII without a quote or backslash are pre-encoded: their bytes are
 * the characters themselves, so they cannot differ from what the generator would write. Every
 * value that is not an object, an array or a string is handed to the generator's {@code
 * writeTree}, so numbers (int, long, BigInteger, BigDecimal and its scale), booleans and nulls are
 * written by the same code as before.
 */
public final class TreeWriter {

  /** Names longer than this are not worth keeping, and bound what one name can hold. */
  private static final int MAX_NAME_LENGTH = 64;
  /** Bound on the names kept: a hostile stream of distinct names stops adding once full. */
  private static final int MAX_NAMES = 1024;
  private static final Map<String, SerializedString> NAMES = new ConcurrentHashMap<>();

  private TreeWriter() {}

  /** Writes {@code node} at the generator's current position. */
  public static void write(JsonGenerator g, JsonNode node) {
    if (node instanceof ObjectNode o) {
      writeObject(g, o);
    } else if (node instanceof ArrayNode a) {
      g.writeStartArray(a, a.size());
      for (JsonNode e : a) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (node.isString()) {
      g.writeString(node.stringValue());
    } else {
      g.writeTree(node);
    }
  }

  private static void writeObject(JsonGenerator g, ObjectNode o) {
    g.writeStartObject(o, o.size());
    for (Map.Entry<String, JsonNode> p : o.properties()) {
      writeName(g, p.getKey());
      write(g, p.getValue());
    }
    g.writeEndObject();
  }

  /** Writes a property name, from its pre-encoded bytes when it is a plain one. */
  public static void writeName(JsonGenerator g, String name) {
    SerializedString s = NAMES.get(name);
    if (s == null) {
      s = encodable(name);
      if (s == null) {
        g.writeName(name);
        return;
      }
    }
    g.writeName(s);
  }

  private static @Nullable SerializedString encodable(String name) {
    int n = name.length();
    if (n > MAX_NAME_LENGTH || NAMES.size() >= MAX_NAMES) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return null;
      }
    }
    SerializedString s = new SerializedString(name);
    SerializedString before = NAMES.putIfAbsent(name, s);
    return before == null ? s : before;
  }
}
