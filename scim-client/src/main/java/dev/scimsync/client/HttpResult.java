package dev.scimsync.client;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.TreeReader;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.filter.internal.Texts;
import org.jspecify.annotations.Nullable;
import java.util.Locale;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A response read in full: status, headers and body. */
record HttpResult(String method, String path, int status, Headers headers, byte[] body,
    @Nullable String contentType, @Nullable String requestId) {

  boolean hasBody() {
    return body.length > 0;
  }

  @Nullable String header(String name) {
    return headers.get(name);
  }

  /** The body as a JSON object, or null when empty; anything else is a clear error. */
  @Nullable ObjectNode jsonObject() {
    if (hasBody() && jsonLike(contentType, body)) {
      // the reader's tree (its arrays keep their objects' maps, for a PATCH's first scan); a body
      // it does not read is read again below, where the mapper gives today's error
      ObjectNode fast = TreeReader.readObject(() -> ScimJson.mapper().createParser(body));
      if (fast != null) {
        return fast;
      }
    }
    JsonNode n = json();
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      throw unreadable("a JSON object was expected, not " + ScimJson.describe(n));
    }
    return (ObjectNode) n;
  }

  /** The body as JSON (object or array), or null when empty. */
  @Nullable JsonNode json() {
    if (!hasBody()) {
      return null;
    }
    if (!jsonLike(contentType, body)) {
      throw unreadable("the response is not JSON");
    }
    try {
      return ScimJson.mapper().readTree(body);
    } catch (JacksonException | NumberFormatException e) {
      // NumberFormatException: Jackson's answer to a number beyond its limits
      throw unreadable("the response is not valid JSON");
    } catch (ScimException e) {
      throw unreadable(e.detail());
    }
  }

  /**
   * The body as a list response, or null when empty. Parsed from the bytes by {@link
   * ListResponse#fromJson(byte[])}, so its resources are not copied on the way in.
   */
  @Nullable ListResponse listResponse() {
    if (!hasBody()) {
      return null;
    }
    if (!jsonLike(contentType, body)) {
      throw unreadable("the response is not JSON");
    }
    try {
      return ListResponse.fromJson(body);
    } catch (ScimException e) {
      throw unreadable("the list response is malformed: " + e.detail());
    }
  }

  ScimClientException unreadable(String why) {
    return new ScimClientException(status, null, why + " (" + describeBody() + ")", requestId, method, path, null);
  }

  /** "text/html, 1234 bytes, title 'Bad Gateway'" without echoing the body itself. */
  String describeBody() {
    StringBuilder sb = new StringBuilder(contentType == null ? "no content type" : contentType);
    sb.append(", ").append(body.length).append(" bytes");
    String title = htmlTitle();
    if (title != null) {
      sb.append(", title \"").append(title).append('"');
    }
    return sb.toString();
  }

  private @Nullable String htmlTitle() {
    if (body.length == 0) {
      return null;
    }
    String text = new String(body, 0, Math.min(body.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
    String lower = text.toLowerCase(Locale.ROOT);
    int open = lower.indexOf("<title>");
    int close = lower.indexOf("</title>");
    if (open < 0 || close < open) {
      return null;
    }
    String t = text.substring(open + 7, close).replaceAll("\\s+", " ").strip();
    return Texts.abbreviate(t, 83);
  }

  /** JSON by content type (any {@code json} subtype), or by a leading brace when none is given. */
  static boolean jsonLike(@Nullable String contentType, byte[] body) {
    if (contentType != null) {
      String ct = contentType.toLowerCase(Locale.ROOT);
      if (ct.contains("json")) {
        return true;
      }
      if (!ct.startsWith("text/plain") && !ct.startsWith("application/octet-stream")) {
        return false;
      }
    }
    for (byte b : body) {
      if (b == '{' || b == '[') {
        return true;
      }
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return false;
  }
}
