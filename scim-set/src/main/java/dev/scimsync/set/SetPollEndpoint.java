package dev.scimsync.set;

import dev.scimsync.core.json.ScimJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transmitter side of poll-based SET delivery (RFC 8936), independent of any web framework:
 * it takes the body of a receiver's POST and returns the answer. Acknowledgements ({@code ack})
 * and errors ({@code setErrs}) are applied first; then up to {@code maxEvents} pending SETs are
 * returned in {@code sets} ({@code jti} to SET), with {@code moreAvailable} when more are waiting.
 * {@code maxEvents: 0} only acknowledges. Without {@code returnImmediately: true} an empty stream
 * holds the request until a SET arrives or the configured wait passes (long polling).
 *
 * <p>Authenticating the receiver and choosing its stream are the caller's job (RFC 8936 §4:
 * the endpoint must be protected). Malformed requests are answered 400 with {@code err:
 * invalid_request}. Thread-safe.
 */
public final class SetPollEndpoint {

  /** The largest request body read, in bytes. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final PendingSetStore store;
  private final int maxEvents;
  private final Duration maxWait;

  /**
   * An endpoint over {@code store}.
   *
   * @param maxEvents the most SETs one answer carries, whatever the receiver asks
   * @param maxWait the longest a long poll is held
   */
  public SetPollEndpoint(PendingSetStore store, int maxEvents, Duration maxWait) {
    this.store = Objects.requireNonNull(store, "store");
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be at least 1");
    }
    this.maxEvents = maxEvents;
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  /** An HTTP answer: status, {@code application/json} body. */
  public record Answer(int status, byte[] body) {
    /** The media type of every answer. */
    public static final String CONTENT_TYPE = "application/json";

    /** Copies the body. */
    public Answer {
      body = body.clone();
    }

    /** The body, as a copy. */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** The body as JSON. */
    public ObjectNode json() {
      return ScimJson.parseObject(body);
    }
  }

  /** Answers one poll request of the receiver of {@code stream}; never throws for bad input. */
  public Answer poll(String stream, byte[] requestBody) {
    if (requestBody.length > MAX_BODY_BYTES) {
      return error("the poll request is larger than " + MAX_BODY_BYTES + " bytes");
    }
    ObjectNode req;
    try {
      req = requestBody.length == 0 ? ScimJson.object() : ScimJson.parseObject(requestBody);
    } catch (RuntimeException e) {
      return error("the poll request is not a JSON object");
    }
    List<String> ack = new ArrayList<>();
    JsonNode a = req.get("ack");
    if (a != null) {
      if (!a.isArray()) {
        return error("ack must be an array of jti strings");
      }
      for (JsonNode j : a) {
        if (!j.isString()) {
          return error("ack must be an array of jti strings");
        }
        ack.add(j.stringValue());
      }
    }
    Map<String, SetError> errs = new LinkedHashMap<>();
    JsonNode se = req.get("setErrs");
    if (se != null) {
      if (!se.isObject()) {
        return error("setErrs must be an object of jti to error");
      }
      for (Map.Entry<String, JsonNode> e : se.properties()) {
        SetError err = SetError.fromJson(e.getValue());
        if (err == null) {
          return error("setErrs." + e.getKey() + " needs a string err");
        }
        errs.put(e.getKey(), err);
      }
    }
    int wanted = maxEvents;
    JsonNode m = req.get("maxEvents");
    if (m != null) {
      if (!m.isIntegralNumber() || m.asLong() < 0) {
        return error("maxEvents must be a non-negative integer");
      }
      wanted = (int) Math.min(m.asLong(), maxEvents);
    }
    boolean immediately = false;
    JsonNode ri = req.get("returnImmediately");
    if (ri != null) {
      if (!ri.isBoolean()) {
        return error("returnImmediately must be a boolean");
      }
      immediately = ri.booleanValue();
    }
    if (!ack.isEmpty()) {
      store.acknowledge(stream, ack);
    }
    if (!errs.isEmpty()) {
      store.reject(stream, errs);
    }
    ObjectNode out = ScimJson.object();
    ObjectNode sets = out.putObject("sets");
    if (wanted == 0) {
      return new Answer(200, ScimJson.writeBytes(out));
    }
    if (!immediately && store.count(stream) == 0) {
      try {
        store.await(stream, maxWait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, String> batch = store.pending(stream, wanted);
    batch.forEach(sets::put);
    if (store.count(stream) > batch.size()) {
      out.put("moreAvailable", true);
    }
    return new Answer(200, ScimJson.writeBytes(out));
  }

  private static Answer error(String description) {
    return new Answer(400, ScimJson.writeBytes(new SetError(SetError.INVALID_REQUEST, description).toJson()));
  }
}
