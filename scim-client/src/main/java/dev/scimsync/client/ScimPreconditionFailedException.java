package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;
import org.jspecify.annotations.Nullable;

/** 412 Precondition Failed: the resource changed since the version passed in `If-Match`. */
public class ScimPreconditionFailedException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  /** See {@link ScimClientException#ScimClientException}. */
  public ScimPreconditionFailedException(int status, @Nullable ScimType scimType, String detail, @Nullable String requestId, @Nullable String method, @Nullable String path,
      @Nullable Throwable cause) {
    super(status, scimType, detail, requestId, method, path, cause);
  }
}
