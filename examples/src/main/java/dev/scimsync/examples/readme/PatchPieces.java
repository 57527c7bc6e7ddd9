package dev.scimsync.examples.readme;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchRequest;
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
    PatchRequest request = PatchRequest.fromJson(ScimJson.parse(body), Tolerance.entra());
    PatchResult result = new PatchEngine(schemas.resourceSchema("User"), Tolerance.entra())
        .apply(user, request);
    boolean deactivated = result.changes().changed("active");        // what changed, no diffing
    // end::patch[]
    return result;
  }
}
