package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkOperationResponse;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.core.message.BulkResponse;
import dev.scimsync.core.message.ErrorResponse;
import dev.scimsync.server.ScimResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Processes a bulk request (RFC 7644 §3.7): operations run one by one through the same handling
 * as single requests, for the same tenant; {@code bulkId:} references in paths and data are
 * replaced by the ids of resources created earlier in the request, operations that refer to a
 * later one wait for it, and references that can never be resolved (unknown, failed or circular)
 * fail with 409. Processing stops after {@code failOnErrors} errors.
 */
public final class Bulk {

  /** Runs one operation as a request would run. */
  @FunctionalInterface
  public interface Executor {
    /** The response to {@code method path} with {@code body} (null for none). */
    ScimResponse execute(String method, String path, ObjectNode body);
  }

  private static final String PREFIX = "bulkId:";

  private Bulk() {}

  /** The bulk response for {@code request}. */
  public static BulkResponse process(BulkRequest request, Executor executor) {
    List<BulkOperation> ops = request.operations();
    int n = ops.size();
    BulkOperationResponse[] results = new BulkOperationResponse[n];
    Map<String, String> created = new HashMap<>();
    Set<String> declared = new LinkedHashSet<>();
    Set<String> failed = new LinkedHashSet<>();
    for (BulkOperation op : ops) {
      if (op.bulkId() != null) {
        declared.add(op.bulkId());
      }
    }
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pending.add(i);
    }
    int errors = 0;
    Integer failOnErrors = request.failOnErrors();
    boolean stop = false;
    while (!pending.isEmpty() && !stop) {
      boolean progress = false;
      List<Integer> deferred = new ArrayList<>();
      for (int i : pending) {
        if (stop) {
          break;
        }
        BulkOperation op = ops.get(i);
        Set<String> refs = new LinkedHashSet<>();
        collect(op.path(), refs);
        JsonNode data = op.data();
        if (data != null) {
          collect(data, refs);
        }
        String unresolved = null;
        boolean waitable = true;
        for (String ref : refs) {
          if (!created.containsKey(ref)) {
            unresolved = ref;
            if (!declared.contains(ref) || failed.contains(ref) || ref.equals(op.bulkId())) {
              waitable = false;
            }
          }
        }
        BulkOperationResponse result;
        if (unresolved != null && waitable) {
          deferred.add(i);
          continue;
        }
        progress = true;
        if (unresolved != null) {
          result = BulkOperationResponse.failed(op.method(), op.bulkId(), new ScimException(409,
              ScimType.INVALID_VALUE, "bulkId " + unresolved + " refers to no resource created in this request"));
        } else {
          result = run(op, created, executor);
        }
        results[i] = result;
        int status = result.status();
        if (status >= 400) {
          errors++;
          if (op.bulkId() != null) {
            failed.add(op.bulkId());
          }
          if (failOnErrors != null && failOnErrors > 0 && errors >= failOnErrors) {
            stop = true;
          }
        } else if (op.method() == BulkMethod.POST && op.bulkId() != null && result.location() != null) {
          String loc = result.location();
          created.put(op.bulkId(), loc.substring(loc.lastIndexOf('/') + 1));
        }
      }
      if (!progress && !stop) {
        // every remaining operation waits for another: a cycle
        for (int i : deferred) {
          BulkOperation op = ops.get(i);
          results[i] = BulkOperationResponse.failed(op.method(), op.bulkId(), new ScimException(409,
              ScimType.INVALID_VALUE, "circular bulkId references cannot be resolved"));
          errors++;
        }
        deferred.clear();
      }
      pending = deferred;
    }
    List<BulkOperationResponse> out = new ArrayList<>();
    for (BulkOperationResponse r : results) {
      if (r != null) {
        out.add(r);
      }
    }
    return new BulkResponse(out);
  }

  private static BulkOperationResponse run(BulkOperation op, Map<String, String> created, Executor executor) {
    String path = substitute(op.path(), created);
    if (path.regionMatches(true, 0, "/Bulk", 0, 5)) {
      return BulkOperationResponse.failed(op.method(), op.bulkId(),
          ScimException.invalidValue("a bulk operation cannot call /Bulk"));
    }
    ObjectNode body = null;
    if (op.data() instanceof ObjectNode o) {
      body = (ObjectNode) substitute(o, created);
    }
    ScimResponse response = executor.execute(op.method().name(), path, body);
    String location = response.header("Location");
    String version = response.header("ETag");
    if (response.status() >= 400) {
      JsonNode err = response.body().length == 0 ? null : ScimJson.parse(response.bodyText());
      ScimException e = err == null ? new ScimException(response.status(), null, "HTTP " + response.status())
          : ErrorResponse.fromJson(err, response.status()).toException();
      return BulkOperationResponse.failed(op.method(), op.bulkId(), e);
    }
    return new BulkOperationResponse(op.method(), op.bulkId(), version, location, response.status(), null);
  }

  private static void collect(String s, Set<String> refs) {
    if (s == null) {
      return;
    }
    int at = s.indexOf(PREFIX);
    while (at >= 0) {
      int end = at + PREFIX.length();
      while (end < s.length() && s.charAt(end) != '/' && s.charAt(end) != '"' && s.charAt(end) != ' ') {
        end++;
      }
      refs.add(s.substring(at + PREFIX.length(), end));
      at = s.indexOf(PREFIX, end);
    }
  }

  private static void collect(JsonNode n, Set<String> refs) {
    if (n.isString() && n.stringValue().startsWith(PREFIX)) {
      refs.add(n.stringValue().substring(PREFIX.length()));
    } else if (n.isContainer()) {
      for (JsonNode c : n) {
        collect(c, refs);
      }
    }
  }

  private static String substitute(String s, Map<String, String> created) {
    for (Map.Entry<String, String> e : created.entrySet()) {
      s = s.replace(PREFIX + e.getKey(), e.getValue());
    }
    return s;
  }

  private static JsonNode substitute(JsonNode n, Map<String, String> created) {
    if (n.isString() && n.stringValue().startsWith(PREFIX)) {
      String id = created.get(n.stringValue().substring(PREFIX.length()));
      return id == null ? n : JsonNodeFactory.instance.stringNode(id);
    }
    if (n instanceof ObjectNode o) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      o.properties().forEach(p -> out.set(p.getKey(), substitute(p.getValue(), created)));
      return out;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      a.forEach(e -> out.add(substitute(e, created)));
      return out;
    }
    return n;
  }
}
