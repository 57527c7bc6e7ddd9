package dev.scimsync.server.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.scimsync.server.auth.Authentication;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.auth.Scopes;
import dev.scimsync.server.internal.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Accepts OAuth 2.0 access tokens in the JWT profile of RFC 9068, issued by one authorization
 * server: the signature is checked with the issuer's keys (its JWKS, fetched over HTTPS with
 * timeouts, cached, fetched again for an unknown key id at most once per interval), then {@code
 * iss} (exact match), {@code aud} (one of the configured audiences), {@code exp} (required) and
 * {@code nbf}/{@code iat} with a small clock skew, and the header's {@code typ} ({@code at+jwt};
 * {@code JWT} or none too when {@link Builder#acceptJwtType} is on, as many identity providers
 * issue). Only RSA and EC signature algorithms from an allow-list are accepted: never {@code
 * none}, never HMAC (whose "key" would be the issuer's public key).
 *
 * <pre>{@code
 * JwtAuthenticator jwt = JwtAuthenticator.builder()
 *     .issuer("https://login.example.com/")
 *     .jwksUri(URI.create("https://login.example.com/.well-known/jwks.json"))
 *     .audience("https://scim.example.com")
 *     .tenantClaim("tid")
 *     .build();
 * }</pre>
 *
 * <p>The tenant is the value of a claim ({@link Builder#tenantClaim}) or one fixed tenant ({@link
 * Builder#tenant}); on a tenant's own URL ({@code /tenants/NAME/...}) it must match NAME, or the
 * token is refused (401: the token is not valid there). The principal's scopes come from the
 * {@code scope} (space-separated) and {@code scp} (array or string) claims; a token without them
 * gets {@link Builder#scopesWhenAbsent} (none by default: only discovery). The subject for logs is
 * {@code sub}, else {@code client_id}, else {@code azp}. Thread-safe. Tokens are never logged.
 */
public final class JwtAuthenticator implements Authenticator {

  /** The algorithms accepted by default, and the only ones that may be configured. */
  public static final Set<String> SIGNATURE_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384",
      "PS512", "ES256", "ES384", "ES512");

  private static final int MAX_TOKEN_CHARS = 16 * 1024;
  private static final int MIN_RSA_BITS = 2048;

  private final String issuer;
  private final Set<String> audiences;
  private final Set<JWSAlgorithm> algorithms;
  private final boolean acceptJwtType;
  private final Duration clockSkew;
  private final Clock clock;
  private final @Nullable String tenantClaim;
  private final @Nullable String tenant;
  private final List<String> scopeClaims;
  private final Set<String> scopesWhenAbsent;
  private final Jwks jwks;

  private JwtAuthenticator(Builder b) {
    this.issuer = Objects.requireNonNull(b.issuer, "issuer");
    if (b.audiences.isEmpty()) {
      throw new IllegalArgumentException("give at least one audience");
    }
    this.audiences = Set.copyOf(b.audiences);
    if ((b.tenantClaim == null) == (b.tenant == null)) {
      throw new IllegalArgumentException("give either a tenant claim or a fixed tenant");
    }
    URI uri = Objects.requireNonNull(b.jwksUri, "jwksUri");
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("the JWKS URI must be an https URL, not " + uri);
    }
    List<JWSAlgorithm> algs = new ArrayList<>();
    for (String a : b.algorithms) {
      algs.add(JWSAlgorithm.parse(a));
    }
    this.algorithms = Set.copyOf(algs);
    this.acceptJwtType = b.acceptJwtType;
    this.clockSkew = b.clockSkew;
    this.clock = b.clock;
    this.tenantClaim = b.tenantClaim;
    this.tenant = b.tenant;
    this.scopeClaims = List.copyOf(b.scopeClaims);
    this.scopesWhenAbsent = Set.copyOf(b.scopesWhenAbsent);
    this.jwks = new Jwks(uri, b.tls == null ? null : b.tls.getSocketFactory(), b.connectTimeout, b.readTimeout,
        b.cacheTime, b.minRefreshInterval, b.clock);
  }

  /** A builder; issuer, JWKS URI, audience and the tenant (claim or fixed) are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Principal> authenticate(@Nullable String authorization, @Nullable String pathTenant) {
    return check(authorization, pathTenant).acceptedPrincipal();
  }

  @Override
  public Authentication check(@Nullable String authorization, @Nullable String pathTenant) {
    String token = BearerTokenAuthenticator.bearer(authorization);
    if (token == null) {
      return Authentication.refused(authorization == null ? null : "not a bearer token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      return Authentication.refused("the access token is too long");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return Authentication.refused("the access token is not a signed JWT");
    }
    JWSHeader header = jwt.getHeader();
    if (!algorithms.contains(header.getAlgorithm())) {
      return Authentication.refused("the access token's algorithm " + header.getAlgorithm() + " is not accepted");
    }
    if (!typeAccepted(header.getType())) {
      return Authentication.refused("the access token's type must be at+jwt (RFC 9068)");
    }
    List<JWK> keys = jwks.keysFor(header.getKeyID());
    if (keys.isEmpty()) {
      return Authentication.refused("the access token is signed with an unknown key");
    }
    if (!verified(jwt, keys)) {
      return Authentication.refused("the access token's signature is not valid");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return Authentication.refused("the access token's claims cannot be read");
    }
    String problem = claimProblem(claims);
    if (problem != null) {
      return Authentication.refused(problem);
    }
    String t;
    if (tenantClaim != null) {
      Object v = claims.getClaim(tenantClaim);
      if (!(v instanceof String s) || s.isEmpty()) {
        return Authentication.refused("the access token has no " + tenantClaim + " claim");
      }
      t = s;
    } else {
      t = Objects.requireNonNull(tenant, "the builder requires exactly one of tenant and tenantClaim");
    }
    Principal holder = new Principal(t, "jwt:" + subject(claims), scopes(claims));
    if (pathTenant != null && !pathTenant.equals(t)) {
      return Authentication.crossTenant(holder, "the access token is not for this tenant");
    }
    return Authentication.accepted(holder);
  }

  private boolean typeAccepted(@Nullable JOSEObjectType typ) {
    if (typ == null) {
      return acceptJwtType;
    }
    String t = typ.getType().toLowerCase(Locale.ROOT);
    return t.equals("at+jwt") || t.equals("application/at+jwt") || (acceptJwtType && t.equals("jwt"));
  }

  /** True when one of {@code keys} fits the token's algorithm and verifies its signature. */
  private static boolean verified(SignedJWT jwt, List<JWK> keys) {
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    for (JWK key : keys) {
      try {
        JWSVerifier v = verifier(key, alg);
        if (v != null && jwt.verify(v)) {
          return true;
        }
      } catch (JOSEException | IllegalStateException e) {
        // a key that does not fit this token: try the next one
      }
    }
    return false;
  }

  private static @Nullable JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException {
    if ((key.getAlgorithm() != null && !key.getAlgorithm().equals(alg))
        || (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
      return null;
    }
    if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg) && rsa.size() >= MIN_RSA_BITS) {
      return new RSASSAVerifier(rsa.toRSAPublicKey());
    }
    if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)
        && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
      return new ECDSAVerifier(ec.toECPublicKey());
    }
    return null;
  }

  /** What is wrong with the registered claims, or null when nothing is. */
  private @Nullable String claimProblem(JWTClaimsSet claims) {
    if (!issuer.equals(claims.getIssuer())) {
      return "the access token is from another issuer";
    }
    List<String> aud = claims.getAudience();
    if (aud == null || aud.stream().noneMatch(audiences::contains)) {
      return "the access token is not for this audience";
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return "the access token has no expiry (exp)";
    }
    if (!now.isBefore(exp.toInstant().plus(clockSkew))) {
      return "the access token has expired";
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(clockSkew).isBefore(nbf.toInstant())) {
      return "the access token is not valid yet (nbf)";
    }
    Date iat = claims.getIssueTime();
    if (iat != null && now.plus(clockSkew).isBefore(iat.toInstant())) {
      return "the access token is issued in the future (iat)";
    }
    return null;
  }

  private Set<String> scopes(JWTClaimsSet claims) {
    Set<String> out = new LinkedHashSet<>();
    boolean any = false;
    for (String name : scopeClaims) {
      Object v = claims.getClaim(name);
      if (v instanceof String s) {
        out.addAll(Scopes.parse(s));
        any = true;
      } else if (v instanceof Collection<?> list) {
        for (Object o : list) {
          if (o instanceof String s) {
            out.addAll(Scopes.parse(s));
          }
        }
        any = true;
      }
    }
    return any ? out : scopesWhenAbsent;
  }

  private static String subject(JWTClaimsSet claims) {
    for (String name : List.of("sub", "client_id", "azp")) {
      if (claims.getClaim(name) instanceof String s && !s.isEmpty()) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
      }
    }
    return "unknown";
  }

  /** Builds a {@link JwtAuthenticator}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String issuer;
    private @Nullable URI jwksUri;
    private final Set<String> audiences = new LinkedHashSet<>();
    private Set<String> algorithms = SIGNATURE_ALGORITHMS;
    private boolean acceptJwtType;
    private Duration clockSkew = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private @Nullable String tenantClaim;
    private @Nullable String tenant;
    private List<String> scopeClaims = List.of("scope", "scp");
    private Set<String> scopesWhenAbsent = Set.of();
    private @Nullable SSLContext tls;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(5);
    private Duration cacheTime = Duration.ofMinutes(10);
    private Duration minRefreshInterval = Duration.ofSeconds(30);

    private Builder() {}

    /** The issuer, compared exactly with the {@code iss} claim. */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Where the issuer publishes its keys; must be https. */
    public Builder jwksUri(URI jwksUri) {
      this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
      return this;
    }

    /** An audience this server accepts in {@code aud}; repeatable (any one suffices). */
    public Builder audience(String audience) {
      audiences.add(Objects.requireNonNull(audience, "audience"));
      return this;
    }

    /**
     * The accepted signature algorithms (default: all of {@link #SIGNATURE_ALGORITHMS}).
     *
     * @throws IllegalArgumentException for an algorithm that is not an RSA or EC signature
     */
    public Builder algorithms(String... names) {
      Set<String> set = new LinkedHashSet<>(List.of(names));
      for (String n : set) {
        if (!SIGNATURE_ALGORITHMS.contains(n)) {
          throw new IllegalArgumentException("only RSA and EC signature algorithms " + SIGNATURE_ALGORITHMS
              + " can be accepted, not " + n);
        }
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException("give at least one algorithm");
      }
      this.algorithms = Set.copyOf(set);
      return this;
    }

    /** Also accept tokens typed {@code JWT} or untyped (off by default: RFC 9068 asks for at+jwt). */
    public Builder acceptJwtType(boolean accept) {
      this.acceptJwtType = accept;
      return this;
    }

    /** Tolerance for clock differences on exp, nbf and iat (default 60 s, at most 5 min). */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("the clock skew must be between 0 and 5 minutes");
      }
      this.clockSkew = skew;
      return this;
    }

    /** The clock for exp, nbf, iat and the key cache (default: the system's). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Take the tenant from this claim (e.g. {@code tid}); exclusive with {@link #tenant}. */
    public Builder tenantClaim(String claim) {
      this.tenantClaim = Objects.requireNonNull(claim, "claim");
      return this;
    }

    /** Every token is for this tenant; exclusive with {@link #tenantClaim}. */
    public Builder tenant(String tenantId) {
      this.tenant = Objects.requireNonNull(tenantId, "tenantId");
      return this;
    }

    /**
     * The claims read for scopes, each a space-separated string or an array of strings (default
     * {@code scope} and {@code scp}; add e.g. {@code roles} for app roles).
     */
    public Builder scopeClaims(String... claims) {
      this.scopeClaims = List.of(claims);
      return this;
    }

    /**
     * The scopes of a token without any scope claim (default none: such a token reaches only the
     * discovery endpoints). {@code Scopes.ALL} grants full access, as static tokens have.
     */
    public Builder scopesWhenAbsent(Set<String> scopes) {
      this.scopesWhenAbsent = Set.copyOf(scopes);
      return this;
    }

    /** The TLS settings for fetching the JWKS, e.g. trusting a private CA (default: the JDK's). */
    public Builder jwksTls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Trust exactly the CA certificates in the PEM {@code file} for fetching the JWKS (an issuer
     * with a private CA), read now.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public Builder jwksTrustedCertificates(Path file) {
      try {
        this.tls = Pem.trusting(file);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot read the CA certificates " + file + ": " + e.getMessage(), e);
      }
      return this;
    }

    /** Connect and read timeouts of a JWKS fetch (default 5 s each). */
    public Builder jwksTimeouts(Duration connect, Duration read) {
      this.connectTimeout = positive(connect);
      this.readTimeout = positive(read);
      return this;
    }

    /**
     * How long fetched keys are used before the JWKS is fetched again (default 10 min), and the
     * least time between two fetches (default 30 s), which bounds the fetches that tokens with
     * unknown key ids can cause.
     */
    public Builder jwksCaching(Duration cacheTime, Duration minRefreshInterval) {
      this.cacheTime = positive(cacheTime);
      if (minRefreshInterval.isNegative()) {
        throw new IllegalArgumentException("the refresh interval cannot be negative");
      }
      this.minRefreshInterval = minRefreshInterval;
      return this;
    }

    private static Duration positive(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("a duration must be positive");
      }
      return d;
    }

    /**
     * The authenticator. The JWKS is fetched at the first token.
     *
     * @throws IllegalArgumentException when something required is missing or the JWKS URI is not https
     */
    public JwtAuthenticator build() {
      return new JwtAuthenticator(this);
    }
  }
}
