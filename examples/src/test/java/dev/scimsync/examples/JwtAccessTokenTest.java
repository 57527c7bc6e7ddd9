package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.ScimServer;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.CompositeAuthenticator;
import dev.scimsync.server.auth.Scopes;
import dev.scimsync.server.auth.jwt.JwtAuthenticator;
import dev.scimsync.server.jdkhttp.JdkHttpServerAdapter;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWT access tokens (RFC 9068) and scopes over real connections: the issuer's JWKS is served over
 * HTTPS by a JDK server in the test, with keys made by Nimbus in the test; the SCIM server runs on
 * the JDK adapter with static tokens and JWTs side by side.
 */
@Timeout(60)
class JwtAccessTokenTest {

  static final String ISSUER = "https://issuer.test/";
  static final String AUDIENCE = "https://scim.test";
  static final String STATIC_TOKEN = "static-full-token-0123456789";
  static final String STATIC_READ_TOKEN = "static-read-token-0123456789";
  static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"%s\"}";
  static final String GROUP = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"%s\"}";
  static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
      + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";

  @TempDir
  static Path dir;
  static HttpsServer jwksServer;
  static final AtomicReference<String> JWKS = new AtomicReference<>();
  static final AtomicInteger FETCHES = new AtomicInteger();
  static Path jwksCa;
  static RSAKey rsa;
  static ECKey ec;

