package dev.scimsync.server.internal;

import dev.scimsync.core.message.SortOrder;
import dev.scimsync.core.message.SearchRequest;
import java.util.List;

/**
 * The search parameters of a GET query or a POST {@code .search} body, before validation.
 *
 * @param filter filter text or null
 * @param sortBy attribute path text or null
 * @param descending true for {@code sortOrder=descending}
 * @param startIndex 1-based start or null
 * @param count page size or null
 * @param cursor RFC 9865 cursor ("" for the first page) or null for index pagination
 * @param attributes projection, comma-separated, or null
 * @param excludedAttributes projection, comma-separated, or null
 */
public record SearchSpec(String filter, String sortBy, boolean descending, Integer startIndex, Integer count,
    String cursor, String attributes, String excludedAttributes) {

  /** From query parameters. */
  public static SearchSpec from(QueryParams q) {
    String order = q.get("sortOrder");
    boolean desc = order != null && order.trim().equalsIgnoreCase("descending");
    if (order != null && !desc && !order.isBlank() && !order.trim().equalsIgnoreCase("ascending")) {
      throw dev.scimsync.core.error.ScimException.invalidValue("sortOrder must be ascending or descending");
    }
    return new SearchSpec(blankToNull(q.get("filter")), blankToNull(q.get("sortBy")), desc,
        q.integer("startIndex", null), q.integer("count", null), q.get("cursor"), q.get("attributes"),
        q.get("excludedAttributes"));
  }

  /** From a POST {@code .search} body. */
  public static SearchSpec from(SearchRequest r) {
    return new SearchSpec(r.filter(), r.sortBy(), r.sortOrder() == SortOrder.DESCENDING,
        r.startIndex(), r.count(), r.cursor(), join(r.attributes()), join(r.excludedAttributes()));
  }

  private static String join(List<String> l) {
    return l == null || l.isEmpty() ? null : String.join(",", l);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
