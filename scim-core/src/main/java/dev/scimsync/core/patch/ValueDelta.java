package dev.scimsync.core.patch;

import dev.scimsync.core.internal.CompactProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The net change a PATCH makes to a multi-valued attribute whose values are identified by their
 * {@code value} sub-attribute, such as a group's {@code members}. Applied in order: if {@link
 * #cleared()}, remove every value; then remove {@link #removed()}; then add {@link #added()}. A
 * store applies it without reading the other values, so one change to a 50,000-member group costs
 * what one change costs.
 *
 * @param cleared whether every existing value goes first
 * @param removed the {@code value}s to remove
 * @param added the values to add (each with its {@code value}), keyed by {@code value}
 */
public record ValueDelta(boolean cleared, Set<String> removed, Map<String, ObjectNode> added) {

  /** Copies the collections, keeping their order; the added values are deep-copied. */
  public ValueDelta {
    // one or no value is what a PATCH of a member usually leaves: no ordered copy needed for those
    removed = removed.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(new LinkedHashSet<>(removed));
    if (added.isEmpty()) {
      added = Collections.emptyMap();
    } else if (added.size() == 1) {
      Map.Entry<String, ObjectNode> e = added.entrySet().iterator().next();
      added = Collections.singletonMap(e.getKey(), CompactProperties.deepCopy(e.getValue()));
    } else {
      Map<String, ObjectNode> copy = new LinkedHashMap<>();
      added.forEach((k, v) -> copy.put(k, CompactProperties.deepCopy(v)));
      added = Collections.unmodifiableMap(copy);
    }
  }

  /** No change. */
  public static final ValueDelta NONE = new ValueDelta(false, Set.of(), Map.of());

  /** True when applying it changes nothing. */
  public boolean isEmpty() {
    return !cleared && removed.isEmpty() && added.isEmpty();
  }
}
