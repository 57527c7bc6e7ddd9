package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeBoolean;
import static dev.scimsync.core.resource.TypedJson.takeString;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One value of a multi-valued attribute with the sub-attributes {@code value}, {@code display},
 * {@code type} and {@code primary} that RFC 7643 §2.4 gives them: a User's {@code emails},
 * {@code phoneNumbers}, {@code ims}, {@code photos}, {@code entitlements}, {@code roles} and
 * {@code x509Certificates} (RFC 7643 §4.1.2). One record serves all of them; the attribute it
 * belongs to says what {@code value} holds (an address, a number, a URL, base64 DER data...).
 *
 * <p>Sub-attributes this record does not model, and modelled ones whose JSON is not of the expected
 * type, are kept in {@link #extra()} and written back by {@link #toJson()}, so no content is lost.
 * An {@code extra} entry that has the name of a modelled sub-attribute is dropped when that
 * sub-attribute is set and moved into it when it is not set and the entry fits.
 *
 * @param value the value, e.g. {@code bjensen@example.com}; may be null
 * @param display a human-readable name; may be null
 * @param type a label such as {@code work} or {@code home}; may be null
 * @param primary whether this is the preferred value; null when not stated
 * @param extra other sub-attributes; copied, and null is read as empty
 */
public record MultiValue(@Nullable String value, @Nullable String display, @Nullable String type,
    @Nullable Boolean primary, @Nullable ObjectNode extra) {

  /** Normalises as the class description says. */
  public MultiValue {
    extra = TypedJson.copy(extra);
    value = takeString(extra, "value", value);
    display = takeString(extra, "display", display);
    type = takeString(extra, "type", type);
    primary = takeBoolean(extra, "primary", primary);
  }

  /** A value without extra sub-attributes. */
  public MultiValue(@Nullable String value, @Nullable String display, @Nullable String type,
      @Nullable Boolean primary) {
    this(value, display, type, primary, null);
  }

  /** A value with only {@code value} set. */
  public static MultiValue of(String value) {
    return new MultiValue(value, null, null, null, null);
  }

  /** A value with {@code value} and {@code type} set. */
  public static MultiValue of(String value, String type) {
    return new MultiValue(value, null, type, null, null);
  }

  /**
   * The preferred value of its kind: {@code value} and {@code type} set, {@code primary} true (RFC
   * 7643 §2.4: at most one value of an attribute may be primary).
   */
  public static MultiValue primary(String value, String type) {
    return new MultiValue(value, null, type, Boolean.TRUE, null);
  }

  /** Reads one value from its JSON object; never throws, unknown content goes to {@link #extra()}. */
  public static MultiValue fromJson(ObjectNode json) {
    return new MultiValue(null, null, null, null, json);
  }

  /** A copy of the sub-attributes not modelled here. */
  @Override
  public ObjectNode extra() {
    return TypedJson.kept(extra).deepCopy();
  }

  /** True when {@code primary} is {@code true}. */
  public boolean isPrimary() {
    return Boolean.TRUE.equals(primary);
  }

  /** This value with {@code primary} set. */
  public MultiValue withPrimary(@Nullable Boolean newPrimary) {
    return new MultiValue(value, display, type, newPrimary, extra);
  }

  /** The JSON form, leaving out null sub-attributes. */
  public ObjectNode toJson() {
    ObjectNode o = TypedJson.copy(null);
    put(o, "value", value);
    put(o, "display", display);
    put(o, "type", type);
    put(o, "primary", primary);
    TypedJson.putAll(o, TypedJson.kept(extra));
    return o;
  }
}
