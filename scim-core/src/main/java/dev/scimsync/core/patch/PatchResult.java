package dev.scimsync.core.patch;

import dev.scimsync.core.resource.ScimResource;
import java.util.Objects;

/**
 * The outcome of a PATCH: the new resource and what changed.
 *
 * @param resource the patched resource; when an attribute was applied as a delta, without it
 * @param changes what changed
 */
public record PatchResult(ScimResource resource, ChangeSet changes) {
  /** Requires both parts. */
  public PatchResult {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(changes, "changes");
  }
}
