package dev.scimsync.core.internal;

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
 * mapper's per-token dispatch and with cheaper containers and shared short strings.
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
      ObjectNode root = object(p);
      // the mapper refuses trailing tokens (FAIL_ON_TRAILING_TOKENS)
      return p.nextToken() == null ? root : null;
    } catch (RuntimeException e) {
      // JacksonException, a NumberFormatException for a number beyond Jackson's limits, GiveUp:
      // the mapper says what is wrong
      return null;
    }
  }

  private static ObjectNode object(JsonParser p) {
    ObjectNode o = F.objectNode();
    for (String name = p.nextName(); name != null; name = p.nextName()) {
      if (o.replace(name, value(p, p.nextToken())) != null) {
        throw GIVE_UP;
      }
    }
    return o;
  }

  private static ArrayNode array(JsonParser p) {
    ArrayNode a = F.arrayNode();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      a.add(value(p, t));
    }
    return a;
  }

  /** What the mapper's tree deserializer makes of the token {@code t}. */
  private static JsonNode value(JsonParser p, @Nullable JsonToken t) {
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
