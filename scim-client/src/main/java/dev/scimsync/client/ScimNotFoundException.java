package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;
import org.jspecify.annotations.Nullable;

/** 404 Not Found: the resource or endpoint does not exist. */
public class ScimNotFoundException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  /** See {@link ScimClientException#ScimClientException}. */
  public ScimNotFoundException(int status, @Nullable ScimType scimType, String detail, @Nullable String requestId, @Nullable String method, @Nullable String path,
      @Nullable Throwable cause) {
    super(status, scimType, detail, requestId, method, path, cause);
  }
}
