package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;

/** 404 Not Found: the resource or endpoint does not exist. */
public class ScimNotFoundException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  /** See {@link ScimClientException#ScimClientException}. */
  public ScimNotFoundException(int status, ScimType scimType, String detail, String requestId, String method, String path,
      Throwable cause) {
    super(status, scimType, detail, requestId, method, path, cause);
  }
}
