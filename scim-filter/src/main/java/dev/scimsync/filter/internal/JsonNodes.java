package dev.scimsync.filter.internal;

import java.util.Iterator;
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
   * {@link #get} for many objects at once: {@code out[outFrom + i] = get(in[inFrom + i], name)}
   * for each bit {@code i} of {@code mask} (bits 0 to 63). The objects that lack the exact spelling
   * are scanned for a spelling in another case in turns, one property of each per round, so that
   * the walks along their property lists, each a chain of dependent reads, overlap in memory.
   * {@code out} may be {@code in} only when the two ranges do not overlap. With {@code exact}, only
   * the exact spelling is looked up: for objects known to hold no other spelling of {@code name}.
   */
  public static void getAll(JsonNode[] in, int inFrom, long mask, String name, JsonNode[] out, int outFrom,
      boolean exact) {
    // first pass: which are objects with properties; reading each object's map on the way, for
    // all of them at once, leaves one step less of the hash look-up to wait for in the second
    long objects = 0;
    for (long m = mask; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      out[outFrom + i] = null;
      if (in[inFrom + i] instanceof ObjectNode o && !o.isEmpty()) {
        objects |= 1L << i;
      }
    }
    long missing = 0;
    for (long m = objects; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      JsonNode v = ((ObjectNode) in[inFrom + i]).get(name);
      if (v == null) {
        missing |= 1L << i;
      }
      out[outFrom + i] = v;
    }
    if (missing == 0 || exact) {
      return;
    }
    @SuppressWarnings("unchecked")
    Iterator<Map.Entry<String, JsonNode>>[] scans = new Iterator[64];
    for (long m = missing; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      scans[i] = ((ObjectNode) in[inFrom + i]).properties().iterator();
    }
    long pending = missing;
    while (pending != 0) {
      for (long m = pending; m != 0; m &= m - 1) {
        int i = Long.numberOfTrailingZeros(m);
        Iterator<Map.Entry<String, JsonNode>> scan = scans[i];
        if (!scan.hasNext()) {
          pending &= ~(1L << i);
          continue;
        }
        Map.Entry<String, JsonNode> e = scan.next();
        String key = e.getKey();
        if (key.length() == name.length() && key.equalsIgnoreCase(name)) {
          out[outFrom + i] = e.getValue();
          pending &= ~(1L << i);
        }
      }
    }
  }

  /**
   * The name of the property of {@code object} that equals {@code name} (exactly), the very String
   * the object holds; {@code name} itself when there is none.
   */
  public static String nameInstance(JsonNode object, String name) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equals(name)) {
        return e.getKey();
      }
    }
    return name;
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
