package dev.scimsync.core.patch;

import java.util.Map;
import java.util.Set;

/**
 * What a PATCH changed, so that stores and event listeners need not diff whole resources.
 *
 * @param attributes canonical paths of the top-level attributes whose value changed ({@code
 *     active}, {@code name}, {@code urn:...:enterprise:2.0:User:manager}); for an attribute applied as
 *     a delta (see {@link PatchEngine#applyAsDelta}), when its delta is not empty
 * @param deltas per tracked multi-valued attribute (e.g. {@code members}), the values added and removed
 */
public record ChangeSet(Set<String> attributes, Map<String, ValueDelta> deltas) {

  /** Copies both collections. */
  public ChangeSet {
    attributes = Set.copyOf(attributes);
    deltas = Map.copyOf(deltas);
  }

  /** True when nothing changed. */
  public boolean isEmpty() {
    return attributes.isEmpty() && deltas.values().stream().allMatch(ValueDelta::isEmpty);
  }

  /** Whether the attribute with this canonical path changed (case-insensitive). */
  public boolean changed(String attribute) {
    for (String a : attributes) {
      if (a.equalsIgnoreCase(attribute)) {
        return true;
      }
    }
    return false;
  }

  /** The delta of {@code attribute} (case-insensitive), or {@link ValueDelta#NONE}. */
  public ValueDelta delta(String attribute) {
    for (Map.Entry<String, ValueDelta> e : deltas.entrySet()) {
      if (e.getKey().equalsIgnoreCase(attribute)) {
        return e.getValue();
      }
    }
    return ValueDelta.NONE;
  }
}
