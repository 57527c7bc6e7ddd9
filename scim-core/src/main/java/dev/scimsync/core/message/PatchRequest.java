package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.validation.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of an HTTP PATCH (RFC 7644 §3.5.2): the PatchOp schema and one or more operations, to be
 * applied in order and atomically.
 *
 * @param operations the operations, at least one; never null
 */
public record PatchRequest(List<PatchOperation> operations) {

  /**
   * The default limit on operations in one request: 1,000. More gives 400 invalidValue ("too many
   * operations"); RFC 7644 sets no limit, this protects the server. Pass another limit to
   * {@link #fromJson(JsonNode, Tolerance, int)}.
   */
  public static final int DEFAULT_MAX_OPERATIONS = 1_000;

  /** Checks that there is at least one operation (400 invalidSyntax) and copies the list. */
  public PatchRequest {
    Objects.requireNonNull(operations, "operations");
    if (operations.isEmpty()) {
      throw ScimException.invalidSyntax("a PATCH request needs at least one operation in 'Operations'");
    }
    operations = List.copyOf(operations);
  }

  /** A request of the given operations. */
  public static PatchRequest of(PatchOperation... operations) {
    return new PatchRequest(List.of(operations));
  }

  /**
   * Reads a PATCH body (JSON text) with the given tolerance and the default operation limit. To
   * apply it with a {@link dev.scimsync.core.patch.PatchEngine}, {@code PatchEngine.read(body)}
   * reads with the engine's own tolerance.
   *
   * @param tolerance the deviations accepted; null means strict
   * @throws ScimException 400 invalidSyntax for text that is not a JSON object; see {@link
   *     #fromJson(JsonNode, Tolerance, int)}
   */
  public static PatchRequest fromJson(String body, @Nullable Tolerance tolerance) {
    return fromJson(ScimJson.parseObject(body), tolerance, DEFAULT_MAX_OPERATIONS);
  }

  /** Reads a PATCH body of JSON text; see {@link #fromJson(JsonNode, Tolerance, int)}. */
  public static PatchRequest fromJson(String body, @Nullable Tolerance tolerance, int maxOperations) {
    return fromJson(ScimJson.parseObject(body), tolerance, maxOperations);
  }

  /** Reads a PATCH body of JSON bytes; see {@link #fromJson(JsonNode, Tolerance, int)}. */
  public static PatchRequest fromJson(byte[] body, @Nullable Tolerance tolerance, int maxOperations) {
    return fromJson(ScimJson.parseObject(body), tolerance, maxOperations);
  }

  /** Reads a PATCH body strictly (RFC 7644 to the letter). */
  public static PatchRequest fromJson(@Nullable JsonNode json) {
    return fromJson(json, Tolerance.strict(), DEFAULT_MAX_OPERATIONS);
  }

  /** Reads a PATCH body with the given tolerance and the default operation limit. */
  public static PatchRequest fromJson(@Nullable JsonNode json, @Nullable Tolerance tolerance) {
    return fromJson(json, tolerance, DEFAULT_MAX_OPERATIONS);
  }

  /**
   * Reads a PATCH body. Strictly, {@code schemas} must contain the PatchOp URN and
   * {@code Operations} must be a non-empty array; each operation is read by
   * {@link PatchOperation#fromJson(JsonNode, Tolerance)}. {@code tolerance.ignoreUnknownSchemas()}
   * accepts a missing or wrong {@code schemas}. Attribute names match in any case
   * ({@code operations}), as RFC 7643 §2.1 makes them case-insensitive. When the request is for a
   * {@link dev.scimsync.core.patch.PatchEngine}, read it with {@code engine.read(...)} instead, so
   * that reading and applying use the same tolerance.
   *
   * @param tolerance the deviations accepted; null means strict
   * @param maxOperations the most operations accepted
   * @throws ScimException 400: invalidSyntax for a malformed body, invalidValue for more than
   *     {@code maxOperations} operations, and whatever an operation raises, with its index
   */
  public static PatchRequest fromJson(@Nullable JsonNode json, @Nullable Tolerance tolerance, int maxOperations) {
    Tolerance t = Wire.orStrict(tolerance);
    ObjectNode o = Wire.body(json, "PATCH request");
    Wire.checkSchemas(o, MessageSchemas.PATCH_OP, t.ignoreUnknownSchemas(), "PATCH request");
    List<JsonNode> ops = Wire.array(o, "Operations");
    if (ops == null) {
      throw ScimException.invalidSyntax("the PATCH request has no 'Operations'");
    }
    if (ops.isEmpty()) {
      throw ScimException.invalidSyntax("'Operations' of the PATCH request is empty; at least one operation is needed");
    }
    if (ops.size() > maxOperations) {
      throw ScimException.invalidValue("too many operations: " + ops.size() + "; the limit is " + maxOperations);
    }
    List<PatchOperation> out = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      try {
        out.add(PatchOperation.fromJson(ops.get(i), t));
      } catch (ScimException e) {
        throw new ScimException(e.status(), e.scimType(), "Operations[" + i + "]: " + e.detail(), e);
      }
    }
    return new PatchRequest(out);
  }

  /** The RFC 7644 wire form: {@code schemas} with the PatchOp URN and {@code Operations}. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(MessageSchemas.PATCH_OP);
    ArrayNode arr = o.putArray("Operations");
    for (PatchOperation op : operations) {
      arr.add(op.toJson());
    }
    return o;
  }
}
