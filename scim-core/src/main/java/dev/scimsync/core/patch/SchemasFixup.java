package dev.scimsync.core.patch;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** After a PATCH, {@code schemas} lists the core schema and exactly the extensions present. */
final class SchemasFixup {

  private SchemasFixup() {}

  /** Drops empty extensions and rewrites {@code schemas} (first) when it differs. */
  static void apply(ResourceSchema schema, ObjectNode doc) {
    // compared in place; the new list is built only when it differs (a PATCH seldom changes it)
    JsonNode old = doc.get("schemas");
    boolean same = old instanceof ArrayNode && isString(old.get(0), schema.core().id());
    int listed = 1;
    for (Schema ext : schema.extensions()) {
      JsonNode e = doc.get(ext.id());
      if (e instanceof ObjectNode eo && !eo.isEmpty()) {
        same = same && isString(old.get(listed), ext.id());
        listed++;
      } else if (e != null) {
        doc.remove(ext.id());
      }
    }
    if (!(same && old != null && old.size() == listed)) {
      ArrayNode schemas = WorkingCopy.NODES.arrayNode();
      schemas.add(schema.core().id());
      for (Schema ext : schema.extensions()) {
        if (doc.get(ext.id()) != null) {
          schemas.add(ext.id());
        }
      }
      // keep schemas first, as the validator writes it
      ObjectNode reordered = WorkingCopy.NODES.objectNode();
      reordered.set("schemas", schemas);
      doc.properties().forEach(p -> {
        if (!p.getKey().equals("schemas")) {
          reordered.set(p.getKey(), p.getValue());
        }
      });
      doc.removeAll();
      doc.setAll(reordered);
    }
  }

  private static boolean isString(@Nullable JsonNode n, String text) {
    return n != null && n.isString() && n.stringValue().equals(text);
  }
}
