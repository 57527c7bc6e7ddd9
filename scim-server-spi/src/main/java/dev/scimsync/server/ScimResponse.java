package dev.scimsync.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP response from the {@link ScimServer}: status, headers and body bytes. Immutable: the
 * body is copied in, {@link #body()} returns a copy, and {@link #writeBodyTo} writes it without one.
 *
 * @param status the HTTP status
 * @param headers response headers (e.g. {@code Content-Type}, {@code Location}, {@code ETag})
 * @param body the body, empty for 204 and 304
 */
public record ScimResponse(int status, Map<String, String> headers, byte[] body) {

  /** The media type of every SCIM response body. */
  public static final String SCIM_JSON = "application/scim+json";

  /** Copies the headers, keeping their order, and the body. */
  public ScimResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body.clone();
  }

  /** A copy of the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The length of the body in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** Writes the body to {@code out} (without copying it); does not close {@code out}. */
  public void writeBodyTo(OutputStream out) throws IOException {
    out.write(body);
  }

  /** Equal when status, headers and body bytes are equal. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ScimResponse r && status == r.status && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The value of header {@code name} in any case, or null. */
  public @Nullable String header(String name) {
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