  /** A clock the test moves; the key cache's refresh interval is measured with it. */
  static final class TestClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }
  }

  TestClock clock;
  HttpServer http;
  ScimHttp scim;

  @BeforeAll
  static void issuer() throws Exception {
    Path ks = TestPki.keystore(dir.resolve("jwks.p12"), "issuer", "EC");
    jwksCa = TestPki.certificatePem(ks, dir.resolve("jwks-ca.pem"));
    jwksServer = TestPki.httpsServer(ks);
    jwksServer.createContext("/jwks.json", exchange -> {
      FETCHES.incrementAndGet();
      byte[] body = JWKS.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    jwksServer.start();
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
  }

  @AfterAll
  static void stopIssuer() {
    jwksServer.stop(0);
  }

  @BeforeEach
  void start() throws Exception {
    publish(rsa, ec);
    FETCHES.set(0);
    clock = new TestClock();
    JwtAuthenticator jwt = JwtAuthenticator.builder()
        .issuer(ISSUER)
        .jwksUri(URI.create("https://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json"))
        .jwksTrustedCertificates(jwksCa)
        .audience(AUDIENCE)
        .tenantClaim("tid")
        .clock(clock)
        .jwksCaching(Duration.ofMinutes(10), Duration.ofSeconds(30))
        .build();
    BearerTokenAuthenticator tokens = new BearerTokenAuthenticator()
        .addToken("acme", "full", STATIC_TOKEN)
        .addToken("acme", "reporting", STATIC_READ_TOKEN, Set.of(Scopes.READ));
    SchemaRegistry schemas = SchemaRegistry.standard();
    ScimServer server = ScimServer.builder()
        .users(new InMemoryUserStore(schemas.resourceSchema("User")))
        .groups(new InMemoryGroupStore(schemas.resourceSchema("Group")))
        .authenticator(CompositeAuthenticator.of(tokens, jwt))
        .basePath("/scim/v2")
        .tenantPathPattern("/tenants/{tenant}/scim/v2")
        .options(ServerOptions.builder().rateLimit(0, 0).failedAuthLimit(0, 0).maxConcurrentRequestsPerTenant(0)
            .build())
        .build();
    http = JdkHttpServerAdapter.start(server, new InetSocketAddress("127.0.0.1", 0), "/");
    scim = new ScimHttp("http://127.0.0.1:" + http.getAddress().getPort() + "/tenants/acme/scim/v2", STATIC_TOKEN);
  }

  @AfterEach
  void stop() {
    JdkHttpServerAdapter.stop(http, 0);
  }

  static void publish(JWK... keys) {
    JWKS.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
  }

  /** A token signed by {@code key} with the standard claims, changed by {@code claims}. */
  String token(JWK key, JWSAlgorithm alg, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
    return token(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt")).build(),
        claims);
  }

  String token(JWK key, JWSHeader header, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
    Instant now = clock.instant();
    JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("provisioner")
        .claim("client_id", "provisioning-job").claim("tid", "acme").claim("scope", "scim.read scim.write")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).jwtID(UUID.randomUUID().toString());
    claims.accept(c);
    JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
    SignedJWT jwt = new SignedJWT(header, c.build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  String valid() throws Exception {
    return token(ec, JWSAlgorithm.ES256, c -> { });
  }

  static void assertInvalidToken(ScimHttp.Res res, String reason) {
    assertThat(res.status()).as(res.toString()).isEqualTo(401);
    assertThat(res.header("WWW-Authenticate")).contains("error=\"invalid_token\"").contains(reason);
  }

  @Test
  void aValidTokenIsAcceptedWithEachAllowedAlgorithm() throws Exception {
    assertThat(scim.withToken(valid()).get("/Users").status()).isEqualTo(200);
    assertThat(scim.withToken(token(rsa, JWSAlgorithm.RS256, c -> { })).get("/Users").status()).isEqualTo(200);
    assertThat(scim.withToken(token(rsa, JWSAlgorithm.PS256, c -> { })).get("/Users").status()).isEqualTo(200);
    ScimHttp.Res created = scim.withToken(valid()).post("/Users", USER.formatted("jwt.user"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    // the tenant comes from the tid claim at the credential-identified root too
    ScimHttp root = new ScimHttp("http://127.0.0.1:" + http.getAddress().getPort() + "/scim/v2", valid());
    assertThat(root.get("/Users").json().get("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void expiredNotYetValidWrongAudienceAndWrongIssuerAreRefused() throws Exception {
    Instant now = clock.instant();
    assertInvalidToken(scim.withToken(token(ec, JWSAlgorithm.ES256,
        c -> c.expirationTime(Date.from(now.minusSeconds(120))))).get("/Users"), "expired");
    assertInvalidToken(scim.withToken(token(ec, JWSAlgorithm.ES256,
        c -> c.notBeforeTime(Date.from(now.plusSeconds(300))))).get("/Users"), "not valid yet");
    assertInvalidToken(scim.withToken(token(ec, JWSAlgorithm.ES256,
        c -> c.audience("https://other.test"))).get("/Users"), "audience");
    assertInvalidToken(scim.withToken(token(ec, JWSAlgorithm.ES256,
        c -> c.issuer("https://evil.test/"))).get("/Users"), "issuer");
    assertInvalidToken(scim.withToken(token(ec, JWSAlgorithm.ES256,
        c -> c.expirationTime(null))).get("/Users"), "expiry");
    // within the clock skew (60 s) an expired token still passes
    assertThat(scim.withToken(token(ec, JWSAlgorithm.ES256,
        c -> c.expirationTime(Date.from(now.minusSeconds(30))))).get("/Users").status()).isEqualTo(200);
  }

  @Test
  void unknownKeyAlgNoneHmacAndTamperedTokensAreRefused() throws Exception {
    ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("stranger").generate();
    assertInvalidToken(scim.withToken(token(stranger, JWSAlgorithm.ES256, c -> { })).get("/Users"), "unknown key");
    // a stranger's key under a published key id
    ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    assertInvalidToken(scim.withToken(token(impostor, JWSAlgorithm.ES256, c -> { })).get("/Users"), "signature");

    String[] parts = valid().split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8))
        + "." + parts[1] + ".";
    assertInvalidToken(scim.withToken(none).get("/Users"), "not a signed JWT");

    // HS256 with the issuer's public RSA key as the secret: the classic algorithm confusion
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1")
        .type(new JOSEObjectType("at+jwt")).build(), SignedJWT.parse(valid()).getJWTClaimsSet());
    hmac.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));
    assertInvalidToken(scim.withToken(hmac.serialize()).get("/Users"), "algorithm HS256");

    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("scim.read scim.write", "scim.read scim.write admin");
    String tampered = parts[0] + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertInvalidToken(scim.withToken(tampered).get("/Users"), "signature");
  }

  @Test
  void theTypeMustBeAtJwt() throws Exception {
    String typedJwt = token(ec, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").type(JOSEObjectType.JWT)
        .build(), c -> { });
    assertInvalidToken(scim.withToken(typedJwt).get("/Users"), "at+jwt");
  }

  @Test
  void aTokenForAnotherTenantIsRefusedOnThisTenantsUrl() throws Exception {
    String globex = token(ec, JWSAlgorithm.ES256, c -> c.claim("tid", "globex"));
    assertInvalidToken(scim.withToken(globex).get("/Users"), "not for this tenant");
    ScimHttp globexUrl = new ScimHttp("http://127.0.0.1:" + http.getAddress().getPort() + "/tenants/globex/scim/v2",
        valid());
    assertInvalidToken(globexUrl.get("/Users"), "not for this tenant");
    assertThat(globexUrl.withToken(globex).get("/Users").status()).isEqualTo(200);
    assertInvalidToken(scim.withToken(token(ec, JWSAlgorithm.ES256, c -> c.claim("tid", null))).get("/Users"),
        "no tid claim");
  }

  @Test
  void aRotatedKeyIsPickedUpAndUnknownKeyIdsCannotHammerTheIssuer() throws Exception {
    assertThat(scim.withToken(valid()).get("/Users").status()).isEqualTo(200);
    assertThat(FETCHES.get()).isEqualTo(1);
    for (int i = 0; i < 20; i++) {
      ECKey made = new ECKeyGenerator(Curve.P_256).keyID("made-up-" + i).generate();
      assertThat(scim.withToken(token(made, JWSAlgorithm.ES256, c -> { })).get("/Users").status()).isEqualTo(401);
    }
    assertThat(FETCHES.get()).as("fetches within the refresh interval").isEqualTo(1);

    ECKey next = new ECKeyGenerator(Curve.P_256).keyID("ec-2").generate();
    publish(rsa, ec, next);
    // the issuer rotated right after our fetch: the new key is unknown until the interval passed
    assertThat(scim.withToken(token(next, JWSAlgorithm.ES256, c -> { })).get("/Users").status()).isEqualTo(401);
    clock.advance(Duration.ofSeconds(31));
    assertThat(scim.withToken(token(next, JWSAlgorithm.ES256, c -> { })).get("/Users").status()).isEqualTo(200);
    assertThat(FETCHES.get()).isEqualTo(2);
    // the old key still works while published; known keys need no fetch
    assertThat(scim.withToken(valid()).get("/Users").status()).isEqualTo(200);
    assertThat(FETCHES.get()).isEqualTo(2);
  }

  @Test
  void staticTokensAndJwtsServeOneTenantSideBySide() throws Exception {
    ScimHttp.Res created = scim.post("/Users", USER.formatted("static.user"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(scim.withToken(valid()).get("/Users").json().get("totalResults").asInt()).isEqualTo(1);
    assertInvalidToken(scim.withToken("not-a-known-token-0123456789").get("/Users"), "not a signed JWT");
    ScimHttp.Res anonymous = scim.withToken(null).get("/Users");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"SCIM\"");
  }

  // ---- scopes ----

  static void assertForbidden(ScimHttp.Res res, String scope) {
    assertThat(res.status()).as(res.toString()).isEqualTo(403);
    assertThat(res.json().get("detail").asString()).contains(scope);
    assertThat(res.json().has("scimType")).isFalse();
    assertThat(res.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
  }

  @Test
  void aReadOnlyCredentialReadsButEveryWriteIsForbidden() throws Exception {
    String userId = scim.post("/Users", USER.formatted("target")).json().get("id").asString();
    String groupId = scim.post("/Groups", GROUP.formatted("staff")).json().get("id").asString();
    for (ScimHttp ro : List.of(scim.withToken(STATIC_READ_TOKEN),
        scim.withToken(token(ec, JWSAlgorithm.ES256, c -> c.claim("scope", "scim.read"))))) {
      assertThat(ro.get("/Users").status()).isEqualTo(200);
      assertThat(ro.get("/Groups/" + groupId).status()).isEqualTo(200);
      assertThat(ro.post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}")
          .status()).isEqualTo(200);
      assertForbidden(ro.post("/Users", USER.formatted("new")), "scim.users.write");
      assertForbidden(ro.put("/Users/" + userId, USER.formatted("target")), "scim.users.write");
      assertForbidden(ro.patch("/Users/" + userId, PATCH), "scim.users.write");
      assertForbidden(ro.delete("/Users/" + userId), "scim.users.write");
      assertForbidden(ro.post("/Groups", GROUP.formatted("new")), "scim.groups.write");
      assertForbidden(ro.delete("/Groups/" + groupId), "scim.groups.write");
    }
    assertThat(scim.get("/Users/" + userId).json().get("active")).isNull();
    assertThat(scim.get("/Users").json().get("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void perTypeScopesFromScpAndWriteImpliesRead() throws Exception {
    ScimHttp users = scim.withToken(token(ec, JWSAlgorithm.ES256,
        c -> c.claim("scope", null).claim("scp", List.of("scim.users.write"))));
    assertThat(users.post("/Users", USER.formatted("u1")).status()).isEqualTo(201);
    assertThat(users.get("/Users").status()).isEqualTo(200);
    assertForbidden(users.get("/Groups"), "scim.groups.read");
    assertForbidden(users.post("/Groups", GROUP.formatted("g")), "scim.groups.write");
    assertForbidden(users.post("/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"]}"),
        "scim.groups.read");
    // no scope claim: authenticated, so discovery answers, but no resource
    ScimHttp none = scim.withToken(token(ec, JWSAlgorithm.ES256, c -> c.claim("scope", null)));
    assertThat(none.get("/ServiceProviderConfig").status()).isEqualTo(200);
    assertThat(none.get("/Schemas").status()).isEqualTo(200);
    assertForbidden(none.get("/Users"), "scim.users.read");
  }

  @Test
  void bulkChecksEachOperation() throws Exception {
    String groupId = scim.post("/Groups", GROUP.formatted("staff")).json().get("id").asString();
    ScimHttp users = scim.withToken(token(ec, JWSAlgorithm.ES256, c -> c.claim("scope", "scim.users.write")));
    String bulk = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
          {"method":"POST","path":"/Users","bulkId":"u","data":%s},
          {"method":"POST","path":"/Groups","bulkId":"g","data":%s},
          {"method":"DELETE","path":"/Groups/%s"},
          {"method":"PATCH","path":"/Users/bulkId:u","data":%s}]}"""
        .formatted(USER.formatted("bulk.user"), GROUP.formatted("bulk.group"), groupId, PATCH);
    ScimHttp.Res res = users.post("/Bulk", bulk);
    assertThat(res.status()).as(res.toString()).isEqualTo(200);
    var ops = res.json().get("Operations");
    assertThat(ops.get(0).get("status").asString()).isEqualTo("201");
    assertThat(ops.get(1).get("status").asString()).isEqualTo("403");
    assertThat(ops.get(1).get("response").get("detail").asString()).contains("scim.groups.write");
    assertThat(ops.get(2).get("status").asString()).isEqualTo("403");
    assertThat(ops.get(3).get("status").asString()).isEqualTo("200");
    assertThat(scim.get("/Groups").json().get("totalResults").asInt()).isEqualTo(1);
    assertThat(scim.get("/Users").json().get("totalResults").asInt()).isEqualTo(1);
  }

  // ---- the example server's --jwt-* options ----

  @Test
  void theExampleServerAcceptsJwtsForItsTenantsOnly() throws Exception {
    ExampleServer.Options o = ExampleServer.parse(new String[] {"--port", "0", "--tenant", "acme=" + STATIC_TOKEN,
        "--jwt-issuer", ISSUER, "--jwt-jwks-url",
        "https://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json", "--jwt-audience", AUDIENCE,
        "--jwt-tenant-claim", "tid", "--jwt-jwks-ca", jwksCa.toString()});
    try (ExampleServer server = ExampleServer.start(o, o.serverOptions())) {
      assertThat(server.token()).as("no static token is generated with JWTs").isNull();
      String acme = token(ec, JWSAlgorithm.ES256, c -> c.issueTime(new Date()).expirationTime(
          Date.from(Instant.now().plusSeconds(600))));
      assertThat(new ScimHttp(server.tenantUrl("acme"), acme).get("/Users").status()).isEqualTo(200);
      assertThat(new ScimHttp(server.tenantUrl("acme"), STATIC_TOKEN).get("/Users").status()).isEqualTo(200);
      String initech = token(ec, JWSAlgorithm.ES256, c -> c.claim("tid", "initech").issueTime(new Date())
          .expirationTime(Date.from(Instant.now().plusSeconds(600))));
      assertInvalidToken(new ScimHttp(server.baseUrl(), initech).get("/Users"), "not served here");
      java.io.ByteArrayOutputStream banner = new java.io.ByteArrayOutputStream();
      server.printBanner(new java.io.PrintStream(banner, true, StandardCharsets.UTF_8),
          new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8), o);
      assertThat(banner.toString(StandardCharsets.UTF_8)).contains("JWT access tokens from " + ISSUER)
          .contains("tenant from claim tid");
    }
  }
}
