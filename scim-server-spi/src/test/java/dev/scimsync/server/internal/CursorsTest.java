package dev.scimsync.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RFC 9865 cursors as the server hands them out: opaque, signed, per tenant and query, expiring. */
class CursorsTest {

  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

  static class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-29T12:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MutableClock clock = new MutableClock();
  final Cursors cursors = new Cursors(KEY, Duration.ofMinutes(10), clock);

  static void assertType(Runnable r, ScimType type) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ScimException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.scimType()).isEqualTo(type);
    });
  }

  @Test
  void roundTripForTheSameTenantAndQuery() {
    String token = cursors.wrap("acme", "User|filter", "store-cursor-42");
    assertThat(token).doesNotContain("store-cursor-42");
    assertThat(cursors.unwrap("acme", "User|filter", token)).isEqualTo("store-cursor-42");
  }

  @Test
  void anotherTenantOrQueryOrATamperedTokenIsInvalid() {
    String token = cursors.wrap("acme", "q", "c");
    assertType(() -> cursors.unwrap("globex", "q", token), ScimType.INVALID_CURSOR);
    assertType(() -> cursors.unwrap("acme", "q2", token), ScimType.INVALID_CURSOR);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertType(() -> cursors.unwrap("acme", "q", tampered), ScimType.INVALID_CURSOR);
    assertType(() -> cursors.unwrap("acme", "q", "not a cursor"), ScimType.INVALID_CURSOR);
    assertType(() -> new Cursors("another-key-another-key-another-k".getBytes(), Duration.ofMinutes(10), clock)
        .unwrap("acme", "q", token), ScimType.INVALID_CURSOR);
  }

  @Test
  void anOldCursorExpires() {
    String token = cursors.wrap("acme", "q", "c");
    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertThat(cursors.unwrap("acme", "q", token)).isEqualTo("c");
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    assertType(() -> cursors.unwrap("acme", "q", token), ScimType.EXPIRED_CURSOR);
  }
}
