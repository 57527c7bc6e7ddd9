package dev.scimsync.events;

import dev.scimsync.events.webhook.WebhookSecret;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the outbox tests share: one backend per run (its name from {@link #backends()}), the SCIM
 * server writing to it, a receiving server when the test starts one, a clock the test moves, and
 * closing all of them after each run.
 */
abstract class OutboxFixture {

  static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

  @TempDir
  Path dir;
  Backend backend;
  Receiver receiver;
  Scim scim;
  final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));

  static List<String> backends() {
    return Backend.names();
  }

  @AfterEach
  void close() {
    if (scim != null) {
      scim.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (backend != null) {
      backend.close();
    }
  }
}
