package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** When two values of a multi-valued attribute are the same value (for union on add and for remove). */
final class ValueIdentity {

  private ValueIdentity() {}

  /**
   * {@link #sameElement}{@code (def, a, b)} as a test of {@code a}, with what depends on {@code b}
   * alone looked up once: for scanning a long list of values for {@code b}.
   */
  static Predicate<JsonNode> sameAs(AttributeDefinition def, JsonNode b) {
    AttributeDefinition valueDef = def.isComplex() ? def.subAttribute("value") : null;
    JsonNode bv = b.isObject() ? b.get("value") : null;
    if (valueDef == null || bv == null) {
      return a -> sameElement(def, a, b);
    }
    boolean ignoreCase = bv.isString() && !valueDef.caseExact();
    String bs = bv.isString() ? bv.stringValue() : null;
    JsonNode bt = b.get("type");
    return a -> {
      JsonNode av = a.isObject() ? a.get("value") : null;
      if (av == null) {
        return sameElement(def, a, b);
      }
      boolean sameValue = ignoreCase && av.isString() ? av.stringValue().equalsIgnoreCase(bs) : av.equals(bv);
      if (!sameValue) {
        return false;
      }
      JsonNode at = a.get("type");
      return at == null || bt == null || at.asString().equalsIgnoreCase(bt.asString());
    };
  }

  /**
   * Two values of a multi-valued attribute are the same when their {@code value} (and {@code
   * type}, when both have one) are equal, or, without {@code value}, when they are equal apart
   * from {@code primary}.
   */
  static boolean sameElement(AttributeDefinition def, JsonNode a, JsonNode b) {
    if (!def.isComplex() || !a.isObject() || !b.isObject()) {
      if (a.isString() && b.isString() && !def.caseExact()) {
        return a.stringValue().equalsIgnoreCase(b.stringValue());
      }
      return a.equals(b);
    }
    AttributeDefinition valueDef = def.subAttribute("value");
    JsonNode av = a.get("value");
    JsonNode bv = b.get("value");
    if (valueDef != null && av != null && bv != null) {
      boolean sameValue = av.isString() && bv.isString() && !valueDef.caseExact()
          ? av.stringValue().equalsIgnoreCase(bv.stringValue()) : av.equals(bv);
      if (!sameValue) {
        return false;
      }
      JsonNode at = a.get("type");
      JsonNode bt = b.get("type");
      return at == null || bt == null || at.asString().equalsIgnoreCase(bt.asString());
    }
    ObjectNode ac = ((ObjectNode) a).deepCopy();
    ObjectNode bc = ((ObjectNode) b).deepCopy();
    ac.remove("primary");
    bc.remove("primary");
    return ac.equals(bc);
  }
}
