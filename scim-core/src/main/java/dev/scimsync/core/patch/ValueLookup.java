package dev.scimsync.core.patch;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import org.jspecify.annotations.Nullable;

/**
 * The values of one array of a {@link WorkingCopy} by key, while one PATCH only appends to it or
 * merges into values (which keeps their key): the {@link ValueIndex} of the values it started with,
 * and the positions of the values appended since. Any other change to the array ends it ({@link
 * WorkingCopy#array}); the operations then scan.
 */
final class ValueLookup {

  private final ArrayNode array;
  private final boolean caseExact;
  private final @Nullable ValueIndex base;
  private final Map<String, Object> added = new HashMap<>();
  private boolean valid = true;

  /**
   * A lookup of {@code array}, whose first values are those of {@code base}'s array (same nodes,
   * same order); without {@code base}, {@code array} must be empty.
   */
  ValueLookup(ArrayNode array, boolean caseExact, @Nullable ValueIndex base) {
    this.array = array;
    this.caseExact = caseExact;
    this.base = base;
  }

  ArrayNode array() {
    return array;
  }

  boolean valid() {
    return valid;
  }

  void invalidate() {
    valid = false;
  }

  /**
   * The first position of a value {@code same} holds for, among the values with the key of {@code
   * value}; -1 when there is none; -2 when {@code value} has no key, so only a scan can tell.
   */
  int find(JsonNode value, Predicate<JsonNode> same) {
    String k = ValueIndex.key(value, caseExact);
    if (k == null) {
      return -2;
    }
    int found = base == null ? -1 : base.first(k, p -> same.test(array.get(p)));
    return ValueIndex.min(found, ValueIndex.firstIn(added.get(k), p -> same.test(array.get(p))));
  }

  /** Records the value just appended to the array. */
  void appended(JsonNode value) {
    String k = ValueIndex.key(value, caseExact);
    if (k != null) {
      added.put(k, ValueIndex.plus(added.get(k), array.size() - 1));
    }
  }

  /**
   * The index of the array as it is now, for the resource the PATCH returns; null when it is
   * short or was changed otherwise than by appending.
   */
  @Nullable ValueIndex result(String attribute) {
    if (!valid || array.size() < ValueIndex.MIN_SIZE) {
      return null;
    }
    return base == null ? ValueIndex.of(attribute, caseExact, array, added) : base.extend(array, added);
  }
}
