package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of one bulk operation (RFC 7644 §3.7.3). Immutable; {@code response} is copied in and
 * out.
 *
 * @param method the HTTP method of the operation
 * @param bulkId the operation's {@code bulkId}, or null
 * @param version the resource's new ETag, or null
 * @param location the resource's URL, or null (a failed POST has none)
 * @param status the HTTP status of the operation, 100 to 599; written as a string ({@code "201"})
 * @param response the body, typically an error response on failure, or null
 */
public record BulkOperationResponse( BulkMethod method, @Nullable String bulkId, @Nullable String version,
    @Nullable String location, int status, @Nullable JsonNode response) {

  /** Checks that a method is given and the status is an HTTP status; copies the response. */
  public BulkOperationResponse {
    requiredMethod(method);
    if (status < 100 || status > 599) {
      throw ScimException.invalidValue("bulk 'status' must be an HTTP status code (100-599): " + status);
    }
    response = Wire.absent(response) ? null : Wire.copy(response);
  }

  /** A failed operation: the status of {@code error}, and its error response as {@code response}. */
  public static BulkOperationResponse failed(BulkMethod method, @Nullable String bulkId, ScimException error) {
    return new BulkOperationResponse(method, bulkId, null, null, error.status(),
        ErrorResponse.from(error).toJson());
  }

  /**
   * The id of the resource the operation acted on: the last segment of {@code location}; null when
   * there is no location (e.g. a failed POST).
   */
  public @Nullable String id() {
    if (location == null || location.isBlank()) {
      return null;
    }
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    String id = l.substring(l.lastIndexOf('/') + 1);
    return id.isEmpty() ? null : id;
  }

  /** A copy of the response body, or null. */
  @Override
  public @Nullable JsonNode response() {
    return Wire.copy(response);
  }

  /** The error carried in {@code response}, or null when the status is below 400 or there is none. */
  public @Nullable ErrorResponse error() {
    if (status < 400 || response == null || !response.isObject()) {
      return null;
    }
    return ErrorResponse.fromJson(response, status);
  }

  /**
   * Reads one operation result as servers send it: the method in any case; {@code status} as a
   * string, a number, or an object with {@code code} (a SCIM 1.1 habit); JSON null as absent.
   *
   * @throws ScimException 400 naming the problem
   */
  public static BulkOperationResponse fromJson(@Nullable JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("a bulk operation response must be a JSON object, not " + ScimJson.describe(json));
    }
    ObjectNode o = (ObjectNode) json;
    String method = Wire.string(o, "method");
    JsonNode st = Wire.get(o, "status");
    Integer status = st != null && st.isObject() ? Wire.integer((ObjectNode) st, "code", true)
        : Wire.integer(o, "status", true);
    if (status == null) {
      throw ScimException.invalidSyntax("a bulk operation response has no 'status'");
    }
    BulkMethod m = method == null ? null : BulkMethod.fromWireName(method, true);
    String bulkId = Wire.string(o, "bulkId");
    String version = Wire.string(o, "version");
    String location = Wire.string(o, "location");
    return new BulkOperationResponse(
        requiredMethod(m),
        bulkId,
        version,
        location,
        status,
        Wire.get(o, "response"));
  }

  /** The RFC 7644 wire form, with {@code status} as a string. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    if (location != null) {
      o.put("location", location);
    }
    o.put("method", method.name());
    if (bulkId != null) {
      o.put("bulkId", bulkId);
    }
    if (version != null) {
      o.put("version", version);
    }
    o.put("status", Integer.toString(status));
    if (response != null) {
      o.set("response", response.deepCopy());
    }
    return o;
  }

  /** {@code method}; 400 invalidSyntax when it is missing. */
  private static BulkMethod requiredMethod(@Nullable BulkMethod method) {
    if (method == null) {
      throw ScimException.invalidSyntax("a bulk operation response has no 'method'");
    }
    return method;
  }
}
