package dev.scimsync.core.patch;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.Mutability;
import dev.scimsync.core.schema.ResolvedAttribute;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** Mutability and required rules (RFC 7643 §2.2, §7): what a PATCH may write or remove. */
final class WriteRules {

  private WriteRules() {}

  /** 400 mutability when the attribute (or its named sub-attribute) is read-only. */
  static void checkWritable(ResolvedAttribute r, String display) {
    if (r.attribute().mutability() == Mutability.READ_ONLY) {
      throw ScimException.mutability("attribute '" + display + "' is read-only");
    }
    if (r.subAttribute() != null && r.subAttribute().mutability() == Mutability.READ_ONLY) {
      throw ScimException.mutability("attribute '" + display + "' is read-only");
    }
  }

  /** 400 mutability when {@code sub} of {@code element} is read-only, or immutable and set to another value. */
  static void checkSubWritable(AttributeDefinition def, AttributeDefinition sub, ObjectNode element, @Nullable JsonNode v,
      String display) {
    if (sub.mutability() == Mutability.READ_ONLY) {
      throw ScimException.mutability("sub-attribute '" + def.name() + "." + sub.name() + "' is read-only");
    }
    JsonNode cur = element.get(sub.name());
    if (sub.mutability() == Mutability.IMMUTABLE && cur != null && !cur.isNull() && (v == null || !cur.equals(v))) {
      throw ScimException.mutability("sub-attribute '" + def.name() + "." + sub.name() + "' is immutable ("
          + display + ")");
    }
  }

  /** 400 mutability when {@code sub} is required, read-only or immutable. */
  static void checkSubRemovable(AttributeDefinition def, AttributeDefinition sub, String display) {
    if (sub.required() || sub.mutability() == Mutability.READ_ONLY || sub.mutability() == Mutability.IMMUTABLE) {
      throw ScimException.mutability("sub-attribute '" + def.name() + "." + sub.name() + "' cannot be removed ("
          + display + ")");
    }
  }

  /** 400 mutability when {@code r} is required, or immutable and {@code current} is set. */
  static void checkRemovable(ResolvedAttribute r, @Nullable JsonNode current, String display) {
    AttributeDefinition d = r.attribute();
    if (d.required()) {
      throw ScimException.mutability("attribute '" + display + "' is required and cannot be removed");
    }
    if (d.mutability() == Mutability.IMMUTABLE && current != null) {
      throw ScimException.mutability("attribute '" + display + "' is immutable and cannot be removed");
    }
  }

  /** 400 mutability when {@code current} is set and {@code v} differs from it on an immutable attribute. */
  static void checkImmutable(AttributeDefinition def, @Nullable JsonNode current, JsonNode v, String display) {
    if (def.mutability() == Mutability.IMMUTABLE && current != null && !current.isNull() && !current.equals(v)) {
      throw ScimException.mutability("attribute '" + display + "' is immutable and already set");
    }
  }

  /** Sets (or for null removes) a sub-attribute, unless it is read-only. */
  static void setSub(ObjectNode obj, AttributeDefinition sub, @Nullable JsonNode v, String display) {
    if (sub.mutability() == Mutability.READ_ONLY) {
      throw ScimException.mutability("attribute '" + display + "' is read-only");
    }
    if (v == null) {
      obj.remove(sub.name());
    } else {
      obj.set(sub.name(), v);
    }
  }
}
