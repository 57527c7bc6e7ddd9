package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.validation.Tolerance;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a {@code POST .search} (RFC 7644 §3.4.3), plus the RFC 9865 {@code cursor}. Every
 * part is optional. Out-of-range paging is corrected as RFC 7644 §3.4.2.4 says: a
 * {@code startIndex} below 1 becomes 1 and a negative {@code count} becomes 0.
 *
 * @param attributes the attributes to return; never null, empty for the default set
 * @param excludedAttributes the attributes to leave out; never null, may be empty
 * @param filter the filter text, or null; not parsed here
 * @param sortBy the attribute path to sort by, or null
 * @param sortOrder the sort order, or null for the server's default (ascending)
 * @param startIndex the 1-based index of the first result, or null for 1
 * @param count the most results wanted, or null for the server's default
 * @param cursor the RFC 9865 cursor ({@code ""} asks for the first page), or null for index paging
 */
public record SearchRequest( List<String> attributes, List<String> excludedAttributes, @Nullable String filter,
    @Nullable String sortBy, @Nullable SortOrder sortOrder, @Nullable Integer startIndex, @Nullable Integer count,
    @Nullable String cursor) {

  /** Copies the lists (null means empty) and corrects out-of-range paging. */
  public SearchRequest {
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    excludedAttributes = excludedAttributes == null ? List.of() : List.copyOf(excludedAttributes);
    if (startIndex != null && startIndex < 1) {
      startIndex = 1;
    }
    if (count != null && count < 0) {
      count = 0;
    }
  }

  /** A search for {@code filter} with everything else left to the server. */
  public static SearchRequest ofFilter(String filter) {
    return new SearchRequest(List.of(), List.of(), filter, null, null, null, null, null);
  }

  /** Reads a search body strictly. */
  public static SearchRequest fromJson(@Nullable JsonNode json) {
    return fromJson(json, Tolerance.strict());
  }

  /**
   * Reads a search body. Strictly, {@code schemas} must contain the SearchRequest URN, the paging
   * numbers must be JSON integers and the attribute lists arrays of strings. With tolerance:
   * {@code ignoreUnknownSchemas} accepts a missing or wrong {@code schemas}; {@code
   * coerceStringValues} accepts numbers in strings ({@code "10"}); {@code flexibleCardinality}
   * accepts a comma-separated string for {@code attributes} and {@code excludedAttributes}, as in
   * the query string. {@code sortOrder} is read in any case. JSON null is read as absent.
   *
   * @param tolerance the deviations accepted; null means strict
   * @throws ScimException 400 invalidSyntax or invalidValue naming the attribute
   */
  public static SearchRequest fromJson(@Nullable JsonNode json, @Nullable Tolerance tolerance) {
    Tolerance t = Wire.orStrict(tolerance);
    ObjectNode o = Wire.body(json, "search request");
    Wire.checkSchemas(o, MessageSchemas.SEARCH_REQUEST, t.ignoreUnknownSchemas(), "search request");
    String order = Wire.string(o, "sortOrder");
    return new SearchRequest(
        names(o, "attributes", t.flexibleCardinality()),
        names(o, "excludedAttributes", t.flexibleCardinality()),
        Wire.string(o, "filter"),
        Wire.string(o, "sortBy"),
        order == null ? null : SortOrder.fromWireName(order),
        Wire.integer(o, "startIndex", t.coerceStringValues()),
        Wire.integer(o, "count", t.coerceStringValues()),
        Wire.string(o, "cursor"));
  }

  private static List<String> names(ObjectNode o, String name, boolean commaString) {
    JsonNode n = Wire.get(o, name);
    List<String> out = new ArrayList<>();
    if (n == null || Wire.absent(n)) {
      return out;
    }
    if (n.isString() && commaString) {
      for (String s : n.stringValue().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
      return out;
    }
    if (!n.isArray()) {
      throw ScimException.invalidValue("'" + name + "' must be an array of attribute names, not " + ScimJson.describe(n));
    }
    int i = 0;
    for (JsonNode e : n) {
      if (!e.isString()) {
        throw ScimException.invalidValue("'" + name + "[" + i + "]' must be a string, not " + ScimJson.describe(e));
      }
      out.add(e.stringValue());
      i++;
    }
    return out;
  }

  /** The RFC 7644 wire form; absent parts and empty lists are left out. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(MessageSchemas.SEARCH_REQUEST);
    if (!attributes.isEmpty()) {
      ArrayNode a = o.putArray("attributes");
      attributes.forEach(a::add);
    }
    if (!excludedAttributes.isEmpty()) {
      ArrayNode a = o.putArray("excludedAttributes");
      excludedAttributes.forEach(a::add);
    }
    if (filter != null) {
      o.put("filter", filter);
    }
    if (sortBy != null) {
      o.put("sortBy", sortBy);
    }
    if (sortOrder != null) {
      o.put("sortOrder", sortOrder.wireName());
    }
    if (startIndex != null) {
      o.put("startIndex", startIndex.intValue());
    }
    if (count != null) {
      o.put("count", count.intValue());
    }
    if (cursor != null) {
      o.put("cursor", cursor);
    }
    return o;
  }
}
