package dev.scimsync.filter.internal;

/**
 * Client-supplied text shown in error messages and logs, cut so that a megabyte-long value does
 * not become a megabyte-long message. Internal: exported only to the scimsync modules, not API.
 */
public final class Texts {

  private static final String ELLIPSIS = "...";

  private Texts() {}

  /**
   * {@code s} when it has at most {@code max} characters, else its start followed by {@code ...},
   * {@code max} characters in all. A cut never splits a surrogate pair (half of one would make the
   * message unencodable).
   *
   * @param max the longest text returned; at least 4
   */
  public static String abbreviate(String s, int max) {
    if (max <= ELLIPSIS.length()) {
      throw new IllegalArgumentException("max " + max + " leaves no room for text before the ellipsis");
    }
    if (s.length() <= max) {
      return s;
    }
    int end = max - ELLIPSIS.length();
    if (Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
      end--;
    }
    return s.substring(0, end) + ELLIPSIS;
  }
}
