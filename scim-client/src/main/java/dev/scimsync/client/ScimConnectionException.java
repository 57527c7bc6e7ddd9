package dev.scimsync.client;

import org.jspecify.annotations.Nullable;

/**
 * No HTTP response was received (connection refused, reset, timed out) and the request was not, or
 * could no longer be, retried. {@link #status()} is 0. {@link #mayHaveBeenProcessed()} tells
 * whether the server may have acted on the request.
 */
public class ScimConnectionException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  private final boolean mayHaveBeenProcessed;

  /** A connection failure of the request {@code method path}, caused by {@code cause}. */
  public ScimConnectionException(String detail, @Nullable String method, @Nullable String path, boolean mayHaveBeenProcessed,
      @Nullable Throwable cause) {
    super(0, null, detail, null, method, path, cause);
    this.mayHaveBeenProcessed = mayHaveBeenProcessed;
  }

  /** False when the request surely never reached the server (e.g. the connection was refused). */
  public boolean mayHaveBeenProcessed() {
    return mayHaveBeenProcessed;
  }
}
