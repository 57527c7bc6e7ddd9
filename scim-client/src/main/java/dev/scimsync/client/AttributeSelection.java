package dev.scimsync.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code attributes} or {@code excludedAttributes} of a request (RFC 7644 §3.4.2.5): which
 * attributes the server returns. Immutable.
 *
 * @param attributes the attributes to return (with those always returned), empty for the default set
 * @param excludedAttributes the attributes to leave out of the default set
 */
public record AttributeSelection(List<String> attributes, List<String> excludedAttributes) {

  /** Copies the lists; null means empty. Both lists non-empty is rejected, as RFC 7644 allows only one. */
  public AttributeSelection {
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    excludedAttributes = excludedAttributes == null ? List.of() : List.copyOf(excludedAttributes);
    if (!attributes.isEmpty() && !excludedAttributes.isEmpty()) {
      throw new IllegalArgumentException("use either attributes or excludedAttributes, not both");
    }
  }

  /** The server's default set. */
  public static AttributeSelection defaults() {
    return new AttributeSelection(List.of(), List.of());
  }

  /** Only {@code names} (and the attributes always returned). */
  public static AttributeSelection include(String... names) {
    return new AttributeSelection(List.of(names), List.of());
  }

  /** The default set without {@code names}, e.g. {@code members} of a large group. */
  public static AttributeSelection exclude(String... names) {
    return new AttributeSelection(List.of(), List.of(names));
  }

  @Nullable String attributesParam() {
    return attributes.isEmpty() ? null : String.join(",", attributes);
  }

  @Nullable String excludedParam() {
    return excludedAttributes.isEmpty() ? null : String.join(",", excludedAttributes);
  }
}
