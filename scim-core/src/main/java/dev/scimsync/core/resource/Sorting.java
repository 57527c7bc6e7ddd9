package dev.scimsync.core.resource;

import dev.scimsync.core.internal.Access;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.internal.JsonNodes;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.internal.DateTimes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The order of {@code sortBy} (RFC 7644 §3.4.2.3), defined once for every store: a resource's
 * {@link SortKey} is the value of one attribute, typed by the schema (a value that does not have
 * the schema's type, or a value of an attribute the schema does not know, is typed by its JSON
 * kind; strings are dateTimes only where the schema says so). A multi-valued attribute contributes
 * its value marked {@code primary} (the sub-attribute named in any case), or else its first; a
 * complex attribute without a sub-attribute contributes its {@code value}. Attribute names match in
 * any case. Ties compare equal, so callers add their own stable tie-break.
 */
public final class Sorting {

  private Sorting() {}

  /** The comparator for {@code sortBy} on resources of {@code schema}. */
  public static Comparator<ScimResource> comparator(ResourceSchema schema, AttributePath sortBy, boolean ascending) {
    Function<JsonNode, SortKey> key = keys(schema, sortBy);
    Comparator<ScimResource> byResource = Comparator.comparing(r -> key.apply(Access.node(r)));
    return ascending ? byResource : byResource.reversed();
  }

  /** The same order over resources' JSON, ascending. */
  public static Comparator<JsonNode> nodeComparator(ResourceSchema schema, AttributePath sortBy) {
    return Comparator.comparing(keys(schema, sortBy));
  }

  /** The function from a resource's JSON to its sort key under {@code sortBy}. */
  public static Function<JsonNode, SortKey> keys(ResourceSchema schema, AttributePath sortBy) {
    ResolvedAttribute r = schema.resolve(sortBy);
    AttributeDefinition leaf = r == null ? null : r.leaf();
    String container = r != null && r.extension() ? r.schemaUri() : null;
    String name = r != null ? r.attribute().name() : sortBy.name();
    String sub = r != null && r.subAttribute() != null ? r.subAttribute().name() : sortBy.subAttribute();
    if (sub == null && r != null && r.attribute().isComplex()) {
      sub = "value";
      leaf = r.attribute().subAttribute("value");
    }
    AttributeType type = leaf == null ? null : leaf.type();
    boolean caseExact = leaf != null && leaf.caseExact();
    String subName = sub;
    return doc -> typed(value(doc, container, name, subName), type, caseExact);
  }

  private static @Nullable JsonNode value(JsonNode root, @Nullable String container, String name,
      @Nullable String sub) {
    JsonNode base = container == null ? root : get(root, container);
    JsonNode v = get(base, name);
    if (v != null && v.isArray()) {
      v = primaryOrFirst(v);
    }
    if (v != null && v.isObject()) {
      v = get(v, sub == null ? "value" : sub);
    } else if (sub != null) {
      v = null;
    }
    if (v != null && v.isArray()) {
      v = v.isEmpty() ? null : v.get(0);
    }
    return v == null || v.isNull() || v.isContainer() ? null : v;
  }

  private static @Nullable JsonNode get(@Nullable JsonNode object, String name) {
    return object == null || !object.isObject() ? null : JsonNodes.get(object, name);
  }

  private static @Nullable JsonNode primaryOrFirst(JsonNode array) {
    for (JsonNode e : array) {
      JsonNode p = get(e, "primary");
      if (p != null && p.isBoolean() && p.booleanValue()) {
        return e;
      }
    }
    return array.isEmpty() ? null : array.get(0);
  }

  private static SortKey typed(@Nullable JsonNode v, @Nullable AttributeType type, boolean caseExact) {
    if (v == null) {
      return SortKey.MISSING;
    }
    if (v.isBoolean()) {
      return new SortKey(SortKey.Kind.BOOLEAN, v.booleanValue(), false);
    }
    if (v.isNumber()) {
      return new SortKey(SortKey.Kind.NUMBER, v.decimalValue().stripTrailingZeros(), false);
    }
    String text = v.isString() ? v.stringValue() : v.toString();
    if (type == AttributeType.BOOLEAN && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return new SortKey(SortKey.Kind.BOOLEAN, text.equalsIgnoreCase("true"), false);
    }
    if (type == AttributeType.INTEGER || type == AttributeType.DECIMAL) {
      try {
        return new SortKey(SortKey.Kind.NUMBER, new BigDecimal(text.trim()).stripTrailingZeros(), false);
      } catch (NumberFormatException e) {
        // not a number: sorts as text
      }
    }
    if (type == AttributeType.DATE_TIME) {
      Instant t = DateTimes.parse(text);
      if (t != null) {
        return new SortKey(SortKey.Kind.DATE_TIME, t, false);
      }
    }
    return new SortKey(SortKey.Kind.STRING, text, caseExact);
  }
}
