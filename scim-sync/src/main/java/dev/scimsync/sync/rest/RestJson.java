package dev.scimsync.sync.rest;

import dev.scimsync.client.ClientTls;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.source.DirectoryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small helper for sources on paged REST APIs: GETs JSON with a bearer token through the JDK
 * HTTP client and turns failures into {@link DirectoryException}s the engine acts on, so a source
 * only walks its pages. Throttling (429, and 403 whose {@code error.errors[].reason} or
 * {@code error.code} names a rate limit or quota, as Google sends) is RATE_LIMITED with the
 * server's Retry-After; 410 Gone and Graph's {@code syncStateNotFound} are CHECKPOINT_EXPIRED (the
 * engine lists fully); 408/5xx and connection failures are UNAVAILABLE; anything else FAILED. It
 * does not retry or sleep: the engine does both, with exponential backoff when no Retry-After came.
 * {@link #nextToken} guards against a page token that repeats.
 */
public final class RestJson {

  private static final Set<String> RATE_REASONS = Set.of("ratelimitexceeded", "userratelimitexceeded",
      "quotaexceeded", "dailylimitexceeded", "toomanyrequests");

  private final HttpClient http;
  private final Supplier<String> token;
  private final Duration timeout;

  private RestJson(HttpClient http, Supplier<String> token, Duration timeout) {
    this.http = http;
    this.token = token;
    this.timeout = timeout;
  }

  /**
   * A helper sending {@code Authorization: Bearer <token>} (the supplier is asked on every call, so
   * a refreshed token is used), with {@code timeout} per request.
   */
  public static RestJson of(Supplier<String> token, Duration timeout) {
    return new RestJson(HttpClient.newBuilder().connectTimeout(timeout).build(), Objects.requireNonNull(token),
        Objects.requireNonNull(timeout));
  }

  /**
   * As {@link #of(Supplier, Duration)}, with the TLS settings a {@code ScimClient} takes: the
   * authorities to trust (a private CA) and a client certificate. Host names are always verified.
   *
   * @throws IllegalArgumentException when {@code tls} has certificate pins, which only
   *     {@code ScimClient} checks
   */
  public static RestJson of(Supplier<String> token, Duration timeout, ClientTls tls) {
    if (tls.pinned()) {
      throw new IllegalArgumentException("certificate pins are checked by ScimClient only; a REST source takes a"
          + " trust store and a client certificate");
    }
    return new RestJson(HttpClient.newBuilder().connectTimeout(timeout).sslContext(tls.sslContext()).build(),
        Objects.requireNonNull(token), Objects.requireNonNull(timeout));
  }

  /**
   * The JSON object at {@code uri}.
   *
   * @throws DirectoryException classified as described above; the message names the URI's path
   *     and status, never the token
   */
  public ObjectNode get(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
        .header("Authorization", "Bearer " + token.get()).GET().build();
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (javax.net.ssl.SSLException e) {
      // an untrusted or misnamed certificate does not heal by retrying
      throw new DirectoryException(DirectoryException.Kind.FAILED, "GET " + uri.getPath() + ": TLS failed: "
          + e.getMessage(), null, e);
    } catch (IOException e) {
      throw new DirectoryException(DirectoryException.Kind.UNAVAILABLE, "GET " + uri.getPath() + ": "
          + e.getClass().getSimpleName() + " " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectoryException(DirectoryException.Kind.UNAVAILABLE, "GET " + uri.getPath() + ": interrupted",
          null, e);
    }
    if (r.statusCode() / 100 == 2) {
      try {
        return ScimJson.parseObject(r.body());
      } catch (RuntimeException e) {
        throw new DirectoryException(DirectoryException.Kind.FAILED, "GET " + uri.getPath()
            + ": the response is not a JSON object", null, e);
      }
    }
    throw failure(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null),
        "GET " + uri.getPath());
  }

  /** The classification of an HTTP error response (status, body, Retry-After header). */
  public static DirectoryException failure(int status, @Nullable String body, @Nullable String retryAfter,
      String what) {
    String reason = reason(body);
    String message = what + ": HTTP " + status + (reason.isEmpty() ? "" : " " + reason);
    Duration wait = seconds(retryAfter);
    DirectoryException.Kind kind;
    String r = reason.toLowerCase(Locale.ROOT);
    if (status == 429 || (status == 403 && RATE_REASONS.contains(r))) {
      kind = DirectoryException.Kind.RATE_LIMITED;
    } else if (status == 410 || r.equals("syncstatenotfound") || r.equals("resyncrequired")) {
      kind = DirectoryException.Kind.CHECKPOINT_EXPIRED;
    } else if (status == 408 || status == 502 || status == 503 || status == 504) {
      kind = DirectoryException.Kind.UNAVAILABLE;
    } else if (status == 404) {
      kind = DirectoryException.Kind.NOT_FOUND;
    } else {
      kind = DirectoryException.Kind.FAILED;
    }
    return new DirectoryException(kind, message, wait, null);
  }

  /** Google's {@code error.errors[0].reason}, else Graph's {@code error.code}, else "". */
  private static String reason(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode error = ScimJson.parseObject(body).path("error");
      String reason = error.path("errors").path(0).path("reason").asString("");
      return reason.isEmpty() ? error.path("code").asString("") : reason;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static @Nullable Duration seconds(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code next} (a page token or next link; null or empty ends the listing), after checking that
   * it differs from {@code previous}: an API that repeats a token would otherwise be read forever.
   */
  public static @Nullable String nextToken(@Nullable String previous, @Nullable String next) {
    if (next == null || next.isEmpty()) {
      return null;
    }
    if (next.equals(previous)) {
      throw new DirectoryException(DirectoryException.Kind.FAILED, "the API repeated its page token; the listing"
          + " is not trusted");
    }
    return next;
  }
}
