package dev.scimsync.core.resource;

import dev.scimsync.core.internal.Access;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.internal.JsonNodes;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.internal.DateTimes;
import java.time.Instant;
import java.util.Comparator;
import tools.jackson.databind.JsonNode;

/**
 * The order of {@code sortBy} (RFC 7644 §3.4.2.3): resources compare by the value of one
 * attribute, by its type (text case-insensitively unless case-exact, dateTime as instants, numbers
 * by value, {@code false} before {@code true}); a multi-valued attribute contributes its primary
 * value, or else its first; resources without a value sort last in ascending order and first in
 * descending order. Ties compare equal, so callers add their own stable tie-break.
 */
public final class Sorting {

  private Sorting() {}

  /** The comparator for {@code sortBy} on resources of {@code schema}. */
  public static Comparator<ScimResource> comparator(ResourceSchema schema, AttributePath sortBy, boolean ascending) {
    Comparator<JsonNode> c = nodeComparator(schema, sortBy);
    Comparator<ScimResource> byResource = (a, b) -> c.compare(Access.node(a), Access.node(b));
    return ascending ? byResource : byResource.reversed();
  }

  /** The same order over resources' JSON. */
  public static Comparator<JsonNode> nodeComparator(ResourceSchema schema, AttributePath sortBy) {
    ResolvedAttribute r = schema.resolve(sortBy);
    AttributeDefinition leaf = r == null ? null : r.leaf();
    AttributeType type = leaf == null ? AttributeType.STRING : leaf.type();
    boolean caseExact = leaf != null && leaf.caseExact();
    String container = r != null && r.extension() ? r.schemaUri() : null;
    String name = r != null ? r.attribute().name() : sortBy.name();
    String sub = r != null && r.subAttribute() != null ? r.subAttribute().name() : sortBy.subAttribute();
    if (sub == null && r != null && r.attribute().isComplex() && r.attribute().subAttribute("value") != null) {
      sub = "value";
    }
    String subName = sub;
    return (a, b) -> {
      JsonNode va = value(a, container, name, subName);
      JsonNode vb = value(b, container, name, subName);
      if (va == null || vb == null) {
        return va == null ? (vb == null ? 0 : 1) : -1; // missing values last
      }
      return compare(type, caseExact, va, vb);
    };
  }

  private static JsonNode value(JsonNode root, String container, String name, String sub) {
    JsonNode base = container == null ? root : JsonNodes.get(root, container);
    JsonNode v = base == null ? null : JsonNodes.get(base, name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      JsonNode chosen = null;
      for (JsonNode e : v) {
        JsonNode p = e.isObject() ? e.get("primary") : null;
        if (p != null && p.isBoolean() && p.booleanValue()) {
          chosen = e;
          break;
        }
        if (chosen == null) {
          chosen = e;
        }
      }
      v = chosen;
      if (v == null) {
        return null;
      }
    }
    if (sub != null) {
      v = v.isObject() ? JsonNodes.get(v, sub) : null;
    }
    return v == null || v.isNull() || v.isContainer() ? null : v;
  }

  private static int compare(AttributeType type, boolean caseExact, JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    if (a.isBoolean() && b.isBoolean()) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    String sa = a.asString();
    String sb = b.asString();
    if (type == AttributeType.DATE_TIME) {
      Instant ia = DateTimes.parse(sa);
      Instant ib = DateTimes.parse(sb);
      if (ia != null && ib != null) {
        return ia.compareTo(ib);
      }
    }
    return caseExact ? sa.compareTo(sb) : String.CASE_INSENSITIVE_ORDER.compare(sa, sb);
  }
}
