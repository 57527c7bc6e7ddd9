package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeString;

import tools.jackson.databind.node.ObjectNode;

/**
 * One of a User's {@code groups} (RFC 7643 §4.1.2): a group the user belongs to. The attribute is
 * read-only; the service provider derives it from the groups' {@code members}. Sub-attributes not
 * modelled here are kept in {@link #extra()}, as for {@link MultiValue}.
 *
 * @param value the group's {@code id}
 * @param ref the URI of the group ({@code $ref})
 * @param display the group's display name
 * @param type {@code direct} or {@code indirect}
 * @param extra other sub-attributes; copied, and null is read as empty
 */
public record GroupMembership(String value, String ref, String display, String type, ObjectNode extra) {

  /** Normalises as {@link MultiValue} does. */
  public GroupMembership {
    extra = TypedJson.copy(extra);
    value = takeString(extra, "value", value);
    ref = takeString(extra, "$ref", ref);
    display = takeString(extra, "display", display);
    type = takeString(extra, "type", type);
  }

  /** A membership without extra sub-attributes. */
  public GroupMembership(String value, String ref, String display, String type) {
    this(value, ref, display, type, null);
  }

  /** Reads a membership from its JSON object; never throws. */
  public static GroupMembership fromJson(ObjectNode json) {
    return new GroupMembership(null, null, null, null, json);
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
