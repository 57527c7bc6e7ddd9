package dev.scimsync.server.store;

import dev.scimsync.core.resource.ScimResource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of search results.
 *
 * @param resources the results of this page, in order
 * @param totalResults how many resources match in total (not the size of this page)
 * @param nextCursor for cursor pagination, the cursor of the next page, or null on the last page
 * @param previousCursor for cursor pagination, the cursor of the previous page, or null
 */
public record ResourcePage(List<ScimResource> resources, long totalResults, @Nullable String nextCursor,
    @Nullable String previousCursor) {

  /** Copies the list. */
  public ResourcePage {
    resources = List.copyOf(resources);
    if (totalResults < resources.size()) {
      throw new IllegalArgumentException("totalResults " + totalResults + " is smaller than the page");
    }
  }

  /** An index page without cursors. */
  public static ResourcePage of(List<ScimResource> resources, long totalResults) {
    return new ResourcePage(resources, totalResults, null, null);
  }
}
