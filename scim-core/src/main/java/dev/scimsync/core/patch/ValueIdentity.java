package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** When two values of a multi-valued attribute are the same value (for union on add and for remove). */
final class ValueIdentity {

  private ValueIdentity() {}

  /** {@link #sameElement}{@code (def, a, b)} for a fixed {@code b}, given {@code a}'s {@code value} already read. */
  interface Same {
    /** Whether {@code a}, whose {@code value} property is {@code av} (null when none or not an object), is the same. */
    boolean test(JsonNode a, @Nullable JsonNode av);
  }

  /**
   * {@link #sameElement}{@code (def, a, b)} as a test of {@code a}, with what depends on {@code b}
   * alone looked up once: for scanning a long list of values for {@code b}.
   */
  static Predicate<JsonNode> sameAs(AttributeDefinition def, JsonNode b) {
    return test(sameGiven(def, b));
  }

  /** {@code same} as a test of a value alone, reading its {@code value}. */
  static Predicate<JsonNode> test(Same same) {
    return a -> same.test(a, a.isObject() ? a.get("value") : null);
  }

  /** {@link #sameAs} for a caller that reads each value's {@code value} itself (to use it again). */
  static Same sameGiven(AttributeDefinition def, JsonNode b) {
    AttributeDefinition valueDef = def.isComplex() ? def.subAttribute("value") : null;
    JsonNode bv = b.isObject() ? b.get("value") : null;
    if (valueDef == null || bv == null) {
      return (a, av) -> sameElement(def, a, b);
    }
    return new ByValue(def, b, bv, bv.isString() && !valueDef.caseExact(), b.get("type"));
  }

  /**
   * {@link #sameGiven} for a {@code b} with a {@code value}: what a scan needs to skip a value
   * cheaply ({@link #text}) is at hand.
   */
  static final class ByValue implements Same {
    private final AttributeDefinition def;
    private final JsonNode b;
    private final JsonNode bv;
    private final boolean ignoreCase;
    private final @Nullable String bs;
    private final @Nullable JsonNode bt;

    private ByValue(AttributeDefinition def, JsonNode b, JsonNode bv, boolean ignoreCase, @Nullable JsonNode bt) {
      this.def = def;
      this.b = b;
      this.bv = bv;
      this.ignoreCase = ignoreCase;
      this.bs = bv.isString() ? bv.stringValue() : null;
      this.bt = bt;
    }

    /**
     * {@code b}'s {@code value} when it is text, else null. A value whose {@code value} is text of
     * another length is not the same (equal text has the same length, ignoring case or not).
     */
    @Nullable String text() {
      return bs;
    }

    @Override
    public boolean test(JsonNode a, @Nullable JsonNode av) {
      if (av == null) {
        return sameElement(def, a, b);
      }
      boolean sameValue = ignoreCase && av.isString() ? av.stringValue().equalsIgnoreCase(bs) : av.equals(bv);
      if (!sameValue) {
        return false;
      }
      JsonNode at = a.get("type");
      return at == null || bt == null || at.asString().equalsIgnoreCase(bt.asString());
    }
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
