package dev.scimsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.server.event.outbox.Delivery;
import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.EventOutbox;
import dev.scimsync.server.event.outbox.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention on every outbox (H2, PostgreSQL when configured, the file outbox): entries delivered
 * everywhere and older than the retention are deleted in batches; pending ones, dead letters and
 * newer ones stay; sequence numbers keep growing after a restart.
 */
@Timeout(120)
class OutboxRetentionTest extends OutboxFixture {

  @ParameterizedTest
  @MethodSource("backends")
  void deliveredEntriesOlderThanTheRetentionAreDeletedInBatches(String name) throws Exception {
    backend = Backend.open(name, dir);
    scim = new Scim(backend.users(), backend.groups(), backend.outbox(), null);
    for (int i = 0; i < 5; i++) {
      scim.createUser("acme", "user" + i);
    }
    scim.createUser("acme", "refused");
    TestClock clock = new TestClock(Instant.now());
    // a permanent failure for one user: a dead letter, which retention keeps
    EventTransport transport = entry -> entry.payload().contains("\"refused\"")
        ? DeliveryOutcome.permanent("no") : DeliveryOutcome.delivered();
    try (DeliveryEngine engine = DeliveryEngine.builder(backend.ledger()).clock(clock).batchSize(2)
        .retention(Duration.ofDays(1)).endpoint(new Endpoint("hook", Subscription.all(), transport)).build()) {
      while (engine.runOnce() > 0) {
        // until nothing is due
      }
      // not yet fanned out: pending, kept
      scim.createUser("acme", "late");
      long maxSeq = all(backend.ledger()).stream().mapToLong(OutboxEntry::sequence).max().orElseThrow();

      assertThat(engine.prune()).as("nothing is a day old yet").isZero();
      clock.advance(Duration.ofDays(2));
      assertThat(engine.prune()).isEqualTo(5);
      assertThat(engine.prune()).isZero();

      assertThat(all(backend.ledger())).extracting(e -> e.payload().contains("\"refused\"") ? "refused"
          : e.payload().contains("\"late\"") ? "late" : "other").containsExactly("refused", "late");
      assertThat(backend.ledger().deadLetters(10)).singleElement()
          .satisfies(d -> assertThat(d.state()).isEqualTo(Delivery.State.DEAD));

      DeliveryLedger again = backend.reopen();
      assertThat(all(again)).hasSize(2);
      assertThat(again.deadLetters(10)).hasSize(1);
      // numbering goes on after the deleted entries, also in a new process
      scim.close();
      scim = new Scim(backend.users(), backend.groups(), (EventOutbox) again, null);
      scim.createUser("acme", "after");
      assertThat(all(again)).last().satisfies(e -> assertThat(e.sequence()).isGreaterThan(maxSeq));
    }
  }

  static List<OutboxEntry> all(DeliveryLedger ledger) {
    return ledger.entries(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10_000);
  }
}
