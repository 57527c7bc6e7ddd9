package dev.scimsync.core.message;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bulk response (RFC 7644 §3.7): one result per operation that was run, in request order.
 *
 * @param operations the results; never null, may be empty
 */
public record BulkResponse(List<BulkOperationResponse> operations) {

  /** Copies the list. */
  public BulkResponse {
    operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
  }

  /**
   * Reads a bulk response as servers send it: {@code schemas} missing or different, and
   * {@code Operations} absent or null for none, are accepted.
   *
   * @throws ScimException 400 when the body or an operation result is malformed, naming its index
   */
  public static BulkResponse fromJson(@Nullable JsonNode json) {
    ObjectNode o = Wire.body(json, "bulk response");
    List<JsonNode> ops = Wire.array(o, "Operations");
    List<BulkOperationResponse> out = new ArrayList<>();
    if (ops != null) {
      for (int i = 0; i < ops.size(); i++) {
        try {
          out.add(BulkOperationResponse.fromJson(ops.get(i)));
        } catch (ScimException e) {
          throw new ScimException(e.status(), e.scimType(), "Operations[" + i + "]: " + e.detail(), e);
        }
      }
    }
    return new BulkResponse(out);
  }

  /** The RFC 7644 wire form: {@code schemas} and {@code Operations}, {@code []} when empty. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.putArray("schemas").add(MessageSchemas.BULK_RESPONSE);
    ArrayNode arr = o.putArray("Operations");
    for (BulkOperationResponse op : operations) {
      arr.add(op.toJson());
    }
    return o;
  }
}
