package dev.scimsync.store.jdbc;

/**
 * Text keys that a database compares byte by byte in exactly the order of scim-core's {@code
 * Sorting}: {@link String#CASE_INSENSITIVE_ORDER} for case-insensitive attributes, {@link
 * String#compareTo} for case-exact ones. The key is the UTF-16BE encoding of the text, each
 * character folded as {@code toLowerCase(toUpperCase(c))} unless case-exact; unsigned bytewise
 * comparison of such keys is UTF-16 code unit order, shorter prefix first, which is what both
 * Java comparisons do. Two texts have the same case-insensitive key exactly when they are {@link
 * String#equalsIgnoreCase equal ignoring case}, so a unique index on the key enforces
 * case-insensitive uniqueness.
 */
public final class SortKeys {

  private SortKeys() {}

  /** The key of {@code text}, or null for null. */
  public static byte[] text(String text, boolean caseExact) {
    if (text == null) {
      return null;
    }
    byte[] out = new byte[text.length() * 2];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!caseExact) {
        c = Character.toLowerCase(Character.toUpperCase(c));
      }
      out[2 * i] = (byte) (c >>> 8);
      out[2 * i + 1] = (byte) c;
    }
    return out;
  }

  /**
   * {@code text} with each character folded as {@code toLowerCase(toUpperCase(c))}: two texts fold
   * to the same text exactly when they are {@link String#equalsIgnoreCase equal ignoring case}.
   */
  public static String fold(String text) {
    char[] out = text.toCharArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = Character.toLowerCase(Character.toUpperCase(out[i]));
    }
    return new String(out);
  }
}
