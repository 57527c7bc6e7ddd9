package dev.scimsync.server;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response from the {@link ScimServer}: status, headers and body bytes. Immutable.
 *
 * @param status the HTTP status
 * @param headers response headers (e.g. {@code Content-Type}, {@code Location}, {@code ETag})
 * @param body the body, empty for 204 and 304
 */
public record ScimResponse(int status, Map<String, String> headers, byte[] body) {

  /** The media type of every SCIM response body. */
  public static final String SCIM_JSON = "application/scim+json";

  /** Copies the headers, keeping their order. */
  public ScimResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body;
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The value of header {@code name} in any case, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "ScimResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
  }
}
