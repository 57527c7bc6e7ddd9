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
 * secrets (compared in constant time), and {@code webhook-timestamp} must be within the tolerance
 * of the receiver's clock (5 minutes by default), which bounds how long a captured message can be
 * replayed. Within a retention window (1 day by default) the verifier also remembers the ids of
 * messages the receiver {@linkplain #processed processed}, and marks a message with such an id
 * as a {@linkplain WebhookMessage#duplicate() duplicate}: a replay, or a sender's retry of a
 * message whose answer it did not get. A message that failed is not marked, so its retry (same
 * id, new timestamp) is processed. For deduplication beyond the window, keep the ids (event ids)
 * in the receiver's own database. Thread-safe.
 *
 * <pre>{@code
 * WebhookMessage m = verifier.verify(headers::get, body); // 400/401 on WebhookVerificationException
 * if (!m.duplicate()) {
 *   handle(m.body());
 *   verifier.processed(m.id());
 * }
 * // answer 2xx
 * }</pre>
 */
public final class WebhookVerifier {

  private final List<WebhookSecret> secrets;
  private final Duration tolerance;
  private final Duration retention;
  private final Clock clock;
  private final int maxRemembered;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  /**
   * Verifies against {@code secrets} (several during a rotation) with a 5-minute tolerance,
   * remembering up to 100,000 processed ids for a day.
   */
  public WebhookVerifier(List<WebhookSecret> secrets) {
    this(secrets, Duration.ofMinutes(5), Duration.ofDays(1), Clock.systemUTC(), 100_000);
  }

  /**
   * @param tolerance how far a message's timestamp may be from the clock, either way
   * @param retention how long processed ids are remembered
   * @param maxRemembered how many processed ids are remembered at most; beyond, the oldest are
   *     forgotten
   */
  public WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Duration retention, Clock clock,
      int maxRemembered) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret");
    }
    this.secrets = List.copyOf(secrets);
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxRemembered = maxRemembered;
  }

  /**
   * Verifies a message given a header lookup (e.g. {@code exchange.getRequestHeaders()::getFirst})
   * and the raw body, exactly as received.
   *
   * @throws WebhookVerificationException when it must be rejected
   */
  public WebhookMessage verify(Function<String, @Nullable String> headers, String body)
      throws WebhookVerificationException {
    return verify(headers.apply("webhook-id"), headers.apply("webhook-timestamp"), headers.apply("webhook-signature"), body);
  }

  /**
   * Verifies a message from its three headers and raw body.
   *
   * @throws WebhookVerificationException when it must be rejected
   */
  public WebhookMessage verify(@Nullable String id, @Nullable String timestamp, @Nullable String signatures,
      String body)
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
    boolean duplicate;
    synchronized (seen) {
      forgetOld(now);
      duplicate = seen.containsKey(id);
    }
    return new WebhookMessage(id, sent, body, duplicate);
  }

  /** Remembers that the message {@code id} was processed: later copies are duplicates. */
  public void processed(String id) {
    Instant now = clock.instant();
    synchronized (seen) {
      forgetOld(now);
      seen.remove(id);
      seen.put(id, now);
    }
  }

  private void forgetOld(Instant now) {
    Instant cutoff = now.minus(retention);
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      Instant t = it.next();
      if (t.isBefore(cutoff) || seen.size() >= maxRemembered) {
        it.remove();
      } else {
        break;
      }
    }
  }
}
