package dev.scimsync.sync.internal;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attribute diff: the PATCH operations that make a target resource's managed attributes equal
 * to the mapped source, touching nothing else. Complex attributes are compared sub-attribute by
 * sub-attribute (a PATCH replace of a complex attribute keeps sub-attributes it does not name);
 * multi-valued attributes are replaced whole when they differ.
 */
public final class Diff {
  private Diff() {}

  /** The operations turning {@code current} into {@code desired} on the {@code managed} paths. */
  public static List<PatchOperation> operations(ObjectNode desired, ObjectNode current, Collection<String> managed) {
    List<PatchOperation> ops = new ArrayList<>();
    for (String path : managed) {
      diff(path, Paths.get(desired, path), Paths.get(current, path), ops);
    }
    return ops;
  }

  private static void diff(String path, JsonNode want, JsonNode have, List<PatchOperation> ops) {
    boolean wantPresent = present(want);
    boolean havePresent = present(have);
    if (!wantPresent && !havePresent) {
      return;
    }
    if (!wantPresent) {
      ops.add(PatchOperation.remove(path));
      return;
    }
    if (want.isObject() && havePresent && have.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      want.propertyNames().forEach(keys::add);
      have.propertyNames().forEach(keys::add);
      Set<String> lower = new LinkedHashSet<>();
      for (String k : keys) {
        if (lower.add(k.toLowerCase(java.util.Locale.ROOT))) {
          String sub = path.regionMatches(true, 0, "urn:", 0, 4) && Paths.keys(path).size() == 1
              ? path + ":" + k : path + "." + k;
          diff(sub, dev.scimsync.filter.internal.JsonNodes.get(want, k), dev.scimsync.filter.internal.JsonNodes.get(have, k),
              ops);
        }
      }
      return;
    }
    if (!havePresent || !same(want, have)) {
      ops.add(PatchOperation.replace(path, want.deepCopy()));
    }
  }

  /** Equal as JSON, ignoring the order of multi-valued attributes' values. */
  static boolean same(JsonNode a, JsonNode b) {
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      boolean[] used = new boolean[b.size()];
      outer:
      for (JsonNode x : a) {
        for (int i = 0; i < b.size(); i++) {
          if (!used[i] && x.equals(b.get(i))) {
            used[i] = true;
            continue outer;
          }
        }
        return false;
      }
      return true;
    }
    return a.equals(b);
  }

  static boolean present(JsonNode v) {
    return dev.scimsync.filter.internal.JsonNodes.isPresent(v);
  }

  /** The managed paths of {@code resource} (and its externalId and active), for the target index. */
  public static ObjectNode project(ObjectNode resource, Collection<String> managed) {
    ObjectNode out = ScimJson.object();
    for (String p : managed) {
      JsonNode v = Paths.get(resource, p);
      if (v != null) {
        Paths.set(out, p, v.deepCopy());
      }
    }
    return out;
  }
}
