package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeString;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The components of a User's name (RFC 7643 §4.1.1, {@code name}). Sub-attributes not modelled
 * here are kept in {@link #extra()}, as for {@link MultiValue}.
 *
 * @param formatted the full name for display, e.g. {@code Ms. Barbara J Jensen, III}
 * @param familyName the family name
 * @param givenName the given name
 * @param middleName the middle name(s)
 * @param honorificPrefix e.g. {@code Ms.}
 * @param honorificSuffix e.g. {@code III}
 * @param extra other sub-attributes; copied, and null is read as empty
 */
public record Name(@Nullable String formatted, @Nullable String familyName, @Nullable String givenName,
    @Nullable String middleName, @Nullable String honorificPrefix, @Nullable String honorificSuffix,
    @Nullable ObjectNode extra) {

  /** Normalises as {@link MultiValue} does. */
  public Name {
    extra = TypedJson.copy(extra);
    formatted = takeString(extra, "formatted", formatted);
    familyName = takeString(extra, "familyName", familyName);
    givenName = takeString(extra, "givenName", givenName);
    middleName = takeString(extra, "middleName", middleName);
    honorificPrefix = takeString(extra, "honorificPrefix", honorificPrefix);
    honorificSuffix = takeString(extra, "honorificSuffix", honorificSuffix);
  }

  /** A name without extra sub-attributes. */
  public Name(@Nullable String formatted, @Nullable String familyName, @Nullable String givenName,
      @Nullable String middleName, @Nullable String honorificPrefix, @Nullable String honorificSuffix) {
    this(formatted, familyName, givenName, middleName, honorificPrefix, honorificSuffix, null);
  }

  /**
   * A name of given and family name only, in that order (as in "Barbara Jensen"); the record's
   * components put {@code familyName} first, so the factory names its order.
   */
  public static Name ofGivenAndFamily(String givenName, String familyName) {
    return new Name(null, familyName, givenName, null, null, null, null);
  }

  /** Reads a name from its JSON object; never throws. */
  public static Name fromJson(ObjectNode json) {
    return new Name(null, null, null, null, null, null, json);
  }

  /** A copy of the sub-attributes not modelled here. */
  @Override
  public ObjectNode extra() {
    return TypedJson.kept(extra).deepCopy();
  }

  /** True when nothing at all is set. */
  public boolean isEmpty() {
    return formatted == null && familyName == null && givenName == null && middleName == null
        && honorificPrefix == null && honorificSuffix == null && TypedJson.kept(extra).isEmpty();
  }

  /** The JSON form, leaving out null sub-attributes. */
  public ObjectNode toJson() {
    ObjectNode o = TypedJson.copy(null);
    put(o, "formatted", formatted);
    put(o, "familyName", familyName);
    put(o, "givenName", givenName);
    put(o, "middleName", middleName);
    put(o, "honorificPrefix", honorificPrefix);
    put(o, "honorificSuffix", honorificSuffix);
    TypedJson.putAll(o, TypedJson.kept(extra));
    return o;
  }
}
