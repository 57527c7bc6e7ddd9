package dev.scimsync.store.jdbc;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Text keys that a database compares byte by byte (unsigned, shorter prefix first: PostgreSQL
 * {@code bytea}, H2 {@code VARBINARY}) in exactly the order of scim-core's {@code Sorting}:
 *
 * <ul>
 *   <li>case-insensitive attributes follow {@link String#CASE_INSENSITIVE_ORDER}, which compares
 *       code points folded as {@code toLowerCase(toUpperCase(cp))}: the key is the UTF-8 encoding
 *       of the folded text, since UTF-8 byte order is code point order;
 *   <li>case-exact attributes follow {@link String#compareTo}, which compares UTF-16 code units:
 *       the key is the UTF-16BE encoding of the text.
 * </ul>
 *
 * Two texts have the same case-insensitive key exactly when they are {@link
 * String#equalsIgnoreCase equal ignoring case}, so a unique index on the key enforces
 * case-insensitive uniqueness.
 */
public final class SortKeys {

  private SortKeys() {}

  /** The key of {@code text}, or null for null. */
  public static byte @Nullable [] text(@Nullable String text, boolean caseExact) {
    if (text == null) {
      return null;
    }
    if (!caseExact) {
      return fold(text).getBytes(StandardCharsets.UTF_8);
    }
    byte[] out = new byte[text.length() * 2];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out[2 * i] = (byte) (c >>> 8);
      out[2 * i + 1] = (byte) c;
    }
    return out;
  }

  /**
   * {@code text} with each code point folded as {@code toLowerCase(toUpperCase(cp))}: two texts
   * fold to the same text exactly when they are {@link String#equalsIgnoreCase equal ignoring
   * case}. Unpaired surrogates stay as they are (and UTF-8 encodes them as '?', in keys only).
   */
  public static String fold(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
    return b.toString();
  }
}
