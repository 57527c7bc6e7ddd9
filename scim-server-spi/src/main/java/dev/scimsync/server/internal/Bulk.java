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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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

  /**
   * The bulk response for {@code request}. The order is found in one topological pass: each
   * operation waits only for the operations declaring the bulkIds it refers to, and the ready ones
   * run in request order, so a chain of any length costs one pass, not one pass per link.
   */
  public static BulkResponse process(BulkRequest request, Executor executor) {
    List<BulkOperation> ops = request.operations();
    int n = ops.size();
    BulkOperationResponse[] results = new BulkOperationResponse[n];
    Map<String, Integer> declaredBy = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String id = ops.get(i).bulkId();
      if (id != null) {
        declaredBy.putIfAbsent(id, i);
      }
    }
    List<Set<String>> refs = new ArrayList<>(n);
    List<List<Integer>> dependents = new ArrayList<>(n);
    int[] waitingFor = new int[n];
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      BulkOperation op = ops.get(i);
      Set<String> r = new LinkedHashSet<>();
      collect(op.path(), r);
      if (op.data() != null) {
        collect(op.data(), r);
      }
      refs.add(r);
      Set<Integer> on = new HashSet<>();
      for (String ref : r) {
        Integer by = declaredBy.get(ref);
        // an unknown or own bulkId cannot be waited for: the operation fails when its turn comes
        if (by != null && by != i && on.add(by)) {
          dependents.get(by).add(i);
        }
      }
      waitingFor[i] = on.size();
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (waitingFor[i] == 0) {
        ready.add(i);
      }
    }
    Map<String, String> created = new HashMap<>();
    int errors = 0;
    Integer failOnErrors = request.failOnErrors();
    boolean stop = false;
    while (!ready.isEmpty() && !stop) {
      int i = ready.poll();
      BulkOperation op = ops.get(i);
      String unresolved = null;
      for (String ref : refs.get(i)) {
        if (!created.containsKey(ref)) {
          unresolved = ref;
          break;
        }
      }
      BulkOperationResponse result = unresolved != null
          ? BulkOperationResponse.failed(op.method(), op.bulkId(), new ScimException(409,
              ScimType.INVALID_VALUE, "bulkId " + unresolved + " refers to no resource created in this request"))
          : run(op, refs.get(i), created, executor);
      results[i] = result;
      if (result.status() >= 400) {
        errors++;
        if (failOnErrors != null && failOnErrors > 0 && errors >= failOnErrors) {
          stop = true;
        }
      } else if (op.method() == BulkMethod.POST && op.bulkId() != null && result.location() != null
          && declaredBy.get(op.bulkId()) == i) {
        String loc = result.location();
        created.put(op.bulkId(), loc.substring(loc.lastIndexOf('/') + 1));
      }
      for (int d : dependents.get(i)) {
        if (--waitingFor[d] == 0) {
          ready.add(d);
        }
      }
    }
    if (!stop) {
      // what never became ready waits, directly or not, for itself
      for (int i = 0; i < n; i++) {
        if (results[i] == null) {
          BulkOperation op = ops.get(i);
          results[i] = BulkOperationResponse.failed(op.method(), op.bulkId(), new ScimException(409,
              ScimType.INVALID_VALUE, "circular bulkId references cannot be resolved"));
        }
      }
    }
    List<BulkOperationResponse> out = new ArrayList<>();
    for (BulkOperationResponse r : results) {
      if (r != null) {
        out.add(r);
      }
    }
    return new BulkResponse(out);
  }

  private static BulkOperationResponse run(BulkOperation op, Set<String> refs, Map<String, String> created,
      Executor executor) {
    String path = refs.isEmpty() ? op.path() : substitute(op.path(), created);
    if (path.regionMatches(true, 0, "/Bulk", 0, 5)) {
      return BulkOperationResponse.failed(op.method(), op.bulkId(),
          ScimException.invalidValue("a bulk operation cannot call /Bulk"));
    }
    ObjectNode body = null;
    if (op.data() instanceof ObjectNode o) {
      body = refs.isEmpty() ? o : (ObjectNode) substitute(o, created);
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
      int end = refEnd(s, at + PREFIX.length());
      refs.add(s.substring(at + PREFIX.length(), end));
      at = s.indexOf(PREFIX, end);
    }
  }

  /** Where a bulkId starting at {@code from} in a path ends. */
  private static int refEnd(String s, int from) {
    int end = from;
    while (end < s.length() && s.charAt(end) != '/' && s.charAt(end) != '"' && s.charAt(end) != ' '
        && s.charAt(end) != '?') {
      end++;
    }
    return end;
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

  /** {@code s} with each whole {@code bulkId:X} replaced by X's id (so bulkId:g1 never touches bulkId:g10). */
  private static String substitute(String s, Map<String, String> created) {
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    int at = s.indexOf(PREFIX);
    while (at >= 0) {
      int end = refEnd(s, at + PREFIX.length());
      String id = created.get(s.substring(at + PREFIX.length(), end));
      out.append(s, from, at).append(id == null ? s.substring(at, end) : id);
      from = end;
      at = s.indexOf(PREFIX, end);
    }
    return out.append(s, from, s.length()).toString();
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
