package dev.scimsync.server.store.memory;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.resource.SortKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cursor: the position just after the last resource of a page, in the order of the query.
 * Keyset pagination: the position is the sort key and sequence number of that resource, not an
 * offset, so resources created or deleted between pages neither repeat nor skip the others.
 *
 * <p>Wire form: unpadded base64url of {@code 1.B} (before the first resource), {@code
 * 1.D.<seq>} (default order) or {@code 1.S.<seq>.<kind><key>} (sorted). Not signed: the server
 * wraps and signs cursors before they leave it.
 *
 * @param begin true for the position before everything
 * @param sorted whether the position belongs to a sorted query
 * @param key the sort key (sorted only)
 * @param seq the sequence number (default order position)
 */
record Cursor(boolean begin, boolean sorted, @Nullable SortKey key, long seq) {

  static final Cursor BEGIN = new Cursor(true, false, null, 0);

  String encode() {
    String text = begin ? "1.B" : sorted
        ? "1.S." + seq + "." + Objects.requireNonNull(key, "a sorted cursor has a key").encode() : "1.D." + seq;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a cursor names; "" is the beginning. 400 invalidValue for anything else. */
  static Cursor decode(String cursor, boolean sortedQuery) {
    if (cursor.isEmpty()) {
      return BEGIN;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("\\.", 4);
      if (!parts[0].equals("1") || parts.length < 2) {
        throw invalid();
      }
      if (parts[1].equals("B") && parts.length == 2) {
        return BEGIN;
      }
      if (parts[1].equals("D") && parts.length == 3 && !sortedQuery) {
        return new Cursor(false, false, null, Long.parseLong(parts[2]));
      }
      if (parts[1].equals("S") && parts.length == 4 && sortedQuery) {
        return new Cursor(false, true, SortKey.decode(parts[3]), Long.parseLong(parts[2]));
      }
      throw invalid();
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static ScimException invalid() {
    return new ScimException(400, ScimType.INVALID_VALUE, "invalid cursor");
  }
}
