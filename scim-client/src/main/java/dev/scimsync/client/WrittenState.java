package dev.scimsync.client;

import dev.scimsync.filter.internal.JsonNodes;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Whether a resource read back holds what a PUT wrote: every attribute sent is present with an
 * equal value (names case-insensitive, objects compared by the attributes sent, multi-valued
 * attributes element by element in any order). Attributes the server never returns or sets itself
 * ({@code id}, {@code meta}, {@code schemas}, {@code password}) are not compared.
 */
final class WrittenState {

  private static final Set<String> SKIPPED = Set.of("id", "meta", "schemas", "password");

  private WrittenState() {}

  static boolean holds(JsonNode sent, JsonNode current) {
    if (sent == null || !sent.isObject() || current == null || !current.isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> e : sent.properties()) {
      if (SKIPPED.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      JsonNode value = e.getValue();
      JsonNode found = JsonNodes.get(current, e.getKey());
      if (value.isNull() || (value.isArray() && value.isEmpty())) {
        if (found != null && !found.isNull() && !(found.isArray() && found.isEmpty())) {
          return false;
        }
        continue;
      }
      if (found == null || !contains(value, found)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode sent, JsonNode current) {
    if (sent.isObject()) {
      return current.isObject() && holds(sent, current);
    }
    if (sent.isArray()) {
      if (!current.isArray() || current.size() != sent.size()) {
        return false;
      }
      for (JsonNode s : sent) {
        boolean any = false;
        for (JsonNode c : current) {
          if (contains(s, c)) {
            any = true;
            break;
          }
        }
        if (!any) {
          return false;
        }
      }
      return true;
    }
    if (sent.isNumber() && current.isNumber()) {
      return sent.decimalValue().compareTo(current.decimalValue()) == 0;
    }
    return sent.equals(current);
  }
}
