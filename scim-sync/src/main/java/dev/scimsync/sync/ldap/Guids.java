package dev.scimsync.sync.ldap;

import java.util.Locale;

/**
 * Active Directory {@code objectGUID} values. AD stores a GUID in the MS-DTYP 2.3.4.2 layout: the
 * first three groups (4, 2 and 2 bytes) little-endian, the last 8 bytes in order, so the canonical
 * string reverses the bytes of the first three groups only. Reading the 16 bytes big-endian (as
 * {@code java.util.UUID}'s constructors do) gives a plausible but wrong value.
 */
public final class Guids {
  private Guids() {}

  /**
   * The canonical lower-case string ({@code 8-4-4-4-12} hex digits) of the 16 stored bytes.
   *
   * @throws IllegalArgumentException when {@code bytes} is not 16 bytes long
   */
  public static String fromAdBytes(byte[] bytes) {
    if (bytes == null || bytes.length != 16) {
      throw new IllegalArgumentException("an objectGUID has 16 bytes, not " + (bytes == null ? 0 : bytes.length));
    }
    int[] order = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15};
    StringBuilder sb = new StringBuilder(36);
    for (int i : order) {
      if (i < 0) {
        sb.append('-');
      } else {
        sb.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
      }
    }
    return sb.toString();
  }

  /** The 16 stored bytes of a canonical GUID string (the inverse of {@link #fromAdBytes}). */
  public static byte[] toAdBytes(String guid) {
    String hex = guid.replace("-", "");
    if (hex.length() != 32) {
      throw new IllegalArgumentException("not a GUID: " + guid);
    }
    byte[] canonical = new byte[16];
    for (int i = 0; i < 16; i++) {
      canonical[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      out[i] = canonical[order[i]];
    }
    return out;
  }
}
