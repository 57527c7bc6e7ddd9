package dev.scimsync.core.patch;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** After a PATCH, {@code schemas} lists the core schema and exactly the extensions present. */
final class SchemasFixup {

  private SchemasFixup() {}

  /** Drops empty extensions and rewrites {@code schemas} (first) when it differs. */
  static void apply(ResourceSchema schema, ObjectNode doc) {
    ArrayNode schemas = WorkingCopy.NODES.arrayNode();
    schemas.add(schema.core().id());
    for (Schema ext : schema.extensions()) {
      JsonNode e = doc.get(ext.id());
      if (e instanceof ObjectNode eo && !eo.isEmpty()) {
        schemas.add(ext.id());
      } else if (e != null) {
        doc.remove(ext.id());
      }
    }
    JsonNode old = doc.get("schemas");
    if (old == null || !old.equals(schemas)) {
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
}
