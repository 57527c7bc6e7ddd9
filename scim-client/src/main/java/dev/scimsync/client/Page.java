package dev.scimsync.client;

import java.util.List;

/**
 * One page of a query result, as the server sent it.
 *
 * @param resources the resources on this page; never null
 * @param totalResults the total the server reported with this page
 * @param startIndex the 1-based index of the first resource, or null when the server sent none
 * @param itemsPerPage the number of resources the server said it sent, or null
 * @param nextCursor the RFC 9865 cursor of the next page, or null
 * @param <T> the resource type
 */
public record Page<T>(List<T> resources, int totalResults, Integer startIndex, Integer itemsPerPage,
    String nextCursor) {

  /** Copies the list. */
  public Page {
    resources = List.copyOf(resources);
  }
}
