package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;
import java.time.Duration;

/**
 * 503 Service Unavailable after retries ended; {@link #giveUpReason()} says why. Always {@linkplain
 * #isTransient() transient}.
 */
public class ScimServiceUnavailableException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** See {@link ScimClientException#ScimClientException}; {@code retryAfter} may be null. */
  public ScimServiceUnavailableException(int status, ScimType scimType, String detail, String requestId,
      String method, String path, Throwable cause, Duration retryAfter) {
    super(status, scimType, detail, requestId, method, path, cause);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for in its last {@code Retry-After}, or null when it named none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
