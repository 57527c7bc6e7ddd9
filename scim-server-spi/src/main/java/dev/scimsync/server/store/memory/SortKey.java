package dev.scimsync.server.store.memory;

import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.internal.DateTimes;
import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The value a resource is sorted by (RFC 7644 §3.4.2.3), typed by the schema: strings compare
 * case-insensitively unless {@code caseExact}, dateTimes as instants, numbers by value, booleans
 * false before true. Values of different kinds (possible only for attributes the schema does not
 * know) order by kind. A missing value is greater than every value, so it sorts last ascending
 * (and first descending, which is the ascending order reversed).
 *
 * @param kind one of {@link #BOOLEAN}, {@link #NUMBER}, {@link #INSTANT}, {@link #STRING}, {@link #MISSING}
 * @param value the comparable value, null when missing
 */
record SortKey(char kind, Comparable<?> value) implements Comparable<SortKey> {

  static final char BOOLEAN = 'b';
  static final char NUMBER = 'n';
  static final char INSTANT = 't';
  static final char STRING = 's';
  static final char MISSING = 'z';

  static final SortKey MISSING_KEY = new SortKey(MISSING, null);

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public int compareTo(SortKey o) {
    if (kind != o.kind) {
      return Character.compare(kind, o.kind);
    }
    if (value == null) {
      return 0;
    }
    return ((Comparable) value).compareTo(o.value);
  }

  /** The key as text, for cursors: the kind followed by the value. */
  String encode() {
    return kind + (value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
  }

  /** The key {@link #encode()} wrote; throws IllegalArgumentException on anything else. */
  static SortKey decode(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
    String v = text.substring(1);
    switch (text.charAt(0)) {
      case MISSING:
        if (!v.isEmpty()) {
          throw new IllegalArgumentException("missing key with a value");
        }
        return MISSING_KEY;
      case BOOLEAN:
        if (!v.equals("true") && !v.equals("false")) {
          throw new IllegalArgumentException("not a boolean");
        }
        return new SortKey(BOOLEAN, Boolean.valueOf(v));
      case NUMBER:
        return new SortKey(NUMBER, new BigDecimal(v));
      case INSTANT:
        Instant t = DateTimes.parse(v);
        if (t == null) {
          throw new IllegalArgumentException("not an instant");
        }
        return new SortKey(INSTANT, t);
      case STRING:
        return new SortKey(STRING, v);
      default:
        throw new IllegalArgumentException("unknown key kind");
    }
  }

  /** Extracts sort keys of one attribute path from resources of one schema. */
  static final class Extractor {
    private final AttributePath path;
    private final String extension;
    private final AttributeInfo info;

    Extractor(ResourceSchema schema, AttributePath path) {
      this.path = path;
      String ext = null;
      if (path.schema() != null && !schema.isCoreUrn(path.schema())) {
        ext = path.schema();
      } else if (path.schema() == null) {
        ResolvedAttribute r = schema.resolve(null, path.name());
        if (r != null && r.extension()) {
          ext = r.schemaUri();
        }
      }
      this.extension = ext;
      AttributeInfo i = schema.attribute(path.schema(), path.name(), path.subAttribute());
      if (i != null && path.subAttribute() == null && i.type() == AttributeType.COMPLEX) {
        i = schema.attribute(path.schema(), path.name(), "value");
      }
      this.info = i;
    }

    /** The key of {@code doc}. */
    SortKey key(JsonNode doc) {
      JsonNode base = extension == null ? doc : Json.get(doc, extension);
      JsonNode v = Json.get(base, path.name());
      if (v != null && v.isArray()) {
        v = primaryOrFirst(v);
      }
      if (v != null && v.isObject()) {
        v = Json.get(v, path.subAttribute() == null ? "value" : path.subAttribute());
      } else if (path.subAttribute() != null) {
        v = null;
      }
      if (v != null && v.isArray()) {
        v = v.isEmpty() ? null : v.get(0);
      }
      if (v == null || v.isNull() || v.isContainer()) {
        return MISSING_KEY;
      }
      return typed(v);
    }

    private SortKey typed(JsonNode v) {
      AttributeType type = info == null ? null : info.type();
      if (type == AttributeType.BOOLEAN || (type == null && v.isBoolean())) {
        if (v.isBoolean()) {
          return new SortKey(BOOLEAN, v.booleanValue());
        }
        if (v.isString() && (v.stringValue().equalsIgnoreCase("true") || v.stringValue().equalsIgnoreCase("false"))) {
          return new SortKey(BOOLEAN, Boolean.valueOf(v.stringValue().equalsIgnoreCase("true")));
        }
      }
      if (type == AttributeType.INTEGER || type == AttributeType.DECIMAL || (type == null && v.isNumber())) {
        if (v.isNumber()) {
          return new SortKey(NUMBER, v.decimalValue().stripTrailingZeros());
        }
        if (v.isString()) {
          try {
            return new SortKey(NUMBER, new BigDecimal(v.stringValue().trim()).stripTrailingZeros());
          } catch (NumberFormatException e) {
            // fall through to text
          }
        }
      }
      if (v.isString() && (type == AttributeType.DATE_TIME || type == null)) {
        Instant t = DateTimes.parse(v.stringValue());
        if (t != null) {
          return new SortKey(INSTANT, t);
        }
      }
      String text = v.isString() ? v.stringValue() : v.toString();
      boolean caseExact = info != null && info.caseExact();
      return new SortKey(STRING, caseExact ? text : Json.fold(text));
    }

    private static JsonNode primaryOrFirst(JsonNode array) {
      for (JsonNode e : array) {
        JsonNode p = Json.get(e, "primary");
        if (p != null && p.isBoolean() && p.booleanValue()) {
          return e;
        }
      }
      return array.isEmpty() ? null : array.get(0);
    }
  }
}
