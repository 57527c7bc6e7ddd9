package dev.scimsync.set;

import dev.scimsync.core.json.ScimJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Push-based SET delivery (RFC 8935): one HTTP POST of one SET with {@code Content-Type:
 * application/secevent+jwt}, classified into a {@link PushOutcome}. It makes exactly one attempt
 * and keeps no state; retries, backoff and dead letters belong to the delivery engine that calls
 * it. Redirects are not followed (the receiver's endpoint is configured, not discovered). An
 * optional {@code Authorization} header value authenticates this transmitter to the receiver.
 * Thread-safe.
 */
public final class SetPushTransport {

  /** The media type of a SET (RFC 8417 §2.3). */
  public static final String SECEVENT_JWT = "application/secevent+jwt";

  /** The largest error body read from a receiver. */
  private static final int MAX_ERROR_BODY = 16 * 1024;

  private final HttpClient client;
  private final Duration timeout;
  private final @Nullable String authorization;

  /**
   * A transport.
   *
   * @param client the HTTP client (its TLS settings apply); one that does not follow redirects
   * @param timeout how long one push may take before it counts as retryable
   * @param authorization the {@code Authorization} header to send, e.g. {@code Bearer …}, or null
   */
  public SetPushTransport(HttpClient client, Duration timeout, @Nullable String authorization) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.authorization = authorization;
  }

  /** A transport with its own client (no redirects, 10 s to connect) and {@code timeout} per push. */
  public static SetPushTransport create(Duration timeout, @Nullable String authorization) {
    HttpClient c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
    return new SetPushTransport(c, timeout, authorization);
  }

  /** Pushes {@code signedSet} to {@code endpoint} once. Never throws for network or HTTP failures. */
  public PushOutcome push(URI endpoint, String signedSet) {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", SECEVENT_JWT).header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(signedSet, StandardCharsets.US_ASCII));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<byte[]> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return new PushOutcome.Retryable(0, null, "timed out after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return new PushOutcome.Retryable(0, null, "no response: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PushOutcome.Retryable(0, null, "interrupted");
    }
    return classify(r.statusCode(), r.headers().firstValue("Retry-After"), r.body());
  }

  /** The outcome of a response with {@code status}, {@code Retry-After} and body. */
  static PushOutcome classify(int status, Optional<String> retryAfter, byte @Nullable [] body) {
    if (status >= 200 && status < 300) {
      // 202 is the RFC's answer; another 2xx still means the receiver took the SET, and
      // sending it again would only duplicate it
      return new PushOutcome.Delivered(status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new PushOutcome.Retryable(status, retryAfter.flatMap(SetPushTransport::seconds).orElse(null),
          "HTTP " + status);
    }
    return new PushOutcome.Permanent(status, status == 400 ? error(body) : null);
  }

  private static @Nullable SetError error(byte @Nullable [] body) {
    if (body == null || body.length == 0 || body.length > MAX_ERROR_BODY) {
      return null;
    }
    try {
      return SetError.fromJson(ScimJson.parse(new String(body, StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Optional<Duration> seconds(String v) {
    try {
      long s = Long.parseLong(v.trim());
      return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
    } catch (NumberFormatException e) {
      // an HTTP-date: left to the engine's own backoff
      return Optional.empty();
    }
  }
}
