package dev.scimsync.sync.mapping;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One declarative mapping rule: the target attribute, and either a source attribute (optionally
 * transformed) or a constant.
 *
 * @param target the target attribute path, e.g. {@code userName}, {@code name.givenName},
 *     {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}
 * @param source the source attribute path, or null for a constant
 * @param constant the constant value, or null
 * @param transform applied to string values of the source attribute
 */
public record Rule(String target, @Nullable String source, @Nullable JsonNode constant, Transform transform) {
  /** Requires a target and exactly one of source and constant. */
  public Rule {
    Objects.requireNonNull(target, "target");
    if ((source == null) == (constant == null)) {
      throw new IllegalArgumentException("rule for " + target + ": give either a source or a constant");
    }
    transform = transform == null ? Transform.NONE : transform;
  }

  /** Copies {@code source} to {@code target}. */
  public static Rule copy(String target, String source) {
    return new Rule(target, source, null, Transform.NONE);
  }

  /** Copies {@code source} to {@code target} through {@code transform}. */
  public static Rule copy(String target, String source, Transform transform) {
    return new Rule(target, source, null, transform);
  }

  /** Sets {@code target} to {@code value}. */
  public static Rule constant(String target, JsonNode value) {
    return new Rule(target, null, value, Transform.NONE);
  }
}
