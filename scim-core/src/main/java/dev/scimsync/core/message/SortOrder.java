package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.filter.internal.Texts;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The order of sorted results (RFC 7644 §3.4.2.3), on the wire ({@code sortOrder}) and in store
 * queries alike.
 */
public enum SortOrder {
  /** {@code ascending}: smallest first; the default. */
  ASCENDING,
  /** {@code descending}: largest first. */
  DESCENDING;

  /** The wire value: {@code ascending} or {@code descending}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The order for a wire value in any case.
   *
   * @throws ScimException 400 invalidValue naming the value
   */
  public static SortOrder fromWireName(@Nullable String value) {
    for (SortOrder s : values()) {
      if (s.wireName().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw ScimException.invalidValue("'sortOrder' must be \"ascending\" or \"descending\", not \""
        + Texts.abbreviate(String.valueOf(value), Wire.SHOWN) + "\"");
  }
}
