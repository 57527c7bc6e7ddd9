package dev.scimsync.client;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a query result, as the server sent it, and where the listing continues.
 *
 * @param resources the resources on this page; never null
 * @param totalResults the total the server reported with this page
 * @param startIndex the 1-based index of the first resource, or null when the server sent none
 * @param itemsPerPage the number of resources the server said it sent, or null
 * @param nextCursor the RFC 9865 cursor of the next page, or null
 * @param next the position of the next page (to checkpoint and resume from), or null on the last page
 * @param <T> the resource type
 */
public record Page<T>(List<T> resources, int totalResults, @Nullable Integer startIndex,
    @Nullable Integer itemsPerPage, @Nullable String nextCursor, @Nullable PagePosition next) {

  /** Copies the list. */
  public Page {
    resources = List.copyOf(resources);
  }

  /** A page whose continuation is not known (a single page fetched on its own). */
  public Page(List<T> resources, int totalResults, @Nullable Integer startIndex, @Nullable Integer itemsPerPage,
      @Nullable String nextCursor) {
    this(resources, totalResults, startIndex, itemsPerPage, nextCursor, null);
  }

  /** The position of the next page; empty on the last page. */
  public Optional<PagePosition> nextPosition() {
    return Optional.ofNullable(next);
  }

  Page<T> withNext(@Nullable PagePosition position) {
    return new Page<>(resources, totalResults, startIndex, itemsPerPage, nextCursor, position);
  }
}
