package dev.scimsync.filter.schema;

import org.jspecify.annotations.Nullable;

/** The attributes common to all resources (RFC 7643 §3.1), for use when no schema is given. */
final class CommonAttributes implements FilterSchema {

  static final CommonAttributes INSTANCE = new CommonAttributes();

  private static final AttributeInfo CASE_EXACT_STRING = new AttributeInfo(AttributeType.STRING, false, true);
  private static final AttributeInfo DATE_TIME = AttributeInfo.of(AttributeType.DATE_TIME);
  private static final AttributeInfo REFERENCE = new AttributeInfo(AttributeType.REFERENCE, false, true);
  private static final AttributeInfo META = AttributeInfo.of(AttributeType.COMPLEX);

  private CommonAttributes() {}

  @Override
  public @Nullable AttributeInfo attribute(@Nullable String schemaUri, String name, @Nullable String sub) {
    if (sub == null) {
      if (name.equalsIgnoreCase("id") || name.equalsIgnoreCase("externalId")) {
        return CASE_EXACT_STRING;
      }
      if (name.equalsIgnoreCase("meta")) {
        return META;
      }
      return null;
    }
    if (sub.equalsIgnoreCase("$ref")) {
      return REFERENCE;
    }
    if (name.equalsIgnoreCase("meta")) {
      if (sub.equalsIgnoreCase("created") || sub.equalsIgnoreCase("lastModified")) {
        return DATE_TIME;
      }
      if (sub.equalsIgnoreCase("location")) {
        return REFERENCE;
      }
      if (sub.equalsIgnoreCase("version") || sub.equalsIgnoreCase("resourceType")) {
        return CASE_EXACT_STRING;
      }
    }
    return null;
  }
}
