package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeString;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reference to another resource: one of a Group's {@code members} (RFC 7643 §4.2, a User or a
 * Group) or one of a User's read-only {@code groups} (§4.1.2). Sub-attributes not modelled here
 * are kept in {@link #extra()}, as for {@link MultiValue}.
 *
 * @param value the referenced resource's {@code id}
 * @param ref its URI ({@code $ref})
 * @param display its display name
 * @param type for members {@code User} or {@code Group}; for a user's groups {@code direct} or
 *     {@code indirect}
 * @param extra other sub-attributes; copied, and null is read as empty
 */
public record Reference(@Nullable String value, @Nullable String ref, @Nullable String display, @Nullable String type,
    @Nullable ObjectNode extra) {

  /** Normalises as {@link MultiValue} does. */
  public Reference {
    extra = TypedJson.copy(extra);
    value = takeString(extra, "value", value);
    ref = takeString(extra, "$ref", ref);
    display = takeString(extra, "display", display);
    type = takeString(extra, "type", type);
  }

  /** A reference without extra sub-attributes. */
  public Reference(@Nullable String value, @Nullable String ref, @Nullable String display, @Nullable String type) {
    this(value, ref, display, type, null);
  }

  /** A reference given by {@code id} alone. */
  public static Reference of(String value) {
    return new Reference(value, null, null, null, null);
  }

  /** A reference to a User (a group member of type User). */
  public static Reference user(String value) {
    return new Reference(value, null, null, "User", null);
  }

  /** A reference to a Group (a nested group member). */
  public static Reference group(String value) {
    return new Reference(value, null, null, "Group", null);
  }

  /** Reads a reference from its JSON object; never throws. */
  public static Reference fromJson(ObjectNode json) {
    return new Reference(null, null, null, null, json);
  }

  /** A copy of the sub-attributes not modelled here. */
  @Override
  public ObjectNode extra() {
    return TypedJson.kept(extra).deepCopy();
  }

  /** The JSON form, leaving out null sub-attributes. */
  public ObjectNode toJson() {
    ObjectNode o = TypedJson.copy(null);
    put(o, "value", value);
    put(o, "$ref", ref);
    put(o, "display", display);
    put(o, "type", type);
    TypedJson.putAll(o, TypedJson.kept(extra));
    return o;
  }
}
