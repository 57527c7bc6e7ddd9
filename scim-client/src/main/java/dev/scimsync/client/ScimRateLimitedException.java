package dev.scimsync.client;

import dev.scimsync.core.error.ScimType;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * 429 Too Many Requests after retries were exhausted (attempts, retry budget, or a
 * {@code Retry-After} longer than the policy's maximum delay).
 */
public class ScimRateLimitedException extends ScimClientException {

  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /** See {@link ScimClientException#ScimClientException}; {@code retryAfter} may be null. */
  public ScimRateLimitedException(int status, @Nullable ScimType scimType, String detail, @Nullable String requestId,
      @Nullable String method, @Nullable String path, @Nullable Throwable cause, @Nullable Duration retryAfter) {
    super(status, scimType, detail, requestId, method, path, cause);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for in its last {@code Retry-After}, or null when it named none. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
