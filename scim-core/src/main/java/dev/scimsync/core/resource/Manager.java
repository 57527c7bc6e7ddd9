package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeString;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user's manager in the Enterprise User extension (RFC 7643 §4.3). Sub-attributes not modelled
 * here are kept in {@link #extra()}, as for {@link MultiValue}.
 *
 * @param value the manager's {@code id}
 * @param ref the URI of the manager's User resource ({@code $ref})
 * @param displayName the manager's display name (read-only at the service provider)
 * @param extra other sub-attributes; copied, and null is read as empty
 */
public record Manager(@Nullable String value, @Nullable String ref, @Nullable String displayName,
    @Nullable ObjectNode extra) {

  /** Normalises as {@link MultiValue} does. */
  public Manager {
    extra = TypedJson.copy(extra);
    value = takeString(extra, "value", value);
    ref = takeString(extra, "$ref", ref);
    displayName = takeString(extra, "displayName", displayName);
  }

  /** A manager without extra sub-attributes. */
  public Manager(@Nullable String value, @Nullable String ref, @Nullable String displayName) {
    this(value, ref, displayName, null);
  }

  /** A manager given by {@code id} alone. */
  public static Manager of(String value) {
    return new Manager(value, null, null, null);
  }

  /** Reads a manager from its JSON object; never throws. */
  public static Manager fromJson(ObjectNode json) {
    return new Manager(null, null, null, json);
  }

  /** A copy of the sub-attributes not modelled here. */
  @Override
  public ObjectNode extra() {
    return TypedJson.kept(extra).deepCopy();
  }

  /** True when nothing at all is set. */
  public boolean isEmpty() {
    return value == null && ref == null && displayName == null && TypedJson.kept(extra).isEmpty();
  }

  /** The JSON form, leaving out null sub-attributes. */
  public ObjectNode toJson() {
    ObjectNode o = TypedJson.copy(null);
    put(o, "value", value);
    put(o, "$ref", ref);
    put(o, "displayName", displayName);
    TypedJson.putAll(o, TypedJson.kept(extra));
    return o;
  }
}
