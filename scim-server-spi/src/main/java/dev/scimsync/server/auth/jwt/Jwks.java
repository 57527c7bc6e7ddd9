package dev.scimsync.server.auth.jwt;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's signing keys, fetched over HTTPS and cached. The set is fetched again when it is
 * older than the cache time or when a token names a key it does not hold (a rotation), but at
 * most once per minimum interval, so a flood of tokens with made-up key ids costs the issuer one
 * request per interval. When a fetch fails, the keys already known stay in use.
 */
final class Jwks {

  private static final Logger LOG = LoggerFactory.getLogger(Jwks.class);
  private static final int MAX_BYTES = 512 * 1024;

  private record Snapshot(List<JWK> keys, Instant fetchedAt) {
    List<JWK> matching(@Nullable String kid) {
      if (kid == null) {
        return keys;
      }
      List<JWK> out = new ArrayList<>(1);
      for (JWK k : keys) {
        if (kid.equals(k.getKeyID())) {
          out.add(k);
        }
      }
      return out;
    }
  }

  private final URI uri;
  private final @Nullable SSLSocketFactory sockets;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration ttl;
  private final Duration minInterval;
  private final Clock clock;
  private volatile @Nullable Snapshot current;
  private @Nullable Instant lastAttempt;

  Jwks(URI uri, @Nullable SSLSocketFactory sockets, Duration connectTimeout, Duration readTimeout, Duration ttl,
      Duration minInterval, Clock clock) {
    this.uri = uri;
    this.sockets = sockets;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.ttl = ttl;
    this.minInterval = minInterval;
    this.clock = clock;
  }

  /** The keys with id {@code kid} (every key for a null kid), fetching the set if needed and allowed. */
  List<JWK> keysFor(@Nullable String kid) {
    List<JWK> found = freshMatching(kid);
    if (found != null) {
      return found;
    }
    synchronized (this) {
      // another thread may have fetched while this one waited
      found = freshMatching(kid);
      if (found != null) {
        return found;
      }
      Instant now = clock.instant();
      if (lastAttempt == null || !now.isBefore(lastAttempt.plus(minInterval))) {
        lastAttempt = now;
        try {
          current = new Snapshot(fetch(), now);
        } catch (IOException | ParseException | RuntimeException e) {
          LOG.warn("cannot fetch the JWKS {} ({}); keeping the keys known so far", uri, e.toString());
        }
      }
      Snapshot s = current;
      return s == null ? List.of() : s.matching(kid);
    }
  }

  /** The matching keys of a cache that is not yet stale, or null when a fetch is wanted. */
  private @Nullable List<JWK> freshMatching(@Nullable String kid) {
    Snapshot s = current;
    if (s == null || !clock.instant().isBefore(s.fetchedAt().plus(ttl))) {
      return null;
    }
    List<JWK> found = s.matching(kid);
    return found.isEmpty() ? null : found;
  }

  private List<JWK> fetch() throws IOException, ParseException {
    HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection();
    if (sockets != null) {
      c.setSSLSocketFactory(sockets);
    }
    c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestProperty("Accept", "application/jwk-set+json, application/json");
    int status = c.getResponseCode();
    if (status != 200) {
      c.disconnect();
      throw new IOException("HTTP " + status);
    }
    String body;
    try (InputStream in = c.getInputStream()) {
      body = readLimited(in);
    }
    List<JWK> keys = new ArrayList<>();
    for (JWK k : JWKSet.parse(body).getKeys()) {
      // only public signature keys; a symmetric key in a JWKS is never used
      if (k instanceof RSAKey || k instanceof ECKey) {
        keys.add(k.isPrivate() ? k.toPublicJWK() : k);
      }
    }
    LOG.info("fetched {} signing keys from the JWKS {}", keys.size(), uri);
    return List.copyOf(keys);
  }

  private static String readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > MAX_BYTES) {
        throw new IOException("the JWKS is larger than " + MAX_BYTES + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
