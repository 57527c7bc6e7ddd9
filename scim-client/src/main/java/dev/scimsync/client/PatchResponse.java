package dev.scimsync.client;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a PATCH returned: the status, the resource's new version, and the resource when the server
 * sent it. A 204 No Content carries no resource but usually an {@code ETag}, which is kept here so
 * that the next conditional request can use it without a GET. Immutable.
 *
 * @param <T> the resource type
 */
public final class PatchResponse<T> {

  private final int status;
  private final @Nullable String version;
  private final @Nullable T resource;

  PatchResponse(int status, @Nullable String version, @Nullable T resource) {
    this.status = status;
    this.version = version;
    this.resource = resource;
  }

  /** The HTTP status: 200 with a resource, 204 without. */
  public int status() {
    return status;
  }

  /**
   * The resource's new version: the {@code ETag} response header, else the returned resource's
   * {@code meta.version}; empty when the server sent neither.
   */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** The patched resource when the server returned it (200); empty for 204. */
  public Optional<T> resource() {
    return Optional.ofNullable(resource);
  }

  @Override
  public String toString() {
    return "PatchResponse[status=" + status + ", version=" + version + ", resource=" + (resource != null) + "]";
  }
}
