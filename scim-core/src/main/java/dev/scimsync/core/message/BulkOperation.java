package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.internal.Texts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of a bulk request (RFC 7644 §3.7). Immutable; {@code data} is copied in and out.
 *
 * <p>Rules enforced (400 invalidValue or invalidSyntax): a method is required; {@code path} is
 * required and starts with {@code /}; POST needs a {@code bulkId}; POST, PUT and PATCH need
 * {@code data} (an object).
 *
 * @param method the HTTP method
 * @param bulkId the client's transient id for a created resource, or null
 * @param version the ETag the resource must have ({@code If-Match}), or null
 * @param path the resource type endpoint for POST ({@code /Users}), else the resource
 *     ({@code /Users/2819c223})
 * @param data the body: the resource for POST and PUT, the PATCH request for PATCH; null for DELETE
 */
public record BulkOperation(BulkMethod method, @Nullable String bulkId, @Nullable String version, String path,
    @Nullable JsonNode data) {

  /** Checks the rules above and copies {@code data}. */
  public BulkOperation {
    required(method, "method");
    required(path, "path");
    if (!path.startsWith("/")) {
      throw ScimException.invalidValue("bulk 'path' must start with '/': \"" + Texts.abbreviate(path, Wire.SHOWN)
          + "\"");
    }
    if (method == BulkMethod.POST && (bulkId == null || bulkId.isEmpty())) {
      throw ScimException.invalidSyntax("a bulk POST needs a 'bulkId'");
    }
    if (method != BulkMethod.DELETE && (data == null || data.isNull())) {
      throw ScimException.invalidSyntax("a bulk " + method + " needs 'data'");
    }
    if (data != null && !data.isObject()) {
      throw ScimException.invalidSyntax("bulk 'data' must be an object, not " + ScimJson.describe(data));
    }
    data = Wire.copy(data);
  }

  /** A copy of the data, or null. */
  @Override
  public @Nullable JsonNode data() {
    return Wire.copy(data);
  }

  /**
   * The data of a PATCH operation read as a PATCH request with {@code tolerance}.
   *
   * @throws ScimException 400 when this is not a PATCH or the data is not a valid PATCH body
   */
  public PatchRequest patchRequest(Tolerance tolerance) {
    if (method != BulkMethod.PATCH) {
      throw ScimException.invalidValue("a bulk " + method + " carries no PATCH request");
    }
    return PatchRequest.fromJson(data, tolerance);
  }

  /**
   * Reads one bulk operation. {@code tolerance.anyCaseOperations()} also accepts the method in any
   * case ({@code "post"}); JSON null is read as absent.
   *
   * @param tolerance the deviations accepted; null means strict
   * @throws ScimException 400 naming the problem
   */
  public static BulkOperation fromJson(@Nullable JsonNode json, @Nullable Tolerance tolerance) {
    Tolerance t = Wire.orStrict(tolerance);
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("a bulk operation must be a JSON object, not " + ScimJson.describe(json));
    }
    ObjectNode o = (ObjectNode) json;
    String method = Wire.string(o, "method");
    JsonNode data = Wire.get(o, "data");
    BulkMethod m = method == null ? null : BulkMethod.fromWireName(method, t.anyCaseOperations());
    String bulkId = Wire.string(o, "bulkId");
    String version = Wire.string(o, "version");
    String path = Wire.string(o, "path");
    return new BulkOperation(required(m, "method"), bulkId, version, required(path, "path"),
        Wire.absent(data) ? null : data);
  }

  /** {@code value}; 400 invalidSyntax naming {@code member} when it is missing. */
  private static <T> T required(@Nullable T value, String member) {
    if (value == null) {
      throw ScimException.invalidSyntax("a bulk operation has no '" + member + "'");
    }
    return value;
  }

  /** The RFC 7644 wire form; absent parts are left out. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.put("method", method.name());
    if (bulkId != null) {
      o.put("bulkId", bulkId);
    }
    if (version != null) {
      o.put("version", version);
    }
    o.put("path", path);
    if (data != null) {
      o.set("data", data.deepCopy());
    }
    return o;
  }
}
