package dev.scimsync.conformance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request and its response, exactly as sent and received (the bearer token is never
 * recorded).
 *
 * @param method HTTP method
 * @param url full request URL
 * @param requestHeaders the headers the checker set; the real token is never among them (only a
 *     made-up one, when a check sends one on purpose)
 * @param requestBody the request body, or null
 * @param status response status, or 0 when no response arrived
 * @param responseHeaders response headers (names lower-case)
 * @param responseBody response body text, or "" when empty
 * @param error the transport error when no response arrived, or null
 */
public record Exchange(
    String method,
    String url,
    Map<String, String> requestHeaders,
    @Nullable String requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    String responseBody,
    @Nullable String error) {

  /** Copies the maps so the record stays immutable. */
  public Exchange {
    requestHeaders = Map.copyOf(requestHeaders);
    responseHeaders = Map.copyOf(responseHeaders);
    responseBody = responseBody == null ? "" : responseBody;
  }

  /** The first value of a response header (case-insensitive name), or null. */
  public @Nullable String header(String name) {
    List<String> values = responseHeaders.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The request line, e.g. {@code PATCH https://host/scim/v2/Users/1}. */
  public String requestLine() {
    return method + " " + url;
  }

  /** A short one-line summary: request line and status. */
  public String summary() {
    return requestLine() + " -> " + (status == 0 ? "no response (" + error + ")" : Integer.toString(status));
  }
}
