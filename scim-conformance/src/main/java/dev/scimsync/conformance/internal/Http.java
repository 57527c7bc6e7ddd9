package dev.scimsync.conformance.internal;

import dev.scimsync.conformance.Exchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw HTTP layer of the checks: sends exactly what a check asks for and records status,
 * headers and body as received, so that nothing (no client-side normalisation) hides a fault.
 */
public final class Http {
  /** The media type of SCIM messages. */
  public static final String SCIM_JSON = "application/scim+json";

  private final HttpClient client;
  private final String baseUrl;
  private final String token;
  private final Duration timeout;

  /** A layer on {@code baseUrl} (the SCIM root, without a trailing slash) with a bearer token (may be null). */
  public Http(String baseUrl, String token, Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** The SCIM root this layer talks to. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Sends one request. {@code path} is relative to the SCIM root and already encoded;
   * {@code headers} are sent as given; {@code authenticated} false omits the token.
   */
  public Exchange send(String method, String path, String body, Map<String, String> headers, boolean authenticated) {
    String url = baseUrl + path;
    Map<String, String> recorded = new LinkedHashMap<>(headers);
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(method, publisher);
      headers.forEach(b::header);
      if (authenticated && token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> responseHeaders = new TreeMap<>();
      response.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      return new Exchange(method, url, recorded, body, response.statusCode(), responseHeaders,
          new String(response.body(), StandardCharsets.UTF_8), null);
    } catch (IOException | IllegalArgumentException e) {
      return new Exchange(method, url, recorded, body, 0, Map.of(), "", e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exchange(method, url, recorded, body, 0, Map.of(), "", "interrupted");
    }
  }
}
