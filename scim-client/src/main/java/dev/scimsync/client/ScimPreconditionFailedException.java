package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;

/** 412 Precondition Failed: the resource changed since the version passed in `If-Match`. */
public class ScimPreconditionFailedException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  /** See {@link ScimClientException#ScimClientException}. */
  public ScimPreconditionFailedException(int status, ScimType scimType, String detail, String requestId, String method, String path,
      Throwable cause) {
    super(status, scimType, detail, requestId, method, path, cause);
  }
}
