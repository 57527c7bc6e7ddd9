package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;

/** 409 Conflict, typically `scimType` uniqueness: the resource exists already. Callers can look it up and continue. */
public class ScimConflictException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  /** See {@link ScimClientException#ScimClientException}. */
  public ScimConflictException(int status, ScimType scimType, String detail, String requestId, String method, String path,
      Throwable cause) {
    super(status, scimType, detail, requestId, method, path, cause);
  }
}
