package dev.scimsync.filter.schema;

import java.util.Objects;

/**
 * What filter evaluation and SQL translation need to know about one attribute.
 *
 * @param type the data type
 * @param multiValued whether the attribute holds a list
 * @param caseExact whether string comparison respects case
 */
public record AttributeInfo(AttributeType type, boolean multiValued, boolean caseExact) {

  /** Requires a type. */
  public AttributeInfo {
    Objects.requireNonNull(type, "type");
  }

  /** A single-valued attribute of {@code type}, case-insensitive. */
  public static AttributeInfo of(AttributeType type) {
    return new AttributeInfo(type, false, false);
  }
}
