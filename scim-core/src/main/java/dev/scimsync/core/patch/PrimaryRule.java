package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.schema.AttributeDefinition;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import org.jspecify.annotations.Nullable;

/** The one-primary rule (RFC 7643 §2.4): at most one value of a multi-valued attribute is primary. */
final class PrimaryRule {

  private PrimaryRule() {}

  /**
   * After {@code written} values were written to {@code arr} (an array of {@code copy}; null: any
   * of them), at most one value stays primary: the last written one.
   */
  static void afterWrite(WorkingCopy copy, AttributeDefinition def, @Nullable ArrayNode arr,
      @Nullable List<JsonNode> written) {
    if (arr == null || def.subAttribute("primary") == null) {
      return;
    }
    JsonNode keep = null;
    List<JsonNode> candidates = written == null ? toList(arr) : written;
    for (JsonNode e : candidates) {
      if (isPrimary(e)) {
        keep = e;
      }
    }
    if (keep == null) {
      return;
    }
    for (int i = 0, n = arr.size(); i < n; i++) {
      JsonNode e = arr.get(i);
      if (e != keep && isPrimary(e)) {
        copy.objectElement(arr, i).put("primary", false);
      }
    }
  }

  /** The values one operation sends may mark at most one value primary: 400 invalidValue otherwise. */
  static void checkOnePrimary(AttributeDefinition def, JsonNode values, String display) {
    if (def.subAttribute("primary") == null || !values.isArray()) {
      return;
    }
    int primaries = 0;
    for (JsonNode e : values) {
      if (isPrimary(e)) {
        primaries++;
      }
    }
    if (primaries > 1) {
      throw ScimException.invalidValue("the value of '" + display + "' marks " + primaries
          + " values primary; at most one may be");
    }
  }

  private static List<JsonNode> toList(ArrayNode arr) {
    List<JsonNode> l = new ArrayList<>(arr.size());
    arr.forEach(l::add);
    return l;
  }

  private static boolean isPrimary(JsonNode e) {
    JsonNode p = e.get("primary");
    return p != null && p.isBoolean() && p.booleanValue();
  }
}
