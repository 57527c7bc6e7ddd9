package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeString;

import tools.jackson.databind.node.ObjectNode;

/**
 * One of a Group's {@code members} (RFC 7643 §4.2): a User or a Group. Sub-attributes not modelled
 * here are kept in {@link #extra()}, as for {@link MultiValue}.
 *
 * @param value the member's {@code id}
 * @param ref the URI of the member ({@code $ref})
 * @param display the member's display name
 * @param type {@code User} or {@code Group}
 * @param extra other sub-attributes; copied, and null is read as empty
 */
public record Member(String value, String ref, String display, String type, ObjectNode extra) {

  /** Normalises as {@link MultiValue} does. */
  public Member {
    extra = TypedJson.copy(extra);
    value = takeString(extra, "value", value);
    ref = takeString(extra, "$ref", ref);
    display = takeString(extra, "display", display);
    type = takeString(extra, "type", type);
  }

  /** A member without extra sub-attributes. */
  public Member(String value, String ref, String display, String type) {
    this(value, ref, display, type, null);
  }

  /** A member given by {@code id} alone. */
  public static Member of(String value) {
    return new Member(value, null, null, null, null);
  }

  /** A User member. */
  public static Member user(String value) {
    return new Member(value, null, null, "User", null);
  }

  /** A Group member. */
  public static Member group(String value) {
    return new Member(value, null, null, "Group", null);
  }

  /** Reads a member from its JSON object; never throws. */
  public static Member fromJson(ObjectNode json) {
    return new Member(null, null, null, null, json);
  }

  /** A copy of the sub-attributes not modelled here. */
  @Override
  public ObjectNode extra() {
    return extra.deepCopy();
  }

  /** The JSON form, leaving out null sub-attributes. */
  public ObjectNode toJson() {
    ObjectNode o = TypedJson.copy(null);
    put(o, "value", value);
    put(o, "$ref", ref);
    put(o, "display", display);
    put(o, "type", type);
    TypedJson.putAll(o, extra);
    return o;
  }
}
