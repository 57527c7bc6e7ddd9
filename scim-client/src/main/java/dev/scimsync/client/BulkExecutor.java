package dev.scimsync.client;

import dev.scimsync.core.message.ServiceProviderConfig;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkOperationResponse;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.core.message.BulkResponse;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.ErrorResponse;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a {@link BulkRequest}: through {@code /Bulk} in chunks that respect the server's {@code
 * maxOperations} and {@code maxPayloadSize}, or as single requests.
 */
final class BulkExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(BulkExecutor.class);
  private static final Pattern REF = Pattern.compile("bulkId:([^/\"\\s]+)");

  private final ScimClient client;
  private final Map<String, String> ids = new HashMap<>();

  BulkExecutor(ScimClient client) {
    this.client = client;
  }

  /** Bytes of a bulk request around its operations, and between two operations. */
  private static final int ENVELOPE_BYTES = 128;

  BulkResult run(BulkRequest request) {
    ServiceProviderConfig c = client.effectiveConfig();
    if (!c.bulkSupported()) {
      LOG.debug("the server does not support Bulk; sending {} single requests", request.operations().size());
      return singles(request);
    }
    int maxOps = c.bulkMaxOperations() > 0 ? c.bulkMaxOperations() : Integer.MAX_VALUE;
    long maxBytes = c.bulkMaxPayloadSize() > 0 ? c.bulkMaxPayloadSize() : Long.MAX_VALUE;
    List<BulkOperation> ops = request.operations();
    List<BulkOperationResponse> results = new ArrayList<>();
    Integer fail = request.failOnErrors();
    int errors = 0;
    int from = 0;
    while (from < ops.size()) {
      if (fail != null && fail > 0 && errors >= fail) {
        break;
      }
      // a chunk: as many operations as maxOperations and maxPayloadSize allow, at least one
      List<BulkOperation> part = new ArrayList<>();
      long bytes = ENVELOPE_BYTES;
      int to = from;
      while (to < ops.size() && part.size() < maxOps) {
        BulkOperation op = resolveKnown(ops.get(to));
        long size = ScimJson.writeBytes(op.toJson()).length + 1;
        if (!part.isEmpty() && bytes + size > maxBytes) {
          break;
        }
        part.add(op);
        bytes += size;
        to++;
      }
      if (part.size() == 1 && bytes > maxBytes) {
        // one operation larger than the server accepts: report it, do not send it
        BulkOperation op = part.get(0);
        results.add(BulkOperationResponse.failed(op.method(), op.bulkId(), new ScimException(413, null,
            "the operation is " + bytes + " bytes, more than the server's bulk.maxPayloadSize of " + maxBytes)));
        errors++;
        from = to;
        continue;
      }
      Integer left = fail == null || fail == 0 ? fail : Integer.valueOf(fail - errors);
      BulkResponse r;
      try {
        r = send(new BulkRequest(left, part));
      } catch (ScimClientException e) {
        throw new ScimBulkException(new BulkResult(results, ops.subList(from, ops.size())), e);
      }
      for (BulkOperationResponse o : r.operations()) {
        results.add(o);
        if (o.status() >= 400) {
          errors++;
        } else if (o.method() == BulkMethod.POST && o.bulkId() != null && o.id() != null) {
          ids.put(o.bulkId(), o.id());
        }
      }
      from = to;
    }
    return new BulkResult(results, ops.subList(Math.min(ops.size(), results.size()), ops.size()));
  }

  private BulkResponse send(BulkRequest request) {
    HttpResult r = client.transport().send(Transport.Req.post().path("Bulk").body(request.toJson()));
    try {
      return BulkResponse.fromJson(r.jsonObject());
    } catch (ScimException e) {
      throw r.unreadable("the bulk response is malformed: " + e.detail());
    }
  }

  private BulkResult singles(BulkRequest request) {
    List<BulkOperation> ops = request.operations();
    List<BulkOperationResponse> results = new ArrayList<>();
    int errors = 0;
    for (BulkOperation op : ops) {
      Integer fail = request.failOnErrors();
      if (fail != null && fail > 0 && errors >= fail) {
        break;
      }
      BulkOperationResponse res;
      try {
        res = single(op);
      } catch (ScimConnectionException e) {
        throw new ScimBulkException(new BulkResult(results, ops.subList(results.size(), ops.size())), e);
      }
      results.add(res);
      if (res.status() >= 400) {
        errors++;
      }
    }
    return new BulkResult(results, ops.subList(results.size(), ops.size()));
  }

  private BulkOperationResponse single(BulkOperation op) {
    String path;
    @Nullable JsonNode data;
    try {
      path = resolve(op.path());
      data = op.data() == null ? null : resolve(op.data());
    } catch (ScimException e) {
      return BulkOperationResponse.failed(op.method(), op.bulkId(), e);
    }
    int slash = path.indexOf('/', 1);
    String endpoint = slash < 0 ? path : path.substring(0, slash);
    String id = slash < 0 ? null : path.substring(slash + 1);
    ResourceClient<ScimResource> rc = client.resources(endpoint);
    String location = client.baseUrl() + path;
    try {
      switch (op.method()) {
        case POST -> {
          ScimResource created = rc.create(ScimResource.of(requireObject(data, op)));
          if (op.bulkId() != null && created.id() != null) {
            ids.put(op.bulkId(), created.id());
          }
          String loc = created.meta().location() != null ? created.meta().location() : location + "/" + created.id();
          return new BulkOperationResponse(op.method(), op.bulkId(), created.version(), loc, 201, null);
        }
        case PUT -> {
          ScimResource r = rc.replace(ScimResource.of(requireObject(data, op)).withId(requireId(id, op)), op.version());
          return new BulkOperationResponse(op.method(), op.bulkId(), r.version(), location, 200, null);
        }
        case PATCH -> {
          PatchResponse<ScimResource> r = rc.patch(requireId(id, op), PatchRequest.fromJson(data,
              Tolerance.lenient()), op.version());
          return new BulkOperationResponse(op.method(), op.bulkId(), r.version().orElse(null), location, r.status(),
              null);
        }
        case DELETE -> {
          rc.delete(requireId(id, op), op.version());
          return new BulkOperationResponse(op.method(), op.bulkId(), null, location, 204, null);
        }
        default -> throw new IllegalStateException("unknown bulk method " + op.method());
      }
    } catch (ScimConnectionException e) {
      throw e; // no status to report: the run cannot go on meaningfully
    } catch (ScimException e) {
      int status = e.status() >= 100 && e.status() <= 599 ? e.status() : 500;
      ErrorResponse er = new ErrorResponse(status, e.scimType(), e.detail());
      return new BulkOperationResponse(op.method(), op.bulkId(), null,
          op.method() == BulkMethod.POST ? null : location, status, er.toJson());
    }
  }

  private static ObjectNode requireObject(@Nullable JsonNode data, BulkOperation op) {
    if (data instanceof ObjectNode o) {
      return o;
    }
    throw ScimException.invalidValue("bulk " + op.method() + " " + op.path() + " needs a JSON object as data");
  }

  private static String requireId(@Nullable String id, BulkOperation op) {
    if (id == null || id.isEmpty()) {
      throw ScimException.invalidValue("bulk " + op.method() + " path needs a resource id: " + op.path());
    }
    return id;
  }

  /** Replaces the references whose bulkId is already known; leaves the others to the server. */
  private BulkOperation resolveKnown(BulkOperation op) {
    return new BulkOperation(op.method(), op.bulkId(), op.version(), replace(op.path(), false),
        op.data() == null ? null : walk(op.data(), false));
  }

  private String resolve(String text) {
    return replace(text, true);
  }

  private JsonNode resolve(JsonNode data) {
    return walk(data, true);
  }

  private JsonNode walk(JsonNode n, boolean strict) {
    if (n.isString()) {
      String s = replace(n.stringValue(), strict);
      return s.equals(n.stringValue()) ? n : JsonNodeFactory.instance.stringNode(s);
    }
    if (n.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        out.set(e.getKey(), walk(e.getValue(), strict));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode e : n) {
        out.add(walk(e, strict));
      }
      return out;
    }
    return n;
  }

  private String replace(String s, boolean strict) {
    if (!s.contains("bulkId:")) {
      return s;
    }
    Matcher m = REF.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String id = ids.get(m.group(1));
      if (id == null) {
        if (strict) {
          throw new ScimException(409, ScimType.INVALID_VALUE,
              "unresolved bulkId reference \"bulkId:" + m.group(1) + "\": no earlier operation created it");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
      } else {
        m.appendReplacement(sb, Matcher.quoteReplacement(id));
      }
    }
    m.appendTail(sb);
    return sb.toString();
  }

}
