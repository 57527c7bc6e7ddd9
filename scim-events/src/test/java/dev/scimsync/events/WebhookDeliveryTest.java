package dev.scimsync.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.events.webhook.WebhookSigner;
import dev.scimsync.events.webhook.WebhookTransport;
import dev.scimsync.events.webhook.WebhookVerifier;
import dev.scimsync.server.event.outbox.Delivery;
import dev.scimsync.server.event.outbox.OutboxEntry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Webhook delivery end to end: SCIM writes over HTTP, the outbox (H2, the file outbox, and
 * PostgreSQL when available), the delivery engine, and a real receiving HTTP server that verifies
 * signatures and fails, stalls, throttles and sees events out of order as each test scripts it.
 */
@Timeout(120)
class WebhookDeliveryTest extends OutboxFixture {

  static final Duration TIMEOUT = Duration.ofMillis(500);

  void setUp(String name) throws Exception {
    backend = Backend.open(name, dir);
    receiver = new Receiver(new WebhookVerifier(List.of(SECRET)));
    scim = new Scim(backend.users(), backend.groups(), backend.outbox(), null);
  }

  EventTransport transport(Receiver r) {
    return new WebhookTransport(r.url(), new WebhookSigner(List.of(SECRET)), HttpClient.newHttpClient(), TIMEOUT,
        Clock.systemUTC());
  }

  DeliveryEngine engine(Subscription subscription, RetryPolicy retry) {
    return DeliveryEngine.builder(backend.ledger()).clock(clock).retryPolicy(retry).random(() -> 0.5)
        .endpoint(new Endpoint("hook", subscription, transport(receiver))).build();
  }

  DeliveryEngine engine() {
    return engine(Subscription.all(), RetryPolicy.defaults());
  }

