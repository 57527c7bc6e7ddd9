package dev.scimsync.client;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.filter.internal.JsonNodes;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a service provider says it supports (RFC 7643 §5, with the RFC 9865 {@code pagination}
 * object), read tolerantly: attribute names in any case, booleans also as strings, numbers also as
 * strings. A feature the document does not mention takes the default the client acts on: PATCH and
 * filtering are assumed supported, bulk, sorting, ETags and cursors are not.
 *
 * @param patchSupported {@code patch.supported}
 * @param bulkSupported {@code bulk.supported}
 * @param bulkMaxOperations {@code bulk.maxOperations}, or 0 when not stated
 * @param bulkMaxPayloadSize {@code bulk.maxPayloadSize} in bytes, or 0 when not stated
 * @param filterSupported {@code filter.supported}
 * @param filterMaxResults {@code filter.maxResults}, or 0 when not stated
 * @param sortSupported {@code sort.supported}
 * @param etagSupported {@code etag.supported}
 * @param changePasswordSupported {@code changePassword.supported}
 * @param cursorPaginationSupported {@code pagination.cursor} (RFC 9865)
 * @param known false when the server offered no usable document and every value is a default
 */
public record ServiceProviderConfig(
    boolean patchSupported,
    boolean bulkSupported,
    int bulkMaxOperations,
    long bulkMaxPayloadSize,
    boolean filterSupported,
    int filterMaxResults,
    boolean sortSupported,
    boolean etagSupported,
    boolean changePasswordSupported,
    boolean cursorPaginationSupported,
    boolean known) {

  /** The defaults used when the server has no {@code /ServiceProviderConfig}. */
  public static ServiceProviderConfig unknown() {
    return new ServiceProviderConfig(true, false, 0, 0, true, 0, false, false, false, false, false);
  }

  /** Reads the document; never throws for odd shapes, which fall back to the defaults. */
  public static ServiceProviderConfig fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      return unknown();
    }
    ObjectNode o = (ObjectNode) json;
    JsonNode bulk = get(o, "bulk");
    JsonNode filter = get(o, "filter");
    JsonNode pagination = get(o, "pagination");
    return new ServiceProviderConfig(
        bool(get(get(o, "patch"), "supported"), true),
        bool(get(bulk, "supported"), false),
        (int) number(get(bulk, "maxOperations")),
        number(get(bulk, "maxPayloadSize")),
        bool(get(filter, "supported"), true),
        (int) number(get(filter, "maxResults")),
        bool(get(get(o, "sort"), "supported"), false),
        bool(get(get(o, "etag"), "supported"), false),
        bool(get(get(o, "changePassword"), "supported"), false),
        bool(get(pagination, "cursor"), false),
        true);
  }

  /** Reads the document from JSON text. */
  public static ServiceProviderConfig parse(String json) {
    return fromJson(ScimJson.parse(json));
  }

  private static JsonNode get(JsonNode o, String name) {
    return o == null || !o.isObject() ? null : JsonNodes.get(o, name);
  }

  private static boolean bool(JsonNode n, boolean dflt) {
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isString()) {
      String s = n.stringValue().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true")) {
        return true;
      }
      if (s.equals("false")) {
        return false;
      }
    }
    return dflt;
  }

  private static long number(JsonNode n) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (n.isNumber()) {
      return Math.max(0, n.asLong());
    }
    if (n.isString()) {
      try {
        return Math.max(0, Long.parseLong(n.stringValue().trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }
}
