package dev.scimsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.events.webhook.WebhookSigner;
import dev.scimsync.events.webhook.WebhookTransport;
import dev.scimsync.events.webhook.WebhookVerifier;
import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.OutboxEntries;
import dev.scimsync.server.event.outbox.OutboxEntry;
import dev.scimsync.server.store.ForwardingGroupStore;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.StoreContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * At-least-once delivery across crashes: the delivery engine dies in the middle of its work and a
 * new engine over the same database or file takes over; every committed event arrives, and a
 * write that rolled back after its events were staged has none.
 */
@Timeout(180)
class CrashRestartTest extends OutboxFixture {

  EventTransport webhook() {
    return new WebhookTransport(receiver.url(), new WebhookSigner(List.of(SECRET)), HttpClient.newHttpClient(),
        Duration.ofSeconds(10), Clock.systemUTC());
  }

  /** The process dies: the delivery in flight is neither recorded as done nor as failed. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  static List<OutboxEntry> all(DeliveryLedger ledger) {
    return ledger.entries(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10_000);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void everyCommittedEventIsDeliveredAfterTheEngineDiesMidway(String name) throws Exception {
    backend = Backend.open(name, dir);
    receiver = new Receiver(new WebhookVerifier(List.of(SECRET)));
    scim = new Scim(backend.users(), backend.groups(), backend.outbox(), null);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(scim.createUser(i % 2 == 0 ? "acme" : "globex", "user" + i));
    }
    for (int i = 0; i < 20; i += 2) {
      assertThat(scim.setActive("acme", ids.get(i), false)).isEqualTo(200);
    }
    // 20 created, 10 updated, 10 deactivated
    int expected = 40;

    AtomicInteger delivered = new AtomicInteger();
    EventTransport hook = webhook();
    EventTransport dying = e -> {
      if (delivered.get() >= 12) {
        throw new Crash();
      }
      DeliveryOutcome o = hook.deliver(e);
      delivered.incrementAndGet();
      return o;
    };
    DeliveryEngine first = DeliveryEngine.builder(backend.ledger()).owner("first").clock(clock).batchSize(5)
        .endpoint(new Endpoint("hook", Subscription.all(), dying)).build();
    for (int i = 0; i < 10; i++) {
      first.runOnce();
    }
    first.close();
    assertThat(receiver.ids()).hasSizeBetween(12, expected - 1);

    // a new process: the outbox as stored, a new engine; the dead one's claims expire with their lease
    DeliveryLedger reopened = backend.reopen();
    clock.advance(Duration.ofMinutes(2));
    try (DeliveryEngine second = DeliveryEngine.builder(reopened).owner("second").clock(clock).batchSize(5)
        .endpoint(new Endpoint("hook", Subscription.all(), webhook())).build()) {
      while (second.runOnce() > 0) {
        // until nothing is due
      }
    }
    List<OutboxEntry> committed = all(reopened);
    assertThat(committed).hasSize(expected);
    assertThat(receiver.ids()).containsExactlyInAnyOrderElementsOf(committed.stream().map(OutboxEntry::eventId).toList());
    assertThat(receiver.messages()).allMatch(Receiver.Message::verified);
    assertThat(reopened.deadLetters(10)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aRejectedWriteRecordsNoEvent(String name) throws Exception {
    backend = Backend.open(name, dir);
    receiver = new Receiver(new WebhookVerifier(List.of(SECRET)));
    scim = new Scim(backend.users(), backend.groups(), backend.outbox(), null);
    scim.createUser("acme", "ada");
    assertThat(scim.call("acme", "POST", "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"ADA\"}").status()).isEqualTo(409);
    assertThat(all(backend.ledger())).extracting(OutboxEntry::type).containsExactly("user.created");
  }

  /** Every outbox says which SCIM operation made a change, so that a PUT and a PATCH stay apart. */
  @ParameterizedTest
  @MethodSource("backends")
  void theOperationIsRecordedWithTheEvent(String name) throws Exception {
    backend = Backend.open(name, dir);
    scim = new Scim(backend.users(), backend.groups(), backend.outbox(), null);
    String u = scim.createUser("acme", "ada");
    assertThat(scim.call("acme", "PUT", "/Users/" + u, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"ada\",\"displayName\":\"Ada\",\"active\":true}").status()).isEqualTo(200);
    assertThat(scim.call("acme", "PATCH", "/Users/" + u, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"A\"}]}").status()).isEqualTo(200);
    assertThat(scim.call("acme", "DELETE", "/Users/" + u, null).status()).isEqualTo(204);
    assertThat(all(backend.ledger())).extracting(e -> e.type() + " " + OutboxEntries.operation(e)).containsExactly(
        "user.created CREATE", "user.updated REPLACE", "user.updated PATCH", "user.deleted DELETE");
  }

