package dev.scimsync.core.error;

import dev.scimsync.filter.FilterException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM error: HTTP status, optional {@link ScimType} and a detail message that names the
 * problem. Servers turn it into an RFC 7644 §3.12 error response; clients receive it from one.
 * The detail never contains secrets.
 */
public class ScimException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable ScimType scimType;
  private final String detail;

  /** An error with the status that {@code scimType} implies. */
  public ScimException(ScimType scimType, String detail) {
    this(scimType.status(), scimType, detail);
  }

  /** An error with an explicit status; {@code scimType} may be null. */
  public ScimException(int status, @Nullable ScimType scimType, String detail) {
    super(detail);
    this.detail = detail;
    this.status = status;
    this.scimType = scimType;
  }

  /** An error with an explicit status, type and cause. */
  public ScimException(int status, @Nullable ScimType scimType, String detail, @Nullable Throwable cause) {
    super(detail, cause);
    this.detail = detail;
    this.status = status;
    this.scimType = scimType;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The scimType, or null when the error has none (e.g. 404). */
  public @Nullable ScimType scimType() {
    return scimType;
  }

  /** The detail message. */
  public String detail() {
    return detail;
  }

  /** The filter-language error as a SCIM error with the same scimType. */
  public static ScimException from(FilterException e) {
    ScimType type = ScimType.fromWireName(e.scimType());
    return new ScimException(400, type == null ? ScimType.INVALID_FILTER : type,
        Objects.requireNonNull(e.getMessage(), "a FilterException always has a message"), e);
  }

  /** 400 invalidValue. */
  public static ScimException invalidValue(String detail) {
    return new ScimException(ScimType.INVALID_VALUE, detail);
  }

  /** 400 invalidSyntax. */
  public static ScimException invalidSyntax(String detail) {
    return new ScimException(ScimType.INVALID_SYNTAX, detail);
  }

  /** 400 invalidPath. */
  public static ScimException invalidPath(String detail) {
    return new ScimException(ScimType.INVALID_PATH, detail);
  }

  /** 400 noTarget. */
  public static ScimException noTarget(String detail) {
    return new ScimException(ScimType.NO_TARGET, detail);
  }

  /** 400 mutability. */
  public static ScimException mutability(String detail) {
    return new ScimException(ScimType.MUTABILITY, detail);
  }

  /** 409 uniqueness. */
  public static ScimException uniqueness(String detail) {
    return new ScimException(ScimType.UNIQUENESS, detail);
  }

  /** 404 without scimType. */
  public static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  /** 400 tooMany: a filter or request would return or touch more than the provider allows. */
  public static ScimException tooMany(String detail) {
    return new ScimException(ScimType.TOO_MANY, detail);
  }

  /** 409 without scimType: the request conflicts with the resource's state (not a uniqueness clash). */
  public static ScimException conflict(String detail) {
    return new ScimException(409, null, detail);
  }

  /** 412 without scimType: the version given ({@code If-Match}, expected version) is not the current one. */
  public static ScimException preconditionFailed(String detail) {
    return new ScimException(412, null, detail);
  }

  /** 413 without scimType: the request body (or a bulk request) is larger than the provider accepts. */
  public static ScimException payloadTooLarge(String detail) {
    return new ScimException(413, null, detail);
  }

  /** 415 without scimType: the request body is not in a media type the provider accepts. */
  public static ScimException unsupportedMediaType(String detail) {
    return new ScimException(415, null, detail);
  }

  /** 429 without scimType: too many requests; try again later. */
  public static ScimException tooManyRequests(String detail) {
    return new ScimException(429, null, detail);
  }

  /** 500 without scimType: the provider failed; the detail must not reveal internals. */
  public static ScimException internal(String detail) {
    return new ScimException(500, null, detail);
  }

  /** 501 without scimType: the operation is not supported by this provider. */
  public static ScimException notImplemented(String detail) {
    return new ScimException(501, null, detail);
  }
}
