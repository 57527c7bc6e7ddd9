package dev.scimsync.events;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How one delivery attempt went. */
public sealed interface DeliveryOutcome {

  /** The endpoint acknowledged the event. */
  record Delivered() implements DeliveryOutcome {}

  /**
   * The attempt failed in a way that may pass later (timeout, 5xx, 429).
   *
   * @param reason what happened, for the delivery log (no secrets)
   * @param retryAfter how long the endpoint asked to wait ({@code Retry-After}), or null
   */
  record Retryable(String reason, @Nullable Duration retryAfter) implements DeliveryOutcome {
    /** Requires a reason. */
    public Retryable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The endpoint refused the event for good (e.g. 400, 410): retrying cannot help, the delivery
   * goes to the dead-letter list at once.
   */
  record Permanent(String reason) implements DeliveryOutcome {
    /** Requires a reason. */
    public Permanent {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Success. */
  static DeliveryOutcome delivered() {
    return new Delivered();
  }

  /** A failure worth retrying, after {@code retryAfter} if not null. */
  static DeliveryOutcome retryable(String reason, @Nullable Duration retryAfter) {
    return new Retryable(reason, retryAfter);
  }

  /** A failure not worth retrying. */
  static DeliveryOutcome permanent(String reason) {
    return new Permanent(reason);
  }
}
