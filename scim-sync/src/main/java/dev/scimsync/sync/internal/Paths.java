package dev.scimsync.sync.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.scimsync.filter.internal.JsonNodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Attribute paths as the mapping and the diff use them: {@code userName}, {@code name.givenName},
 * or an extension attribute {@code urn:...:enterprise:2.0:User:department} (the URN up to its last
 * colon is one key, so the dot in "2.0" does not split it).
 */
public final class Paths {
  private Paths() {}

  /** Parsed paths: the same few mapped paths are read for every resource of a run. */
  private static final Map<String, List<String>> PARSED = new ConcurrentHashMap<>();
  /** Sub-paths come from the data (the keys of complex values): the cache stops growing here. */
  private static final int MAX_PARSED = 4096;

  /** The keys of {@code path} (an unmodifiable list). */
  public static List<String> keys(String path) {
    List<String> keys = PARSED.get(path);
    if (keys == null) {
      keys = List.copyOf(parse(path));
      if (PARSED.size() < MAX_PARSED) {
        PARSED.put(path, keys);
      }
    }
    return keys;
  }

  private static List<String> parse(String path) {
    if (path.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = path.lastIndexOf(':');
      List<String> out = new ArrayList<>();
      out.add(path.substring(0, colon));
      out.addAll(Arrays.asList(path.substring(colon + 1).split("\\.")));
      return out;
    }
    return Arrays.asList(path.split("\\."));
  }

  /** The value at {@code path} (keys matched case-insensitively), or null. */
  public static JsonNode get(JsonNode node, String path) {
    JsonNode cur = node;
    for (String k : keys(path)) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = child((ObjectNode) cur, k);
    }
    return cur == null || cur.isNull() || cur.isMissingNode() ? null : cur;
  }

  /** Sets {@code value} at {@code path}, creating objects on the way. */
  public static void set(ObjectNode node, String path, JsonNode value) {
    List<String> keys = keys(path);
    ObjectNode cur = node;
    for (int i = 0; i < keys.size() - 1; i++) {
      JsonNode next = child(cur, keys.get(i));
      if (next == null || !next.isObject()) {
        next = cur.putObject(keys.get(i));
      }
      cur = (ObjectNode) next;
    }
    cur.set(keys.get(keys.size() - 1), value);
  }

  private static JsonNode child(ObjectNode o, String key) {
    return JsonNodes.get(o, key);
  }
}
