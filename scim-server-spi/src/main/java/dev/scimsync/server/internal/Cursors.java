package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps store cursors (RFC 9865) into signed, expiring tokens bound to one tenant and one query,
 * so that a cursor cannot be forged, replayed by another tenant or reused for another filter.
 */
public final class Cursors {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final byte[] key;
  private final Duration timeout;
  private final Clock clock;

  /** Signs with {@code key} (at least 32 bytes); cursors expire after {@code timeout}. */
  public Cursors(byte[] key, Duration timeout, Clock clock) {
    this.key = key.clone();
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The token for {@code storeCursor} of {@code tenant}'s query with fingerprint {@code query}. */
  public String wrap(String tenant, String query, String storeCursor) {
    long expires = clock.instant().plus(timeout).getEpochSecond();
    byte[] t = tenant.getBytes(StandardCharsets.UTF_8);
    byte[] q = query.getBytes(StandardCharsets.UTF_8);
    byte[] c = storeCursor.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(1 + 8 + 4 + t.length + 4 + q.length + 4 + c.length);
    buf.put((byte) 1).putLong(expires).putInt(t.length).put(t).putInt(q.length).put(q).putInt(c.length).put(c);
    byte[] payload = buf.array();
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
  }

  /**
   * The store cursor inside {@code token}.
   *
   * @throws ScimException 400 invalidCursor when forged, malformed, or for another tenant or
   *     query; 400 expiredCursor when too old
   */
  public String unwrap(String tenant, String query, String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      throw invalid();
    }
    byte[] payload;
    byte[] sig;
    try {
      payload = B64D.decode(token.substring(0, dot));
      sig = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(mac(payload), sig)) {
      throw invalid();
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(payload);
      if (buf.get() != 1) {
        throw invalid();
      }
      long expires = buf.getLong();
      String t = string(buf);
      String q = string(buf);
      String c = string(buf);
      if (!t.equals(tenant) || !q.equals(query)) {
        throw invalid();
      }
      if (clock.instant().getEpochSecond() > expires) {
        throw new ScimException(ScimType.EXPIRED_CURSOR, "the cursor has expired; start again without it");
      }
      return c;
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static String string(ByteBuffer buf) {
    int n = buf.getInt();
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] b = new byte[n];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static ScimException invalid() {
    return new ScimException(ScimType.INVALID_CURSOR, "the cursor is not valid for this request");
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
