package dev.scimsync.core.resource;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Parts shared by {@link User} and {@link Group}. */
final class TypedViews {

  private static final Meta NO_META = new Meta(null, null, null, null, null);

  private TypedViews() {}

  /**
   * The typed {@code meta} when {@code v} is a non-empty object that {@link Meta#toJson()}
   * reproduces exactly, else null (the caller keeps the JSON as it is).
   */
  static @Nullable Meta meta(@Nullable JsonNode v) {
    if (v == null || !v.isObject()) {
      return null;
    }
    try {
      Meta m = Meta.from(v);
      return !m.equals(NO_META) && m.toJson().equals(v) ? m : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static boolean isEmpty(@Nullable Meta m) {
    return m == null || m.equals(NO_META);
  }
}
