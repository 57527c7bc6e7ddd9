package dev.scimsync.server.store;

import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ScimResource;
import java.util.Map;
import java.util.Objects;

/**
 * What a store wrote for a PATCH.
 *
 * @param resource the stored resource after the update, with a new {@code meta.version}; values of
 *     the attribute applied as a delta (e.g. {@code members}) may be left out
 * @param applied for the attribute applied as a delta, the change that really happened: values added that were
 *     not there before and values removed that were there (so events report real changes only)
 */
public record UpdateResult(ScimResource resource, Map<String, ValueDelta> applied) {
  /** Copies the map. */
  public UpdateResult {
    Objects.requireNonNull(resource, "resource");
    applied = Map.copyOf(applied);
  }
}
