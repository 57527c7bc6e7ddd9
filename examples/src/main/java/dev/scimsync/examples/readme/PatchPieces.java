package dev.scimsync.examples.readme;

import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;

/** README "Use the pieces", PATCH: the engine the server uses, on its own. */
public final class PatchPieces {

  private PatchPieces() {}

  /** Applies the PATCH request {@code body} (JSON text, as Entra ID sends it) to {@code user}. */
  public static PatchResult run(ScimResource user, String body) {
    // tag::patch[]
    SchemaRegistry schemas = SchemaRegistry.standard();
    PatchEngine engine = new PatchEngine(schemas.resourceSchema("User"), Tolerance.entra());
    PatchResult result = engine.apply(user, engine.read(body));      // read with the engine's tolerance
    boolean deactivated = result.changes().changed("active");        // what changed, no diffing
    // end::patch[]
    return result;
  }
}