  static int drain(DeliveryEngine engine) {
    int total = 0;
    for (int n; (n = engine.runOnce()) > 0; ) {
      total += n;
    }
    return total;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deliversEveryCommittedChangeSignedWithItsEventId(String name) throws Exception {
    setUp(name);
    String u = scim.createUser("acme", "ada");
    assertThat(scim.setActive("acme", u, false)).isEqualTo(200);
    scim.createGroup("acme", "admins", u);
    try (DeliveryEngine engine = engine()) {
      assertThat(drain(engine)).isEqualTo(5);
    }
    List<Receiver.Message> got = receiver.messages();
    assertThat(got).extracting(Receiver.Message::type).containsExactlyInAnyOrder("user.created", "user.updated",
        "user.deactivated", "group.created", "group.members_added");
    assertThat(got).allMatch(Receiver.Message::verified);
    // the events of one resource arrive in commit order, with growing sequence numbers
    List<Receiver.Message> user = got.stream()
        .filter(m -> m.json().get("ordering_key").stringValue().equals("acme/User/" + u)).toList();
    assertThat(user).extracting(Receiver.Message::type)
        .containsExactly("user.created", "user.updated", "user.deactivated");
    long lastSequence = 0;
    for (Receiver.Message m : user) {
      assertThat(m.json().get("sequence").longValue()).isGreaterThan(lastSequence);
      lastSequence = m.json().get("sequence").longValue();
    }
    for (Receiver.Message m : got) {
      JsonNode body = m.json();
      assertThat(body.get("id").stringValue()).isEqualTo(m.id());
      assertThat(body.get("tenant").stringValue()).isEqualTo("acme");
      assertThat(Instant.parse(body.get("occurred_at").stringValue())).isNotNull();
      assertThat(backend.ledger().deliveries(m.id())).singleElement()
          .satisfies(d -> assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED));
    }
    assertThat(user.get(0).json().at("/data/resource/userName").stringValue()).isEqualTo("ada");
    assertThat(user.get(2).json().at("/data/resource/active").booleanValue()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void subscriptionsChooseEventsByTenantAndType(String name) throws Exception {
    setUp(name);
    try (Receiver other = new Receiver(new WebhookVerifier(List.of(SECRET)));
        DeliveryEngine engine = DeliveryEngine.builder(backend.ledger()).clock(clock)
            .endpoint(new Endpoint("acme-offboarding", Subscription.tenants("acme").types("user.deactivated", "group.*"),
                transport(receiver)))
            .endpoint(new Endpoint("globex-all", Subscription.tenants("globex"), transport(other))).build()) {
      String a = scim.createUser("acme", "ada");
      scim.setActive("acme", a, false);
      scim.createGroup("acme", "staff");
      String g = scim.createUser("globex", "grace");
      scim.setActive("globex", g, false);
      drain(engine);
      assertThat(receiver.messages()).extracting(Receiver.Message::type)
          .containsExactlyInAnyOrder("user.deactivated", "group.created");
      assertThat(other.messages()).extracting(Receiver.Message::type)
          .containsExactly("user.created", "user.updated", "user.deactivated");
      assertThat(other.messages()).allMatch(m -> m.json().get("tenant").stringValue().equals("globex"));
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void retriesA500WithExponentialBackoffAndTheSameEventId(String name) throws Exception {
    setUp(name);
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    receiver.script(m -> failedOnce.add(m.id()) ? new Receiver.Reply(500, null) : Receiver.Reply.ok());
    scim.createUser("acme", "ada");
    try (DeliveryEngine engine = engine()) {
      assertThat(engine.runOnce()).isEqualTo(1);
      String id = receiver.messages().get(0).id();
      Delivery d = backend.ledger().deliveries(id).get(0);
      assertThat(d.state()).isEqualTo(Delivery.State.PENDING);
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.lastError()).isEqualTo("HTTP 500");
      // 5 s less the jitter (0.5 of 20%): 4.5 s
      assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plusMillis(4500));
      assertThat(engine.runOnce()).isZero();
      clock.advance(Duration.ofSeconds(5));
      assertThat(engine.runOnce()).isEqualTo(1);
      assertThat(receiver.messages()).extracting(Receiver.Message::id).containsExactly(id, id);
      assertThat(backend.ledger().deliveries(id).get(0).state()).isEqualTo(Delivery.State.DELIVERED);
      assertThat(backend.ledger().deliveries(id).get(0).attempts()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void honoursRetryAfterOn429(String name) throws Exception {
    setUp(name);
    Set<String> throttled = ConcurrentHashMap.newKeySet();
    receiver.script(m -> throttled.add(m.id()) ? new Receiver.Reply(429, "120") : Receiver.Reply.ok());
    scim.createUser("acme", "ada");
    try (DeliveryEngine engine = engine()) {
      assertThat(engine.runOnce()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(60));
      assertThat(engine.runOnce()).isZero();
      clock.advance(Duration.ofSeconds(61));
      assertThat(engine.runOnce()).isEqualTo(1);
    }
    assertThat(receiver.messages()).hasSize(2);
    assertThat(backend.ledger().deliveries(receiver.messages().get(0).id()).get(0).state())
        .isEqualTo(Delivery.State.DELIVERED);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void retriesATimedOutAttempt(String name) throws Exception {
    setUp(name);
    Set<String> stalled = ConcurrentHashMap.newKeySet();
    receiver.script(m -> stalled.add(m.id()) ? null : Receiver.Reply.ok());
    scim.createUser("acme", "ada");
    try (DeliveryEngine engine = engine()) {
      assertThat(engine.runOnce()).isEqualTo(1);
      String id = receiver.messages().get(0).id();
      assertThat(backend.ledger().deliveries(id).get(0).lastError()).startsWith("timed out");
      clock.advance(Duration.ofSeconds(5));
      assertThat(engine.runOnce()).isEqualTo(1);
      assertThat(backend.ledger().deliveries(id).get(0).state()).isEqualTo(Delivery.State.DELIVERED);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deadLettersAPermanentFailureAndReplaysItById(String name) throws Exception {
    setUp(name);
    receiver.script(m -> new Receiver.Reply(410, null));
    scim.createUser("acme", "ada");
    try (DeliveryEngine engine = engine()) {
      assertThat(engine.runOnce()).isEqualTo(1);
      List<Delivery> dead = engine.deadLetters(10);
      assertThat(dead).singleElement().satisfies(d -> {
        assertThat(d.lastError()).isEqualTo("HTTP 410");
        assertThat(d.attempts()).isEqualTo(1);
      });
      clock.advance(Duration.ofDays(1));
      assertThat(engine.runOnce()).isZero();
      receiver.script(m -> Receiver.Reply.ok());
      String id = dead.get(0).entry().eventId();
      assertThat(engine.replay(id)).isEqualTo(1);
      assertThat(engine.runOnce()).isEqualTo(1);
      assertThat(engine.deadLetters(10)).isEmpty();
      assertThat(receiver.messages()).extracting(Receiver.Message::id).containsExactly(id, id);
      assertThat(engine.replay("evt_unknown")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void deadLettersAfterTheHorizonAndReplaysByTimeRange(String name) throws Exception {
    setUp(name);
    receiver.script(m -> new Receiver.Reply(503, null));
    Instant before = Instant.now().minusSeconds(1);
    scim.createUser("acme", "ada");
    scim.createUser("acme", "bob");
    Instant after = Instant.now().plusSeconds(1);
    RetryPolicy shortHorizon = new RetryPolicy(Duration.ofSeconds(5), 2, Duration.ofSeconds(40), 0, Duration.ofMinutes(2));
    try (DeliveryEngine engine = engine(Subscription.all(), shortHorizon)) {
      for (int i = 0; i < 20 && engine.deadLetters(10).size() < 2; i++) {
        engine.runOnce();
        clock.advance(Duration.ofSeconds(40));
      }
      // attempts at 0, 40, 80 and 120 s; after the fourth, the next (in 40 s) would fall past the 2 min horizon
      assertThat(engine.deadLetters(10)).hasSize(2).allMatch(d -> d.attempts() == 4 && "HTTP 503".equals(d.lastError()));
      receiver.script(m -> Receiver.Reply.ok());
      assertThat(engine.replay(before, after)).isEqualTo(2);
      assertThat(drain(engine)).isEqualTo(2);
      assertThat(engine.deadLetters(10)).isEmpty();
    }
    assertThat(receiver.ids()).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aStaleRetryArrivesAfterANewerEventAndTheSequenceLetsTheReceiverDropIt(String name) throws Exception {
    setUp(name);
    String u = scim.createUser("acme", "ada");
    try (DeliveryEngine engine = engine()) {
      drain(engine);
      assertThat(scim.rename("acme", u, "first")).isEqualTo(200);
      assertThat(scim.rename("acme", u, "second")).isEqualTo(200);
      Set<String> failedOnce = ConcurrentHashMap.newKeySet();
      receiver.script(m -> "first".equals(m.json().at("/data/resource/displayName").stringValue())
          && failedOnce.add(m.id()) ? new Receiver.Reply(500, null) : Receiver.Reply.ok());
      engine.runOnce();
      clock.advance(Duration.ofSeconds(5));
      engine.runOnce();
    }
    // what arrived successfully, in arrival order: the "first" rename came last
    Map<String, JsonNode> lastArrived = new HashMap<>();
    Map<String, JsonNode> newest = new HashMap<>();
    List<String> arrived = new java.util.ArrayList<>();
    Set<String> failed = new HashSet<>();
    for (Receiver.Message m : receiver.messages()) {
      JsonNode e = m.json();
      if (!e.get("type").stringValue().equals("user.updated")) {
        continue;
      }
      if (!failed.contains(m.id()) && "first".equals(e.at("/data/resource/displayName").stringValue())
          && arrived.stream().noneMatch(x -> x.equals("first"))) {
        failed.add(m.id());
        continue; // the attempt answered with 500
      }
      String key = e.get("ordering_key").stringValue();
      arrived.add(e.at("/data/resource/displayName").stringValue());
      lastArrived.put(key, e);
      JsonNode seen = newest.get(key);
      if (seen == null || seen.get("sequence").longValue() < e.get("sequence").longValue()) {
        newest.put(key, e);
      }
    }
    assertThat(arrived).containsExactly("second", "first");
    String key = "acme/User/" + u;
    assertThat(lastArrived.get(key).at("/data/resource/displayName").stringValue()).isEqualTo("first");
    assertThat(newest.get(key).at("/data/resource/displayName").stringValue()).isEqualTo("second");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void replaysByTimeRangeOnlyTheEventsInIt(String name) throws Exception {
    setUp(name);
    scim.createUser("acme", "ada");
    try (DeliveryEngine engine = engine()) {
      drain(engine);
      List<OutboxEntry> all = backend.ledger().entries(Instant.EPOCH, Instant.now().plusSeconds(60), 100);
      assertThat(all).hasSize(1);
      Instant at = all.get(0).occurredAt();
      assertThat(engine.replay(at.plusMillis(1), at.plusSeconds(60))).isZero();
      assertThat(engine.replay(at, at.plusMillis(1))).isEqualTo(1);
      drain(engine);
    }
    assertThat(receiver.messages()).hasSize(2);
  }
}
