package dev.scimsync.set;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one push of a SET (RFC 8935) came to: delivered, refused for good, or worth another try.
 * A delivery engine retries {@link Retryable} outcomes and parks {@link Permanent} ones.
 */
public sealed interface PushOutcome {

  /** The receiver took the SET (HTTP 202, RFC 8935 §2.2). */
  record Delivered(int status) implements PushOutcome {}

  /**
   * The receiver refused the SET and will refuse it again: HTTP 400 with an RFC 8935 error (see
   * {@link SetError}), 401 or 403, a redirect (not followed) or another 4xx.
   *
   * @param status the HTTP status
   * @param error the receiver's error, when it sent one
   */
  record Permanent(int status, @Nullable SetError error) implements PushOutcome {}

  /**
   * The push may work later: HTTP 5xx, 429 or 408, a timeout, or no connection.
   *
   * @param status the HTTP status, or 0 when no response came
   * @param retryAfter the receiver's {@code Retry-After}, when it sent one in seconds
   * @param reason what happened, without the SET
   */
  record Retryable(int status, @Nullable Duration retryAfter, String reason) implements PushOutcome {}

  /** True for {@link Delivered}. */
  default boolean delivered() {
    return this instanceof Delivered;
  }
}
