package dev.scimsync.events.webhook;

import dev.scimsync.events.DeliveryOutcome;
import dev.scimsync.events.EventTransport;
import dev.scimsync.server.event.outbox.OutboxEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Delivers events as Standard Webhooks: a {@code POST} of the event's JSON body ({@link
 * OutboxEntry#body()}) with {@code webhook-id} (the event id, the same on every attempt: the
 * receiver's idempotency key), {@code webhook-timestamp} (the attempt's time in seconds) and
 * {@code webhook-signature} ({@link WebhookSigner}). A 2xx answer is a delivery; 408, 409, 425,
 * 429, 5xx, timeouts and connection failures are retried (honouring {@code Retry-After}); other
 * answers (400, 401, 404, 410, ...) are permanent failures.
 */
public final class WebhookTransport implements EventTransport {

  private final URI url;
  private final WebhookSigner signer;
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param url the receiver
   * @param signer signs each attempt
   * @param client the HTTP client (its TLS settings apply)
   * @param timeout how long an attempt may take, response included
   * @param clock the clock of {@code webhook-timestamp}
   */
  public WebhookTransport(URI url, WebhookSigner signer, HttpClient client, Duration timeout, Clock clock) {
    this.url = Objects.requireNonNull(url, "url");
    String scheme = String.valueOf(url.getScheme()).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("a webhook URL is http or https: " + url);
    }
    this.signer = Objects.requireNonNull(signer, "signer");
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A transport to {@code url} signing with {@code secrets}, a 10 s timeout and a default client. */
  public static WebhookTransport of(URI url, List<WebhookSecret> secrets) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return new WebhookTransport(url, new WebhookSigner(secrets), client, Duration.ofSeconds(10), Clock.systemUTC());
  }

  @Override
  public DeliveryOutcome deliver(OutboxEntry entry) {
    String body = entry.body();
    long ts = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("content-type", "application/json")
        .header("webhook-id", entry.eventId())
        .header("webhook-timestamp", Long.toString(ts))
        .header("webhook-signature", signer.sign(entry.eventId(), ts, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      return DeliveryOutcome.retryable("timed out after " + timeout.toMillis() + " ms", null);
    } catch (IOException e) {
      return DeliveryOutcome.retryable("connection failed: " + e.getClass().getSimpleName(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryOutcome.retryable("interrupted", null);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return DeliveryOutcome.delivered();
    }
    String reason = "HTTP " + status;
    if (status == 408 || status == 409 || status == 425 || status == 429 || status >= 500) {
      return DeliveryOutcome.retryable(reason,
          retryAfter(response.headers().firstValue("retry-after").orElse(null), clock.instant()));
    }
    return DeliveryOutcome.permanent(reason);
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date; null when absent or unreadable. */
  static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip();
    try {
      long s = Long.parseLong(h);
      return s < 0 ? null : Duration.ofSeconds(s);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(now, ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /** The receiver's URL. */
  @Override
  public String toString() {
    return "WebhookTransport[" + url + "]";
  }
}
