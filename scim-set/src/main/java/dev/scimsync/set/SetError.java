package dev.scimsync.set;

import dev.scimsync.core.json.ScimJson;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SET delivery error (RFC 8935 §2.3, RFC 8936 §2.4): an {@code err} code from the "Security
 * Event Token Error Codes" registry and a human-readable description.
 *
 * @param err the error code, e.g. {@link #INVALID_AUDIENCE}
 * @param description why, or null
 */
public record SetError(String err, @Nullable String description) {

  /** The request or the SET is malformed. */
  public static final String INVALID_REQUEST = "invalid_request";
  /** The key used to sign or encrypt the SET is invalid or unknown. */
  public static final String INVALID_KEY = "invalid_key";
  /** The issuer is invalid or unexpected. */
  public static final String INVALID_ISSUER = "invalid_issuer";
  /** The audience does not match the receiver. */
  public static final String INVALID_AUDIENCE = "invalid_audience";
  /** The transmitter could not be authenticated. */
  public static final String AUTHENTICATION_FAILED = "authentication_failed";
  /** The transmitter is not allowed to send this SET. */
  public static final String ACCESS_DENIED = "access_denied";

  /** Requires the code. */
  public SetError {
    Objects.requireNonNull(err, "err");
  }

  /** {@code {"err": …, "description": …}}. */
  public ObjectNode toJson() {
    ObjectNode o = ScimJson.object();
    o.put("err", err);
    if (description != null) {
      o.put("description", description);
    }
    return o;
  }

  /** Reads an error object; null when it has no string {@code err}. */
  public static @Nullable SetError fromJson(@Nullable JsonNode o) {
    if (o == null || !o.isObject() || o.get("err") == null || !o.get("err").isString()) {
      return null;
    }
    JsonNode d = o.get("description");
    return new SetError(o.get("err").stringValue(), d != null && d.isString() ? d.stringValue() : null);
  }
}
