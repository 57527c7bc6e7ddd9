package dev.scimsync.server.event.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The delivery side of an outbox: what a delivery engine needs to read recorded events, share
 * them among replicas without delivering one twice at the same time, and keep each endpoint's
 * delivery state durably. Claims are leases: a replica that stops keeps its claims only until
 * they expire, then another replica takes them over (delivery is at least once).
 *
 * <p>Methods that take an {@code owner} act only while that owner still holds the claim, and
 * return false otherwise (another replica took over an expired lease).
 */
public interface DeliveryLedger {

  /**
   * Claims up to {@code max} recorded entries not yet fanned out to their endpoints, in sequence
   * order, for {@code owner} until {@code leaseUntil}.
   */
  List<OutboxEntry> claimNew(String owner, Instant now, Instant leaseUntil, int max);

  /**
   * Schedules the delivery of entry {@code sequence} to each of {@code endpointIds} (none is fine:
   * no endpoint wants it) due at {@code now}, and marks the entry fanned out; one atomic step.
   * Endpoints that already have a delivery of the entry keep it.
   *
   * @return false when {@code owner} no longer holds the entry's claim (nothing changed)
   */
  boolean fanOut(String owner, long sequence, Collection<String> endpointIds, Instant now);

  /**
   * Claims up to {@code max} pending deliveries due at {@code now} whose claims are free or
   * expired, in sequence order, for {@code owner} until {@code leaseUntil}.
   */
  List<Delivery> claimDue(String owner, Instant now, Instant leaseUntil, int max);

  /**
   * Records the outcome of an attempt on a claimed delivery: {@code state} DELIVERED, DEAD, or
   * PENDING with the next attempt due at {@code nextAttemptAt}; counts the attempt and frees the
   * claim.
   *
   * @return false when {@code owner} no longer holds the claim (nothing changed)
   */
  boolean record(String owner, Delivery delivery, Delivery.State state, Instant nextAttemptAt,
      @Nullable String error, Instant now);

  /**
   * (Re)schedules the delivery of entry {@code sequence} to {@code endpointId} as new: pending,
   * no attempts, due at {@code now}, whatever its state was (replay).
   */
  void schedule(long sequence, String endpointId, Instant now);

  /** The dead-lettered deliveries, oldest first, at most {@code max}. */
  List<Delivery> deadLetters(int max);

  /** The deliveries of the entry with {@code eventId}, one per endpoint it was fanned out to. */
  List<Delivery> deliveries(String eventId);

  /** The entry with {@code eventId}, if recorded. */
  Optional<OutboxEntry> entry(String eventId);

  /** Entries with {@code from <= occurredAt < to}, in sequence order, at most {@code max}. */
  List<OutboxEntry> entries(Instant from, Instant to, int max);

  /**
   * Retention: deletes at most {@code max} entries, oldest first, that occurred before {@code
   * before}, were fanned out and whose every delivery succeeded (or that went to no endpoint),
   * with their delivery rows. Pending deliveries and dead letters are kept; a deleted entry can no
   * longer be replayed. The sequence numbers of later entries keep growing.
   *
   * @return how many entries were deleted (fewer than {@code max}: nothing more to delete now)
   */
  int prune(Instant before, int max);
}
