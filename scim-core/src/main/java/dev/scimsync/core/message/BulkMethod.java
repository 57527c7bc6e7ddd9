package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.filter.internal.Texts;
import org.jspecify.annotations.Nullable;

/** The HTTP methods a bulk operation may use (RFC 7644 §3.7). */
public enum BulkMethod {
  /** Create a resource; needs a {@code bulkId}. */
  POST,
  /** Replace a resource. */
  PUT,
  /** Modify a resource with a PATCH request body. */
  PATCH,
  /** Delete a resource. */
  DELETE;

  /**
   * The method for a wire value: upper case only, or any case with {@code anyCase}.
   *
   * @throws ScimException 400 invalidValue naming the value
   */
  public static BulkMethod fromWireName(@Nullable String value, boolean anyCase) {
    for (BulkMethod m : values()) {
      if (anyCase ? m.name().equalsIgnoreCase(value) : m.name().equals(value)) {
        return m;
      }
    }
    throw ScimException.invalidValue("bulk 'method' must be POST, PUT, PATCH or DELETE, not \""
        + Texts.abbreviate(String.valueOf(value), Wire.SHOWN) + "\"");
  }
}
