package dev.scimsync.client;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.Address;
import dev.scimsync.core.resource.EnterpriseUser;
import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.Reference;
import dev.scimsync.core.resource.Manager;
import dev.scimsync.core.resource.Meta;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.core.resource.Name;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Converts PATCH values given as Java objects to JSON. */
final class Values {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Values() {}

  /**
   * JSON for {@code v}: JSON nodes (copied), strings, booleans, numbers, instants (ISO-8601), the
   * scim-core value types ({@link MultiValue}, {@link Reference}, {@link Name}, ...), resources,
   * collections (arrays) and maps with string keys (objects).
   *
   * @throws IllegalArgumentException for null (use a remove operation) or other types
   */
  static JsonNode toJson(Object v) {
    if (v == null) {
      throw new IllegalArgumentException("a PATCH value cannot be null; use remove(path) to clear an attribute");
    }
    if (v instanceof JsonNode n) {
      return n.deepCopy();
    }
    if (v instanceof String s) {
      return NODES.stringNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (v instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    if (v instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (v instanceof Number n) {
      return NODES.numberNode(new BigDecimal(n.toString()));
    }
    if (v instanceof Instant i) {
      return NODES.stringNode(i.toString());
    }
    if (v instanceof MultiValue m) {
      return m.toJson();
    }
    if (v instanceof Reference m) {
      return m.toJson();
    }
    if (v instanceof Name n) {
      return n.toJson();
    }
    if (v instanceof Address a) {
      return a.toJson();
    }
    if (v instanceof Manager m) {
      return m.toJson();
    }
    if (v instanceof EnterpriseUser e) {
      return e.toJson();
    }
    if (v instanceof Meta m) {
      return m.toJson();
    }
    if (v instanceof ScimResource r) {
      return r.json();
    }
    if (v instanceof User u) {
      return u.toResource().json();
    }
    if (v instanceof Group g) {
      return g.toResource().json();
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = ScimJson.array();
      for (Object e : c) {
        a.add(toJson(e));
      }
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = ScimJson.object();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) {
          throw new IllegalArgumentException("map keys of a PATCH value must be strings");
        }
        o.set(k, toJson(e.getValue()));
      }
      return o;
    }
    throw new IllegalArgumentException("cannot convert a " + v.getClass().getName() + " to a PATCH value; pass a "
        + "JsonNode, String, Boolean, Number, a scim-core value type, a Collection or a Map");
  }
}
