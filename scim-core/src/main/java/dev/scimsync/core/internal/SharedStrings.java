package dev.scimsync.core.internal;

import tools.jackson.databind.node.StringNode;

/**
 * One node for each short string value that bodies repeat (schema URNs, {@code resourceType},
 * {@code type} values such as {@code "work"}): built from the parser's characters without a new
 * String when the value was seen before, and held once by all the pages a sync keeps.
 *
 * <p>A fixed table of {@value #SLOTS} slots shared by all threads: memory is bounded whatever
 * the bodies hold. A value that misses takes its slot only when the value there has not been hit
 * since the last miss on it (a second chance), so values that repeat stay while the unique ones
 * (ids, names) pass through. Thread-safe without locks: a slot is an immutable value and its node
 * (both with final fields), and the hit flag is only a hint, so a race loses at most a hit.
 */
final class SharedStrings {

  /** Longest value shared; longer ones are rarely repeated. */
  static final int MAX_LENGTH = 64;
  private static final int SLOTS = 1024;

  private static final class Slot {
    final StringNode node;
    final int hash;
    /** Hit since the last miss on this slot; a hint, read and written without ordering. */
    boolean hit;

    Slot(StringNode node, int hash) {
      this.node = node;
      this.hash = hash;
    }
  }

  private static final Slot[] TABLE = new Slot[SLOTS];

  private SharedStrings() {}

  /** The node of the {@code len} characters of {@code c} from {@code off}; {@code len <= MAX_LENGTH}. */
  static StringNode node(char[] c, int off, int len) {
    int h = 0;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + c[i];
    }
    int index = (h ^ (h >>> 10) ^ (h >>> 20)) & (SLOTS - 1);
    Slot s = TABLE[index];
    if (s != null && s.hash == h && same(s.node.stringValue(), c, off, len)) {
      if (!s.hit) {
        s.hit = true;
      }
      return s.node;
    }
    StringNode n = StringNode.valueOf(new String(c, off, len));
    if (s == null || !s.hit) {
      TABLE[index] = new Slot(n, h);
    } else {
      s.hit = false;
    }
    return n;
  }

  private static boolean same(String s, char[] c, int off, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != c[off + i]) {
        return false;
      }
    }
    return true;
  }
}
