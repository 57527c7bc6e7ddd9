package dev.scimsync.events.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks webhook messages on the receiving side, the Standard Webhooks way: the {@code
 * webhook-signature} header must hold a {@code v1} signature made with one of the receiver's
 * secrets (compared in constant time), {@code webhook-timestamp} must be within the tolerance of
 * the receiver's clock (5 minutes by default), and the same message (id and timestamp) is accepted
 * only once within that window. A sender's retry carries the same {@code webhook-id} with a new
 * timestamp and passes; deduplicate processing by {@code webhook-id} (the event id) anyway.
 * Thread-safe.
 */
public final class WebhookVerifier {

  private final List<WebhookSecret> secrets;
  private final Duration tolerance;
  private final Clock clock;
  private final int maxRemembered;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  /** Verifies against {@code secrets} (several during a rotation) with a 5-minute tolerance. */
  public WebhookVerifier(List<WebhookSecret> secrets) {
    this(secrets, Duration.ofMinutes(5), Clock.systemUTC(), 100_000);
  }

  /**
   * @param tolerance how far a message's timestamp may be from the clock, either way
   * @param maxRemembered how many recent messages are remembered for replay protection; beyond,
   *     the oldest are forgotten (they are soon too old to pass anyway)
   */
  public WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock, int maxRemembered) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret");
    }
    this.secrets = List.copyOf(secrets);
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxRemembered = maxRemembered;
  }

  /**
   * Verifies a message given a header lookup (e.g. {@code exchange.getRequestHeaders()::getFirst})
   * and the raw body, exactly as received.
   *
   * @throws WebhookVerificationException when it must be rejected
   */
  public void verify(Function<String, @Nullable String> headers, String body) throws WebhookVerificationException {
    verify(headers.apply("webhook-id"), headers.apply("webhook-timestamp"), headers.apply("webhook-signature"), body);
  }

  /**
   * Verifies a message from its three headers and raw body.
   *
   * @throws WebhookVerificationException when it must be rejected
   */
  public void verify(@Nullable String id, @Nullable String timestamp, @Nullable String signatures, String body)
      throws WebhookVerificationException {
    if (id == null || timestamp == null || signatures == null) {
      throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
    }
    Instant now = clock.instant();
    Instant sent = Instant.ofEpochSecond(ts);
    if (sent.isBefore(now.minus(tolerance))) {
      throw new WebhookVerificationException("message too old");
    }
    if (sent.isAfter(now.plus(tolerance))) {
      throw new WebhookVerificationException("message timestamp too far in the future");
    }
    byte[] content = (id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (WebhookSecret s : secrets) {
      byte[] expected = WebhookSigner.hmac(s.key(), content);
      for (String sig : signatures.strip().split(" +")) {
        int comma = sig.indexOf(',');
        if (comma < 0 || !sig.substring(0, comma).equals("v1")) {
          continue;
        }
        byte[] given;
        try {
          given = Base64.getDecoder().decode(sig.substring(comma + 1));
        } catch (IllegalArgumentException e) {
          continue;
        }
        // no early exit: the time taken does not tell which signature or secret matched
        ok |= MessageDigest.isEqual(expected, given);
      }
    }
    if (!ok) {
      throw new WebhookVerificationException("no matching signature");
    }
    remember(id + "." + ts, sent, now);
  }

  private synchronized void remember(String key, Instant sent, Instant now) throws WebhookVerificationException {
    Instant cutoff = now.minus(tolerance);
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      Instant t = it.next();
      if (t.isBefore(cutoff) || seen.size() >= maxRemembered) {
        it.remove();
      } else {
        break;
      }
    }
    if (seen.putIfAbsent(key, sent) != null) {
      throw new WebhookVerificationException("message replayed");
    }
  }
}
