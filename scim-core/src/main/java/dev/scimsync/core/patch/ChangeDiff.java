package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The {@link ChangeSet} of one PATCH: the touched attributes whose value really changed. */
final class ChangeDiff {

  private ChangeDiff() {}

  /**
   * Compares each touched attribute before and after; an attribute applied as a delta reports its
   * recorded delta instead.
   */
  static ChangeSet changes(WorkingCopy copy, @Nullable DeltaRecorder delta) {
    Set<String> changed = new LinkedHashSet<>();
    Map<String, ValueDelta> deltas = new LinkedHashMap<>();
    for (ResolvedAttribute r : copy.touched()) {
      String key = r.canonicalPath();
      if (delta != null && delta.isFor(r)) {
        ValueDelta d = delta.toDelta();
        if (!d.isEmpty()) {
          changed.add(key);
          deltas.put(key, d);
        }
        continue;
      }
      JsonNode was = WorkingCopy.valueIn(copy.before(), r);
      JsonNode now = WorkingCopy.valueIn(copy.doc(), r);
      if (!Objects.equals(was, now)) {
        changed.add(key);
        AttributeDefinition def = r.attribute();
        if (def.multiValued() && def.subAttribute("value") != null) {
          deltas.put(key, diff(was, now));
        }
      }
    }
    return new ChangeSet(changed, deltas);
  }

  private static ValueDelta diff(@Nullable JsonNode was, @Nullable JsonNode now) {
    Map<String, ObjectNode> before = byValue(was);
    Map<String, ObjectNode> after = byValue(now);
    Set<String> gone = new LinkedHashSet<>();
    for (String k : before.keySet()) {
      if (!after.containsKey(k)) {
        gone.add(k);
      }
    }
    Map<String, ObjectNode> plus = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      if (!before.containsKey(k)) {
        plus.put(k, v);
      }
    });
    return new ValueDelta(false, gone, plus);
  }

  private static Map<String, ObjectNode> byValue(@Nullable JsonNode list) {
    Map<String, ObjectNode> m = new LinkedHashMap<>();
    if (list instanceof ArrayNode arr) {
      for (JsonNode e : arr) {
        JsonNode v = e.get("value");
        if (e instanceof ObjectNode eo && v != null && v.isString()) {
          m.putIfAbsent(v.stringValue(), eo);
        }
      }
    }
    return m;
  }
}
