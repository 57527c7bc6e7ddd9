package dev.scimsync.core.patch;

import dev.scimsync.core.schema.ResolvedAttribute;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The private copy of the resource that one application of a PATCH edits, the resource as it was,
 * and the top-level attributes the operations touched (for {@link ChangeDiff}).
 */
final class WorkingCopy {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode before;
  private final ObjectNode doc;
  private final Map<String, ResolvedAttribute> touched = new LinkedHashMap<>();

  /** A copy of {@code before}, which is read only. */
  WorkingCopy(ObjectNode before) {
    this.before = before;
    this.doc = before.deepCopy();
  }

  ObjectNode before() {
    return before;
  }

  ObjectNode doc() {
    return doc;
  }

  /** The top-level attributes touched, in order, without duplicates. */
  Collection<ResolvedAttribute> touched() {
    return touched.values();
  }

  /** Records that the top-level attribute of {@code r} may have changed. */
  void touch(ResolvedAttribute r) {
    ResolvedAttribute top = new ResolvedAttribute(r.schemaUri(), r.extension(), r.attribute(), null);
    touched.putIfAbsent(top.canonicalPath().toLowerCase(Locale.ROOT), top);
  }

  private @Nullable ObjectNode container(ResolvedAttribute r, boolean create) {
    if (!r.extension()) {
      return doc;
    }
    JsonNode ext = doc.get(r.schemaUri());
    if (ext instanceof ObjectNode eo) {
      return eo;
    }
    return create ? doc.putObject(r.schemaUri()) : null;
  }

  /** The value of the top-level attribute of {@code r}, or null when absent or null. */
  @Nullable JsonNode get(ResolvedAttribute r) {
    ObjectNode c = container(r, false);
    JsonNode v = c == null ? null : c.get(r.attribute().name());
    return v == null || v.isNull() ? null : v;
  }

  @Nullable ArrayNode array(ResolvedAttribute r) {
    return get(r) instanceof ArrayNode a ? a : null;
  }

  /** The complex value of {@code r}, created empty when absent and {@code create}. */
  @Nullable ObjectNode complex(ResolvedAttribute r, boolean create) {
    JsonNode v = get(r);
    if (v instanceof ObjectNode o) {
      return o;
    }
    if (!create) {
      return null;
    }
    ObjectNode o = NODES.objectNode();
    set(r, o);
    return o;
  }

  /** Sets the value of {@code r}, or removes it for null (and an extension left empty). */
  void set(ResolvedAttribute r, @Nullable JsonNode v) {
    if (v == null) {
      ObjectNode c = container(r, false);
      if (c != null) {
        c.remove(r.attribute().name());
        if (r.extension() && c.isEmpty()) {
          doc.remove(r.schemaUri());
        }
      }
      return;
    }
    container(r, true).set(r.attribute().name(), v);
  }

  /** Drops empty objects from {@code arr}, and the attribute when nothing is left. */
  void removeEmptyElements(ResolvedAttribute r, ArrayNode arr) {
    for (int i = arr.size() - 1; i >= 0; i--) {
      JsonNode e = arr.get(i);
      if (e.isObject() && e.isEmpty()) {
        arr.remove(i);
      }
    }
    if (arr.isEmpty() && get(r) == arr) {
      set(r, null);
    }
  }

  /** The value of the top-level attribute of {@code r} in {@code root}, or null when absent or null. */
  static @Nullable JsonNode valueIn(ObjectNode root, ResolvedAttribute r) {
    JsonNode c = r.extension() ? root.get(r.schemaUri()) : root;
    JsonNode v = c == null ? null : c.get(r.attribute().name());
    return v == null || v.isNull() ? null : v;
  }
}
