package dev.scimsync.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a listing continues: a 1-based {@code startIndex} (RFC 7644 §3.4.2.4) or an RFC 9865
 * cursor. Immutable. A sync job stores {@link #toString()} after each page it has processed and,
 * after a restart, resumes with {@link Query#pagesFrom(PagePosition) pagesFrom(PagePosition.parse(saved))}.
 *
 * @param startIndex the index of the first resource of the page, or null for a cursor position
 * @param cursor the cursor of the page ({@code ""} for the first cursor page), or null for an index
 *     position
 */
public record PagePosition(@Nullable Integer startIndex, @Nullable String cursor) {

  /** Exactly one of the two is set; an index is at least 1. */
  public PagePosition {
    if ((startIndex == null) == (cursor == null)) {
      throw new IllegalArgumentException("a page position is either a startIndex or a cursor");
    }
    if (startIndex != null && startIndex < 1) {
      throw new IllegalArgumentException("startIndex must be at least 1: " + startIndex);
    }
  }

  /** The page starting at the 1-based {@code startIndex}. */
  public static PagePosition index(int startIndex) {
    return new PagePosition(startIndex, null);
  }

  /** The page a server-issued {@code cursor} points to; {@code ""} is the first page. */
  public static PagePosition cursor(String cursor) {
    return new PagePosition(null, Objects.requireNonNull(cursor, "cursor"));
  }

  /** Whether this is a cursor position. */
  public boolean isCursor() {
    return cursor != null;
  }

  /**
   * Reads the form {@link #toString()} writes: {@code index:101} or {@code cursor:<cursor>}.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static PagePosition parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith("cursor:")) {
      return cursor(text.substring(7));
    }
    if (text.startsWith("index:")) {
      try {
        return index(Integer.parseInt(text.substring(6)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a page position: " + text);
      }
    }
    throw new IllegalArgumentException("not a page position (index:N or cursor:C): " + text);
  }

  /** {@code index:101} or {@code cursor:<cursor>}, for storing in a checkpoint. */
  @Override
  public String toString() {
    return isCursor() ? "cursor:" + cursor : "index:" + startIndex;
  }
}
