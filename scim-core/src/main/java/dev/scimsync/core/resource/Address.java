package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeBoolean;
import static dev.scimsync.core.resource.TypedJson.takeString;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One of a User's {@code addresses} (RFC 7643 §4.1.2). Sub-attributes not modelled here are kept
 * in {@link #extra()}, as for {@link MultiValue}.
 *
 * @param formatted the full address for display; may contain newlines
 * @param streetAddress the street part
 * @param locality the city or locality
 * @param region the state or region
 * @param postalCode the postal code
 * @param country the country, as an ISO 3166-1 alpha-2 code
 * @param type {@code work}, {@code home} or {@code other}
 * @param primary whether this is the preferred address; null when not stated
 * @param extra other sub-attributes; copied, and null is read as empty
 */
public record Address(@Nullable String formatted, @Nullable String streetAddress, @Nullable String locality,
    @Nullable String region, @Nullable String postalCode, @Nullable String country, @Nullable String type,
    @Nullable Boolean primary, @Nullable ObjectNode extra) {

  /** Normalises as {@link MultiValue} does. */
  public Address {
    extra = TypedJson.copy(extra);
    formatted = takeString(extra, "formatted", formatted);
    streetAddress = takeString(extra, "streetAddress", streetAddress);
    locality = takeString(extra, "locality", locality);
    region = takeString(extra, "region", region);
    postalCode = takeString(extra, "postalCode", postalCode);
    country = takeString(extra, "country", country);
    type = takeString(extra, "type", type);
    primary = takeBoolean(extra, "primary", primary);
  }

  /** An address without extra sub-attributes. */
  public Address(@Nullable String formatted, @Nullable String streetAddress, @Nullable String locality,
      @Nullable String region, @Nullable String postalCode, @Nullable String country, @Nullable String type,
      @Nullable Boolean primary) {
    this(formatted, streetAddress, locality, region, postalCode, country, type, primary, null);
  }

  /** Reads an address from its JSON object; never throws. */
  public static Address fromJson(ObjectNode json) {
    return new Address(null, null, null, null, null, null, null, null, json);
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

  /** The JSON form, leaving out null sub-attributes. */
  public ObjectNode toJson() {
    ObjectNode o = TypedJson.copy(null);
    put(o, "formatted", formatted);
    put(o, "streetAddress", streetAddress);
    put(o, "locality", locality);
    put(o, "region", region);
    put(o, "postalCode", postalCode);
    put(o, "country", country);
    put(o, "type", type);
    put(o, "primary", primary);
    TypedJson.putAll(o, TypedJson.kept(extra));
    return o;
  }
}
