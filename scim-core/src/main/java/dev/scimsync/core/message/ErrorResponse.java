package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error response (RFC 7644 §3.12): the HTTP status, an optional {@code scimType} keyword and a
 * human-readable detail.
 *
 * @param status the HTTP status, 100 to 599
 * @param scimType the error keyword, or null (always null for statuses such as 404)
 * @param detail the detail message, or null
 */
public record ErrorResponse(int status, @Nullable ScimType scimType, @Nullable String detail) {

  /** Checks the status range; out of range gives 400 invalidValue. */
  public ErrorResponse {
    if (status < 100 || status > 599) {
      throw ScimException.invalidValue("'status' must be an HTTP status code (100-599): " + status);
    }
  }

  /** The response that reports {@code e}: same status, type and detail. */
  public static ErrorResponse from(ScimException e) {
    return new ErrorResponse(e.status(), e.scimType(), e.detail());
  }

  /** This error as an exception, e.g. for a client to throw; a missing detail becomes "HTTP status N". */
  public ScimException toException() {
    return new ScimException(status, scimType, detail == null ? "HTTP status " + status : detail);
  }

  /**
   * Reads an error response. Accepted besides the RFC shape: {@code status} as a number as well as a
   * string; a missing or different {@code schemas}; {@code scimType} absent, null, in any case, or
   * an unknown keyword (read as null); attribute names in any case.
   *
   * @throws ScimException 400 when the body is not an object or {@code status} is missing or not a
   *     status code
   */
  public static ErrorResponse fromJson(@Nullable JsonNode json) {
    return read(json, null);
  }

  /**
   * Like {@link #fromJson(JsonNode)}, but a body without {@code status} takes {@code httpStatus},
   * the status of the HTTP response that carried it.
   */
  public static ErrorResponse fromJson(@Nullable JsonNode json, int httpStatus) {
    return read(json, httpStatus);
  }

  private static ErrorResponse read(@Nullable JsonNode json, @Nullable Integer fallback) {
    ObjectNode o = Wire.body(json, "error response");
    Integer status = Wire.integer(o, "status", true);
    if (status == null) {
      if (fallback == null) {
        throw ScimException.invalidSyntax("the error response has no 'status'");
      }
      status = fallback;
    }
    JsonNode type = Wire.get(o, "scimType");
    ScimType scimType = type != null && type.isString() ? ScimType.fromWireName(type.stringValue()) : null;
    JsonNode detail = Wire.get(o, "detail");
    String text = detail == null || Wire.absent(detail) ? null : detail.isString() ? detail.stringValue() : detail.toString();
    return new ErrorResponse(status, scimType, text);
  }

  /** The RFC 7644 wire form, with {@code status} as a string ({@code "404"}). */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(MessageSchemas.ERROR);
    if (scimType != null) {
      o.put("scimType", scimType.wireName());
    }
    if (detail != null) {
      o.put("detail", detail);
    }
    o.put("status", Integer.toString(status));
    return o;
  }
}
