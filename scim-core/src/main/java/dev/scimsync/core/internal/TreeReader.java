package dev.scimsync.core.internal;

import java.util.Arrays;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JsonTokenId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the tree of a JSON object straight from the parser's tokens: the same tree that {@code
 * ScimJson}'s mapper builds (the same node classes, number types and property order), without the
 * mapper's per-token dispatch and with cheaper containers.
 *
 * <p>It only ever answers for a body the mapper reads without an error: on anything else (a syntax
 * error, a limit, a number beyond Jackson's limits, a duplicate key, trailing tokens, a root that
 * is not an object) it answers null, and the caller reads the body again with the mapper, which
 * gives today's error. So errors stay the mapper's by construction, and a bad body costs two
 * parses at most.
 */
public final class TreeReader {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Thrown to give up; no stack trace, as it is caught right away. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private static final CompactProperties.Property[] NO_PROPERTIES = {};

  /** Per depth, the properties of the object being read, until they are counted. */
  private CompactProperties.Property[][] props = new CompactProperties.Property[8][];
  /** Per depth, the elements of the array being read, until they are counted. */
  private JsonNode[][] elements = new JsonNode[8][];
  /** Per depth, the maps of the small objects of the array being read, until they are counted. */
  private CompactProperties[][] maps = new CompactProperties[8][];
  /** The map of the object just read, or null when it was a large one. */
  private @Nullable CompactProperties lastMap;
  private int depth;

  private TreeReader() {}

  /**
   * The object the parser opens reads as, or null when the mapper would refuse the body or might
   * read it differently. Closes the parser.
   */
  public static @Nullable ObjectNode readObject(Supplier<JsonParser> parser) {
    try (JsonParser p = parser.get()) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode root = new TreeReader().object(p);
      // the mapper refuses trailing tokens (FAIL_ON_TRAILING_TOKENS)
      return p.nextToken() == null ? root : null;
    } catch (RuntimeException e) {
      // JacksonException, a NumberFormatException for a number beyond Jackson's limits, GiveUp:
      // the mapper says what is wrong
      return null;
    }
  }

  /** Makes room for the containers at the next depth; the parser bounds the depth. */
  private int enter() {
    int d = depth++;
    if (d == props.length) {
      props = Arrays.copyOf(props, d * 2);
      elements = Arrays.copyOf(elements, d * 2);
      maps = Arrays.copyOf(maps, d * 2);
    }
    return d;
  }

  private ObjectNode object(JsonParser p) {
    int d = enter();
    CompactProperties.Property[] buf = props[d];
    if (buf == null) {
      buf = props[d] = new CompactProperties.Property[CompactProperties.SMALL];
    }
    int n = 0;
    long seen = 0;
    ObjectNode large = null;
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      JsonNode v = value(p, p.nextToken());
      if (large != null) {
        if (large.replace(name, v) != null) {
          throw GIVE_UP;
        }
        continue;
      }
      // a duplicate has a hash seen before: one bit per hash mod 64 spares most objects the scan
      int h = name.hashCode();
      if ((seen & (1L << h)) != 0) {
        for (int i = 0; i < n; i++) {
          String k = buf[i].getKey();
          if (k == name || k.hashCode() == h && k.equals(name)) {
            throw GIVE_UP;
          }
        }
      }
      seen |= 1L << h;
      if (n < CompactProperties.SMALL) {
        buf[n++] = new CompactProperties.Property(name, v);
        continue;
      }
      // a large object is hashed, as by the mapper, not scanned
      large = F.objectNode();
      for (int i = 0; i < n; i++) {
        large.set(buf[i].getKey(), buf[i].getValue());
      }
      large.set(name, v);
    }
    depth--;
    if (large != null) {
      lastMap = null;
      return large;
    }
    // the buffers are not cleared: they die with this reader, at the end of the read
    CompactProperties.Property[] own = n == 0 ? NO_PROPERTIES : Arrays.copyOf(buf, n);
    CompactProperties map = new CompactProperties(own, n);
    lastMap = map;
    return new ObjectNode(F, map);
  }

  private ArrayNode array(JsonParser p) {
    int d = enter();
    JsonNode[] buf = elements[d];
    if (buf == null) {
      buf = elements[d] = new JsonNode[8];
    }
    CompactProperties[] mapBuf = null;
    int n = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      JsonNode v = value(p, t);
      if (n == buf.length) {
        buf = elements[d] = Arrays.copyOf(buf, n * 2);
        if (mapBuf != null) {
          mapBuf = maps[d] = Arrays.copyOf(mapBuf, n * 2);
        }
      }
      buf[n] = v;
      if (t == JsonToken.START_OBJECT && lastMap != null) {
        if (mapBuf == null) {
          mapBuf = maps[d];
          if (mapBuf == null || mapBuf.length < buf.length) {
            mapBuf = maps[d] = new CompactProperties[buf.length];
          } else {
            Arrays.fill(mapBuf, 0, n, null);
          }
        }
        mapBuf[n] = lastMap;
      } else if (mapBuf != null) {
        mapBuf[n] = null;
      }
      n++;
    }
    depth--;
    // an array of objects keeps their maps (ReadElements): what a scan of its objects reads
    return new ArrayNode(F, new ReadElements(Arrays.copyOf(buf, n), n,
        mapBuf == null ? null : Arrays.copyOf(mapBuf, n)));
  }

  /** What the mapper's tree deserializer makes of the token {@code t}. */
  private JsonNode value(JsonParser p, @Nullable JsonToken t) {
    if (t == null) {
      throw GIVE_UP;
    }
    switch (t.id()) {
      case JsonTokenId.ID_START_OBJECT:
        return object(p);
      case JsonTokenId.ID_START_ARRAY:
        return array(p);
      case JsonTokenId.ID_STRING:
        return F.stringNode(p.getString());
      case JsonTokenId.ID_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return F.numberNode(p.getIntValue());
          case LONG:
            return F.numberNode(p.getLongValue());
          default:
            return F.numberNode(p.getBigIntegerValue());
        }
      case JsonTokenId.ID_NUMBER_FLOAT:
        // ScimJson reads decimals as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS), trailing zeros kept;
        // NaN (only with non-standard number parsing) is the mapper's to decide
        if (p.isNaN()) {
          throw GIVE_UP;
        }
        return F.numberNode(p.getDecimalValue());
      case JsonTokenId.ID_TRUE:
        return F.booleanNode(true);
      case JsonTokenId.ID_FALSE:
        return F.booleanNode(false);
      case JsonTokenId.ID_NULL:
        return F.nullNode();
      default:
        throw GIVE_UP;
    }
  }
}
