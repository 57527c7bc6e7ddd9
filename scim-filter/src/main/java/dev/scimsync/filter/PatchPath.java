package dev.scimsync.filter;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code path} of a PATCH operation (RFC 7644 §3.5.2): {@code attrPath}, or {@code
 * valuePath [subAttr]}. Examples: {@code name.givenName}, {@code members[value eq "2819c223"]},
 * {@code emails[type eq "work"].value}.
 *
 * @param attribute the attribute addressed; with a value filter it never has a sub-attribute
 * @param valueFilter the filter selecting values of a multi-valued attribute, or null
 * @param subAttribute the sub-attribute after a value filter, or null
 */
public record PatchPath(AttributePath attribute, @Nullable Filter valueFilter, @Nullable String subAttribute) {

  /** Checks that the parts fit together. */
  public PatchPath {
    Objects.requireNonNull(attribute, "attribute");
    if (valueFilter == null && subAttribute != null) {
      throw new FilterException(FilterException.INVALID_PATH,
          "a sub-attribute after the attribute belongs in the attribute path", -1);
    }
    if (valueFilter != null && attribute.subAttribute() != null) {
      throw new FilterException(FilterException.INVALID_PATH,
          "a value filter applies to an attribute, not to sub-attribute " + attribute, -1);
    }
    if (valueFilter != null && ValuePathFilter.containsValuePath(valueFilter)) {
      throw new FilterException(FilterException.INVALID_PATH, "a value filter cannot contain another value filter", -1);
    }
    if (subAttribute != null && !AttributePath.isAttributeName(subAttribute)) {
      throw new FilterException(FilterException.INVALID_PATH, "invalid sub-attribute name '" + subAttribute + "'", -1);
    }
  }

  /** A path without value filter. */
  public static PatchPath of(AttributePath attribute) {
    return new PatchPath(attribute, null, null);
  }

  /** Parses a PATCH path with the strict default parser. */
  public static PatchPath parse(String text) {
    return FilterParser.DEFAULT.parsePath(text);
  }

  /** True when the path selects values with a filter. */
  public boolean hasValueFilter() {
    return valueFilter != null;
  }

  /** Canonical text that parses back to an equal path. */
  @Override
  public String toString() {
    return FilterPrinter.print(this);
  }
}
