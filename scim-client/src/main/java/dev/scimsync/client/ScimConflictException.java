package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;
import org.jspecify.annotations.Nullable;

/** 409 Conflict, typically `scimType` uniqueness: the resource exists already. Callers can look it up and continue. */
public class ScimConflictException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  /** See {@link ScimClientException#ScimClientException}. */
  public ScimConflictException(int status, @Nullable ScimType scimType, String detail, @Nullable String requestId, @Nullable String method, @Nullable String path,
      @Nullable Throwable cause) {
    super(status, scimType, detail, requestId, method, path, cause);
  }
}
