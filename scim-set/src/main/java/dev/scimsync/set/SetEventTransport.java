package dev.scimsync.set;

import dev.scimsync.events.DeliveryOutcome;
import dev.scimsync.events.EventTransport;
import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.event.outbox.OutboxEntries;
import dev.scimsync.server.event.outbox.OutboxEntry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pushes the transactional outbox's events as signed SETs (RFC 9967, RFC 8935) through a {@code
 * DeliveryEngine}: plug it into an {@link dev.scimsync.events.Endpoint} and the engine's retries,
 * backoff, dead letters and replay apply to SETs as to webhooks.
 *
 * <p>Every attempt for one outbox entry sends the same SET: its {@code jti} is the entry's event
 * id, its {@code iat} when the change happened and its {@code txn} derived from the event id, so a
 * receiver de-duplicates retries by {@code jti} (RFC 8935 §2.4 lets it answer a duplicate with
 * 202). A retry within the same process re-sends the very bytes of the first attempt (ES256
 * signatures are randomised; RS256 ones would come out equal anyway). An update is reported as
 * a PUT event when the outbox entry says it came from a PUT ({@link OutboxEntries#operation}), as
 * a PATCH event otherwise (also for entries recorded before the outbox said). A group
 * rename has no SET of its own (its group update carries it) and counts as delivered. Thread-safe.
 */
public final class SetEventTransport implements EventTransport {

  /** How many signed SETs awaiting a retry are kept for byte-identical re-sends. */
  private static final int KEEP_SIGNED = 1024;

  private final SetEncoder encoder;
  private final SetSigner signer;
  private final SetPushTransport push;
  private final URI endpoint;
  private final Map<String, String> signed = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > KEEP_SIGNED;
    }
  };

  /**
   * A transport pushing to {@code endpoint}.
   *
   * @param encoder the encoder of the SETs (issuer, audience, mode); its jti generator and clock
   *     are not used
   * @param signer signs each SET
   * @param push makes one HTTP attempt
   * @param endpoint the receiver's push endpoint
   */
  public SetEventTransport(SetEncoder encoder, SetSigner signer, SetPushTransport push, URI endpoint) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.push = Objects.requireNonNull(push, "push");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /** The SET of {@code entry}, the same on every call; empty when the event has none of its own. */
  public Optional<SecurityEventToken> set(OutboxEntry entry) {
    ProvisioningEvent event = OutboxEntries.event(entry);
    // the event id stands in for the request id, so that txn is stable across attempts too
    EventContext context = new EventContext(entry.eventId(), null, OutboxEntries.operation(entry));
    return encoder.encode(event, context, entry.eventId(), entry.occurredAt());
  }

  @Override
  public DeliveryOutcome deliver(OutboxEntry entry) {
    String compact;
    synchronized (signed) {
      compact = signed.get(entry.eventId());
    }
    if (compact == null) {
      Optional<SecurityEventToken> set;
      try {
        set = set(entry);
      } catch (IllegalArgumentException e) {
        return DeliveryOutcome.permanent("no SET for this event: " + e.getMessage());
      }
      if (set.isEmpty()) {
        return DeliveryOutcome.delivered();
      }
      compact = signer.sign(set.get());
    }
    PushOutcome outcome = push.push(endpoint, compact);
    synchronized (signed) {
      if (outcome instanceof PushOutcome.Retryable) {
        signed.put(entry.eventId(), compact);
      } else {
        signed.remove(entry.eventId());
      }
    }
    return outcome(outcome);
  }

  /** The engine's view of one push. */
  static DeliveryOutcome outcome(PushOutcome outcome) {
    if (outcome instanceof PushOutcome.Delivered) {
      return DeliveryOutcome.delivered();
    }
    if (outcome instanceof PushOutcome.Retryable r) {
      return DeliveryOutcome.retryable(r.reason(), r.retryAfter());
    }
    PushOutcome.Permanent p = (PushOutcome.Permanent) outcome;
    return DeliveryOutcome.permanent("HTTP " + p.status()
        + (p.error() == null ? "" : ": " + p.error().err()));
  }
}
