package dev.scimsync.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Bearer-token authentication (RFC 6750) against tokens stored only as SHA-256 hashes. Several
 * tokens may be active per tenant, so a token is rotated without downtime: add the new one, let
 * the identity provider switch, remove the old one. Thread-safe; tokens can be added and removed
 * while serving.
 *
 * <p>A presented token is hashed and compared with every stored hash using {@link
 * MessageDigest#isEqual}, so the time taken does not depend on which token, if any, matched.
 * Neither tokens nor hashes are logged.
 */
public final class BearerTokenAuthenticator implements Authenticator {

  private record Entry(String tenantId, String label, byte[] hash, Set<String> scopes) {}

  private record Retired(String tenantId, String label, byte[] hash, Instant at) {}

  /** Retired hashes remembered at most; the oldest are forgotten first. */
  static final int MAX_RETIRED = 1_000;

  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final List<Retired> retired = new CopyOnWriteArrayList<>();

  /** An authenticator with no tokens; every request is refused until tokens are added. */
  public BearerTokenAuthenticator() {}

  /**
   * Accepts {@code token} for {@code tenantId}. The token itself is not kept.
   *
   * @param label a name for audit logs, e.g. {@code entra-2026-11}
   */
  public BearerTokenAuthenticator addToken(String tenantId, String label, String token) {
    return addToken(tenantId, label, token, Scopes.ALL);
  }

  /**
   * Accepts {@code token} for {@code tenantId} with only {@code scopes} (see {@link Scopes}), e.g.
   * {@code Set.of(Scopes.READ)} for a reporting job. The token itself is not kept.
   *
   * @param label a name for audit logs
   */
  public BearerTokenAuthenticator addToken(String tenantId, String label, String token, Set<String> scopes) {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException("a bearer token needs at least 16 characters");
    }
    return addTokenHash(tenantId, label, hashHex(token), scopes);
  }

  /**
   * Accepts the token whose SHA-256, in hex, is {@code sha256Hex} (as stored in a database), with
   * full access.
   */
  public BearerTokenAuthenticator addTokenHash(String tenantId, String label, String sha256Hex) {
    return addTokenHash(tenantId, label, sha256Hex, Scopes.ALL);
  }

  /** Accepts the token whose SHA-256, in hex, is {@code sha256Hex}, with only {@code scopes}. */
  public BearerTokenAuthenticator addTokenHash(String tenantId, String label, String sha256Hex, Set<String> scopes) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(label, "label");
    entries.add(new Entry(tenantId, label, parseHash(sha256Hex), Set.copyOf(scopes)));
    return this;
  }

  /** Stops accepting the token labelled {@code label} of {@code tenantId}. */
  public boolean removeToken(String tenantId, String label) {
    return entries.removeIf(e -> e.tenantId.equals(tenantId) && e.label.equals(label));
  }

  /**
   * Stops accepting the token labelled {@code label} of {@code tenantId} but remembers its hash as
   * retired (revoked or rotated out), so that a request still presenting it raises {@link
   * dev.scimsync.server.event.SecurityEvent.RetiredTokenUsed}. The last {@value #MAX_RETIRED} are
   * remembered.
   *
   * @return whether such a token was accepted
   */
  public boolean retireToken(String tenantId, String label) {
    Instant now = Instant.now();
    boolean any = false;
    for (Entry e : entries) {
      if (e.tenantId.equals(tenantId) && e.label.equals(label) && entries.remove(e)) {
        remember(new Retired(e.tenantId, e.label, e.hash, now));
        any = true;
      }
    }
    return any;
  }

  /**
   * Remembers the token whose SHA-256, in hex, is {@code sha256Hex} as retired, e.g. revoked
   * tokens loaded from a database at start-up; it is not accepted (remove it too if it was added).
   */
  public BearerTokenAuthenticator addRetiredTokenHash(String tenantId, String label, String sha256Hex,
      Instant retiredAt) {
    remember(new Retired(Objects.requireNonNull(tenantId), Objects.requireNonNull(label), parseHash(sha256Hex),
        Objects.requireNonNull(retiredAt)));
    return this;
  }

  private static byte[] parseHash(String sha256Hex) {
    byte[] hash = HexFormat.of().parseHex(sha256Hex);
    if (hash.length != 32) {
      throw new IllegalArgumentException("a SHA-256 hash has 32 bytes");
    }
    return hash;
  }

  private void remember(Retired r) {
    retired.add(r);
    while (retired.size() > MAX_RETIRED) {
      retired.remove(0);
    }
  }

  /** Forgets the retired tokens labelled {@code label} of {@code tenantId}. */
  public boolean forgetRetired(String tenantId, String label) {
    return retired.removeIf(r -> r.tenantId.equals(tenantId) && r.label.equals(label));
  }

  /** Compares with every retired hash, in constant time per hash, like {@link #authenticate}. */
  @Override
  public Optional<RetiredToken> retired(@Nullable String authorization) {
    String token = bearer(authorization);
    if (token == null) {
      return Optional.empty();
    }
    byte[] presented = sha256(token);
    Retired match = null;
    for (Retired r : retired) {
      if (MessageDigest.isEqual(r.hash, presented) && match == null) {
        match = r;
      }
    }
    return match == null ? Optional.empty() : Optional.of(new RetiredToken(match.tenantId, match.label, match.at));
  }

  /** The labels of the tokens accepted for {@code tenantId}. */
  public List<String> labels(String tenantId) {
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.tenantId.equals(tenantId)) {
        out.add(e.label);
      }
    }
    return out;
  }

  @Override
  public Optional<Principal> authenticate(@Nullable String authorization, @Nullable String pathTenant) {
    return check(authorization, pathTenant).acceptedPrincipal();
  }

  /** As {@link #authenticate}; a token of another tenant than {@code pathTenant} names its holder. */
  @Override
  public Authentication check(@Nullable String authorization, @Nullable String pathTenant) {
    String token = bearer(authorization);
    if (token == null) {
      return Authentication.refused(null);
    }
    byte[] presented = sha256(token);
    Entry match = null;
    for (Entry e : entries) {
      // no early exit: every stored hash is compared
      if (MessageDigest.isEqual(e.hash, presented) && match == null) {
        match = e;
      }
    }
    if (match == null) {
      return Authentication.refused(null);
    }
    Principal holder = new Principal(match.tenantId, "token:" + match.label, match.scopes);
    return pathTenant != null && !pathTenant.equals(match.tenantId) ? Authentication.crossTenant(holder, null)
        : Authentication.accepted(holder);
  }

  /**
   * The token in an {@code Authorization: Bearer <token>} header (scheme in any case), or null.
   *
   * @param authorization the header, or null
   */
  public static @Nullable String bearer(@Nullable String authorization) {
    if (authorization == null) {
      return null;
    }
    String h = authorization.trim();
    if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String t = h.substring(7).trim();
    return t.isEmpty() ? null : t;
  }

  /** The SHA-256 of {@code token} in lower-case hex, as {@link #addTokenHash} takes it. */
  public static String hashHex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
  public static String newToken() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
