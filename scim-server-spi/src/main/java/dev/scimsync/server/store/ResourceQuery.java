package dev.scimsync.server.store;

import dev.scimsync.core.message.SortOrder;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search a store answers: which resources, in which order, which page.
 *
 * <p>Pagination is either by index ({@code startIndex} from 1 and {@code count}) or, when {@link
 * #cursor()} is not null, by cursor (RFC 9865): an empty cursor asks for the first page, any other
 * value is a cursor the same store returned earlier for the same tenant (the server checks that
 * before the store sees it).
 *
 * @param filter the filter, or null for every resource
 * @param sortBy the attribute to sort by, or null for the store's stable default order
 * @param sortOrder ascending or descending
 * @param startIndex the 1-based index of the first result (index pagination)
 * @param count the maximum number of results to return; 0 asks only for {@code totalResults}
 * @param cursor null for index pagination; "" for the first cursor page; else a cursor
 * @param omit attribute names the caller does not need (e.g. {@code members}), which the store may
 *     leave out of the results to save work
 */
public record ResourceQuery(@Nullable Filter filter, @Nullable AttributePath sortBy, SortOrder sortOrder, int startIndex,
    int count, @Nullable String cursor, Set<String> omit) {

  /** Checks the ranges and copies {@code omit}. */
  public ResourceQuery {
    Objects.requireNonNull(sortOrder, "sortOrder");
    if (startIndex < 1) {
      throw new IllegalArgumentException("startIndex starts at 1");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count cannot be negative");
    }
    omit = omit == null ? Set.of() : Set.copyOf(omit);
  }

  /** Everything matching {@code filter}, first page of {@code count}. */
  public static ResourceQuery of(@Nullable Filter filter, int count) {
    return new ResourceQuery(filter, null, SortOrder.ASCENDING, 1, count, null, Set.of());
  }

  /** True for cursor pagination. */
  public boolean usesCursor() {
    return cursor != null;
  }

  /** This query with another filter. */
  public ResourceQuery withFilter(@Nullable Filter f) {
    return new ResourceQuery(f, sortBy, sortOrder, startIndex, count, cursor, omit);
  }

  /** This query with another page. */
  public ResourceQuery withPage(int newStartIndex, int newCount) {
    return new ResourceQuery(filter, sortBy, sortOrder, newStartIndex, newCount, cursor, omit);
  }

  /** This query with another cursor. */
  public ResourceQuery withCursor(@Nullable String newCursor) {
    return new ResourceQuery(filter, sortBy, sortOrder, startIndex, count, newCursor, omit);
  }
}
