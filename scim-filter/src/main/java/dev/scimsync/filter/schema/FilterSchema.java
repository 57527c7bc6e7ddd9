package dev.scimsync.filter.schema;

import org.jspecify.annotations.Nullable;

/**
 * The schema knowledge that filter evaluation and SQL translation use: an attribute's type,
 * case-exactness and plurality. scim-core implements it from full RFC 7643 schemas; {@link
 * #defaults()} knows the common attributes and leaves the rest to be inferred from the data.
 */
public interface FilterSchema {

  /**
   * Facts about an attribute, or null when this schema does not know it.
   *
   * @param schemaUri the schema URN the path was qualified with, or null (then the resource's own
   *     attributes and those of its extensions are searched)
   * @param name the attribute name, in any case
   * @param subAttribute the sub-attribute name in any case, or null for the attribute itself
   */
  @Nullable AttributeInfo attribute(@Nullable String schemaUri, String name, @Nullable String subAttribute);

  /**
   * Whether {@code schemaUri} is a schema extension, whose attributes sit in the resource under an
   * object keyed by the URN. Core schemas' attributes sit at the top level. The default treats
   * everything but {@code urn:ietf:params:scim:schemas:core:} URNs as an extension.
   */
  default boolean isExtension(String schemaUri) {
    return !schemaUri.regionMatches(true, 0, CORE_PREFIX, 0, CORE_PREFIX.length());
  }

  /**
   * The extension schema URN under which an unqualified attribute name lives, when the resource's
   * core schema lacks it and exactly one extension defines it; null otherwise (the default).
   * Evaluation then finds {@code employeeNumber} under the enterprise extension without the URN.
   */
  default @Nullable String extensionOf(String name) {
    return null;
  }

  /** The prefix of the core schema URNs of RFC 7643. */
  String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:";

  /** A schema that knows nothing: every type is inferred from the JSON value. */
  static FilterSchema none() {
    return (schemaUri, name, subAttribute) -> null;
  }

  /**
   * Knows the attributes that RFC 7643 gives every resource ({@code id}, {@code externalId},
   * {@code meta.*}) and the case-exact reference sub-attribute {@code $ref}; everything else is
   * inferred from the JSON value, with strings compared case-insensitively.
   */
  static FilterSchema defaults() {
    return CommonAttributes.INSTANCE;
  }
}
