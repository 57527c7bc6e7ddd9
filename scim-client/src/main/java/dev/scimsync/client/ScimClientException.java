package dev.scimsync.client;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import org.jspecify.annotations.Nullable;

/**
 * A request that failed: the HTTP status (0 when no response was received), the {@code scimType}
 * and detail of the SCIM error response when the server sent one, the request id the server
 * reported (a header such as {@code X-Request-Id}), and the method and path of the request. The
 * message never contains credentials or query strings.
 */
public class ScimClientException extends ScimException {

  private static final long serialVersionUID = 1L;

  private final @Nullable String requestId;
  private final @Nullable String method;
  private final @Nullable String path;
  private GiveUpReason giveUpReason = GiveUpReason.NOT_RETRYABLE;
  private int attempts = 1;
  private boolean earlierAttemptMayHaveApplied;

  /** An error for a request; {@code scimType}, {@code requestId}, {@code method}, {@code path} may be null. */
  public ScimClientException(int status, @Nullable ScimType scimType, String detail, @Nullable String requestId, @Nullable String method,
      @Nullable String path, @Nullable Throwable cause) {
    super(status, scimType, detail, cause);
    this.requestId = requestId;
    this.method = method;
    this.path = path;
  }

  /** The request id the server reported in a response header, or null. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** The HTTP method of the failed request, or null. */
  public @Nullable String method() {
    return method;
  }

  /** The path of the failed request, without query string, or null. */
  public @Nullable String path() {
    return path;
  }

  /** Why the client did not retry further; {@link GiveUpReason#NOT_RETRYABLE} unless the transport said otherwise. */
  public GiveUpReason giveUpReason() {
    return giveUpReason;
  }

  /** The attempts made for the request, the first one included. */
  public int attempts() {
    return attempts;
  }

  /**
   * Whether the failure is transient: no response at all (connection failure), or 408, 429, 500,
   * 502, 503 or 504. A transient failure may succeed when the request is repeated later (a sync
   * job can re-queue the item); any other failure will not succeed unchanged.
   */
  public boolean isTransient() {
    return isTransientStatus(status());
  }

  static boolean isTransientStatus(int status) {
    return status == 0 || status == 408 || status == 429 || status == 500 || status == 502 || status == 503
        || status == 504;
  }

  /**
   * True when this failure answered a repeated request whose earlier attempt may have been
   * applied by the server (its response was lost): a 412 or 404 then may be the effect of the
   * client's own first attempt.
   */
  public boolean earlierAttemptMayHaveApplied() {
    return earlierAttemptMayHaveApplied;
  }

  ScimClientException retryInfo(GiveUpReason reason, int attemptsMade, boolean earlierMayHaveApplied) {
    this.giveUpReason = reason;
    this.attempts = attemptsMade;
    this.earlierAttemptMayHaveApplied = earlierMayHaveApplied;
    return this;
  }

  /** Status, request, scimType, detail and request id on one line. */
  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder();
    if (method != null) {
      sb.append(method).append(' ').append(path).append(": ");
    }
    if (status() > 0) {
      sb.append("HTTP ").append(status());
      if (scimType() != null) {
        sb.append(" (").append(scimType().wireName()).append(')');
      }
      sb.append(": ");
    }
    sb.append(super.getMessage());
    if (requestId != null) {
      sb.append(" [request id ").append(requestId).append(']');
    }
    return sb.toString();
  }

  /** The detail alone, as the server (or the client, when no response came) stated it. */
  @Override
  public String detail() {
    return java.util.Objects.requireNonNullElse(super.getMessage(), "");
  }
}
