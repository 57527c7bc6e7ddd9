package dev.scimsync.events.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook message whose signature and timestamp verified.
 *
 * @param id the {@code webhook-id}: the event id, the same on every delivery attempt
 * @param timestamp when this attempt was signed
 * @param body the raw body, as verified
 * @param duplicate true when a message with this id was already {@linkplain
 *     WebhookVerifier#processed(String) processed} (a replay, or a retry whose answer the sender
 *     missed): answer 2xx without acting on it again
 */
public record WebhookMessage(String id, Instant timestamp, String body, boolean duplicate) {
  /** Requires every field. */
  public WebhookMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(body, "body");
  }
}