  /**
   * A user's deletion removes it from its groups in the same unit of work; when that second step
   * fails, the deletion (already made) rolls back with the staged events.
   */
  @ParameterizedTest
  @MethodSource("transactionalBackends")
  void aWriteRolledBackAfterItsEventsWereStagedHasNoEvent(String name) throws Exception {
    backend = Backend.open(name, dir);
    receiver = new Receiver(new WebhookVerifier(List.of(SECRET)));
    AtomicBoolean failMembershipCleanup = new AtomicBoolean();
    GroupStore groups = new FailingGroups(backend.groups(), failMembershipCleanup);
    scim = new Scim(backend.users(), groups, backend.outbox(), null);
    String u = scim.createUser("acme", "ada");
    scim.createGroup("acme", "staff", u);
    int before = all(backend.ledger()).size();

    failMembershipCleanup.set(true);
    assertThat(scim.call("acme", "DELETE", "/Users/" + u, null).status()).isEqualTo(409);
    assertThat(scim.call("acme", "GET", "/Users/" + u, null).status()).isEqualTo(200);
    assertThat(all(backend.ledger())).hasSize(before);

    failMembershipCleanup.set(false);
    assertThat(scim.call("acme", "DELETE", "/Users/" + u, null).status()).isEqualTo(204);
    try (DeliveryEngine engine = DeliveryEngine.builder(backend.ledger()).clock(clock)
        .endpoint(new Endpoint("hook", Subscription.all(), webhook())).build()) {
      while (engine.runOnce() > 0) {
        // until nothing is due
      }
    }
    assertThat(receiver.messages()).extracting(Receiver.Message::type).filteredOn(t -> t.equals("user.deleted"))
        .hasSize(1);
    assertThat(receiver.ids()).hasSize(before + 2);
  }

  static List<String> transactionalBackends() {
    // every backend rolls back now: the JDBC stores in the database, the in-memory ones in memory
    return Backend.names();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void twoReplicasOnOneOutboxDeliverEachEventOnce(String name) throws Exception {
    backend = Backend.open(name, dir);
    receiver = new Receiver(new WebhookVerifier(List.of(SECRET)));
    scim = new Scim(backend.users(), backend.groups(), backend.outbox(), null);
    for (int i = 0; i < 30; i++) {
      scim.createUser("acme", "user" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (DeliveryEngine a = replica("a"); DeliveryEngine b = replica("b")) {
      List<Callable<Integer>> both = new ArrayList<>();
      for (DeliveryEngine e : List.of(a, b)) {
        both.add(() -> {
          int n = 0;
          for (int k; (k = e.runOnce()) > 0; ) {
            n += k;
          }
          return n;
        });
      }
      int attempts = 0;
      for (Future<Integer> f : pool.invokeAll(both)) {
        attempts += f.get();
      }
      // a replica that found nothing left may stop before the other is done: finish
      attempts += a.runOnce() + b.runOnce();
      assertThat(attempts).isEqualTo(30);
    } finally {
      pool.shutdownNow();
    }
    assertThat(receiver.ids()).hasSize(30);
    assertThat(receiver.messages()).hasSize(30);
  }

  DeliveryEngine replica(String owner) {
    return DeliveryEngine.builder(backend.ledger()).owner(owner).clock(clock).batchSize(4)
        .endpoint(new Endpoint("hook", Subscription.all(), webhook())).build();
  }

  /** Groups whose removal of a deleted member fails on demand, after the member's deletion. */
  static final class FailingGroups extends ForwardingGroupStore {
    private final AtomicBoolean fail;

    FailingGroups(GroupStore delegate, AtomicBoolean fail) {
      super(delegate);
      this.fail = fail;
    }

    @Override
    public List<String> removeFromAllGroups(StoreContext ctx, String memberId) {
      List<String> left = super.removeFromAllGroups(ctx, memberId);
      if (fail.get()) {
        throw ScimException.uniqueness("a concurrent change conflicted");
      }
      return left;
    }
  }
}
