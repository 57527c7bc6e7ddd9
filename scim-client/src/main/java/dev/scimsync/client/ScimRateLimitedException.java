package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;
import java.time.Duration;

/**
 * 429 Too Many Requests after retries were exhausted (attempts, retry budget, or a
 * {@code Retry-After} longer than the policy's maximum delay).
 */
public class ScimRateLimitedException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** See {@link ScimClientException#ScimClientException}; {@code retryAfter} may be null. */
  public ScimRateLimitedException(int status, ScimType scimType, String detail, String requestId, String method,
      String path, Throwable cause, Duration retryAfter) {
    super(status, scimType, detail, requestId, method, path, cause);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for in its last {@code Retry-After}, or null when it named none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
