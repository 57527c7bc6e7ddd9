package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.internal.Texts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bulk request (RFC 7644 §3.7): operations to run in order, and how many errors to accept before
 * stopping.
 *
 * @param failOnErrors the number of errors after which the server stops, or null for "never stop"
 * @param operations the operations; never null, may be empty
 */
public record BulkRequest(@Nullable Integer failOnErrors, List<BulkOperation> operations) {

  /**
   * The default limit on operations in one request: 1,000. More gives 413 Payload Too Large, as RFC
   * 7644 §3.7.4 prescribes for a request beyond the server's {@code maxOperations}.
   */
  public static final int DEFAULT_MAX_OPERATIONS = 1_000;

  /**
   * Checks and copies: a negative {@code failOnErrors} gives 400 invalidValue, and a {@code bulkId}
   * used by two operations gives 400 invalidValue (RFC 7644 §3.7: unique within a request).
   */
  public BulkRequest {
    if (failOnErrors != null && failOnErrors < 0) {
      throw ScimException.invalidValue("'failOnErrors' must not be negative: " + failOnErrors);
    }
    operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
    Set<String> seen = new HashSet<>();
    for (BulkOperation op : operations) {
      if (op.method() == BulkMethod.POST) {
        String bulkId = Objects.requireNonNull(op.bulkId(), "BulkOperation requires a bulkId on POST");
        if (!seen.add(bulkId)) {
          throw ScimException.invalidValue("bulkId \"" + Texts.abbreviate(bulkId, Wire.SHOWN)
              + "\" is used by two POST operations");
        }
      }
    }
  }

  /** Reads a bulk request strictly with the default operation limit. */
  public static BulkRequest fromJson(@Nullable JsonNode json) {
    return fromJson(json, Tolerance.strict(), DEFAULT_MAX_OPERATIONS);
  }

  /** Reads a bulk request with the given tolerance and the default operation limit. */
  public static BulkRequest fromJson(@Nullable JsonNode json, @Nullable Tolerance tolerance) {
    return fromJson(json, tolerance, DEFAULT_MAX_OPERATIONS);
  }

  /**
   * Reads a bulk request. Strictly, {@code schemas} must contain the BulkRequest URN and
   * {@code Operations} must be an array; each operation is read by
   * {@link BulkOperation#fromJson(JsonNode, Tolerance)}. {@code tolerance.ignoreUnknownSchemas()}
   * accepts a missing or wrong {@code schemas}; {@code coerceStringValues()} accepts
   * {@code failOnErrors} as a string.
   *
   * @param tolerance the deviations accepted; null means strict
   * @param maxOperations the most operations accepted (the server's {@code bulk.maxOperations})
   * @throws ScimException 400 naming the problem and the operation's index, or 413 for more than
   *     {@code maxOperations} operations
   */
  public static BulkRequest fromJson(@Nullable JsonNode json, @Nullable Tolerance tolerance, int maxOperations) {
    Tolerance t = Wire.orStrict(tolerance);
    ObjectNode o = Wire.body(json, "bulk request");
    Wire.checkSchemas(o, MessageSchemas.BULK_REQUEST, t.ignoreUnknownSchemas(), "bulk request");
    Integer failOnErrors = Wire.integer(o, "failOnErrors", t.coerceStringValues());
    List<JsonNode> ops = Wire.array(o, "Operations");
    if (ops == null) {
      throw ScimException.invalidSyntax("the bulk request has no 'Operations'");
    }
    if (ops.size() > maxOperations) {
      throw new ScimException(413, null,
          "too many bulk operations: " + ops.size() + "; the limit (maxOperations) is " + maxOperations);
    }
    List<BulkOperation> out = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      try {
        out.add(BulkOperation.fromJson(ops.get(i), t));
      } catch (ScimException e) {
        throw new ScimException(e.status(), e.scimType(), "Operations[" + i + "]: " + e.detail(), e);
      }
    }
    return new BulkRequest(failOnErrors, out);
  }

  /** The RFC 7644 wire form: {@code schemas}, {@code failOnErrors} when set, {@code Operations}. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(MessageSchemas.BULK_REQUEST);
    if (failOnErrors != null) {
      o.put("failOnErrors", failOnErrors.intValue());
    }
    ArrayNode arr = o.putArray("Operations");
    for (BulkOperation op : operations) {
      arr.add(op.toJson());
    }
    return o;
  }
}
