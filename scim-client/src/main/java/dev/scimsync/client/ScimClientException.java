package dev.scimsync.client;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;

/**
 * A request that failed: the HTTP status (0 when no response was received), the {@code scimType}
 * and detail of the SCIM error response when the server sent one, the request id the server
 * reported (a header such as {@code X-Request-Id}), and the method and path of the request. The
 * message never contains credentials or query strings.
 */
public class ScimClientException extends ScimException {

  private static final long serialVersionUID = 1L;

  private final String requestId;
  private final String method;
  private final String path;

  /** An error for a request; {@code scimType}, {@code requestId}, {@code method}, {@code path} may be null. */
  public ScimClientException(int status, ScimType scimType, String detail, String requestId, String method,
      String path, Throwable cause) {
    super(status, scimType, detail, cause);
    this.requestId = requestId;
    this.method = method;
    this.path = path;
  }

  /** The request id the server reported in a response header, or null. */
  public String requestId() {
    return requestId;
  }

  /** The HTTP method of the failed request, or null. */
  public String method() {
    return method;
  }

  /** The path of the failed request, without query string, or null. */
  public String path() {
    return path;
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
    return super.getMessage();
  }
}
