package dev.scimsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.server.auth.Authentication;
import dev.scimsync.server.auth.Authenticator;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import dev.scimsync.server.auth.CompositeAuthenticator;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.auth.RetiredToken;
import dev.scimsync.server.event.SecurityEvent;
import dev.scimsync.server.event.SecurityEvent.Scope;
import dev.scimsync.server.event.SecurityThresholds;
import dev.scimsync.server.store.memory.InMemoryGroupStore;
import dev.scimsync.server.store.memory.InMemoryUserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each security event fires at its threshold and not below it: failed authentications per client
 * address and per tenant, a retired token, a cross-tenant credential, a storm of 429 answers.
 */
class SecurityEventsTest {

  static final SchemaRegistry SCHEMAS = SchemaRegistry.standard();
  static final String ACME = "acme-token-0123456789abcdef";
  static final String GLOBEX = "globex-token-0123456789abcdef";
  static final String READER = "acme-reader-0123456789abcdef";

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final TestClock clock = new TestClock();
  final List<SecurityEvent> alerts = new ArrayList<>();
  final BearerTokenAuthenticator tokens = new BearerTokenAuthenticator().addToken("acme", "entra-2026-10", ACME)
      .addToken("globex", "okta", GLOBEX);

  ScimServer server(ServerOptions options) {
    return server(tokens, options);
  }

  ScimServer server(Authenticator authenticator, ServerOptions options) {
    return ScimServer.builder()
        .users(new InMemoryUserStore(SCHEMAS.resourceSchema("User")))
        .groups(new InMemoryGroupStore(SCHEMAS.resourceSchema("Group")))
        .authenticator(authenticator)
        .tenantPathPattern("/tenants/{tenant}")
        .options(options)
        .clock(clock)
        .securityListener(alerts::add)
        .securityThresholds(new SecurityThresholds(3, Duration.ofMinutes(1), 5, Duration.ofMinutes(1)))
        .build();
  }

  ScimServer server() {
    return server(ServerOptions.builder().rateLimit(0, 0).failedAuthLimit(0, 0).build());
  }

  static ScimResponse get(ScimServer s, String path, String token, String address) {
    ScimRequest.Builder b = ScimRequest.builder("GET", path).remoteAddress(address).header("X-Request-Id", "r-1");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return s.handle(b.build());
  }

  @Test
  void failedAuthenticationsFromOneAddressFireAtTheThresholdOncePerWindow() {
    ScimServer s = server();
    assertThat(get(s, "/Users", "wrong-token-0123456789", "198.51.100.1").status()).isEqualTo(401);
    get(s, "/Users", null, "198.51.100.1");
    assertThat(alerts).as("below the threshold").isEmpty();
    get(s, "/Users", "wrong-token-0123456789", "198.51.100.1");
    assertThat(alerts).containsExactly(new SecurityEvent.RepeatedAuthenticationFailures(Scope.CLIENT_ADDRESS,
        "198.51.100.1", 3, Duration.ofMinutes(1), clock.now));
    get(s, "/Users", "wrong-token-0123456789", "198.51.100.1");
    get(s, "/Users", "wrong-token-0123456789", "198.51.100.1");
    get(s, "/Users", "wrong-token-0123456789", "198.51.100.1");
    assertThat(alerts).as("quiet for a window after an alert").hasSize(1);
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    for (int i = 0; i < 3; i++) {
      get(s, "/Users", "wrong-token-0123456789", "198.51.100.1");
    }
    assertThat(alerts).hasSize(2);
  }

  @Test
  void failuresSpreadOverMoreThanTheWindowDoNotFire() {
    ScimServer s = server();
    for (int i = 0; i < 6; i++) {
      get(s, "/Users", "wrong-token-0123456789", "198.51.100.1");
      clock.now = clock.now.plus(Duration.ofSeconds(31));
    }
    assertThat(alerts).isEmpty();
    // and successful requests are not failures
    for (int i = 0; i < 5; i++) {
      assertThat(get(s, "/Users", ACME, "198.51.100.1").status()).isEqualTo(200);
    }
    assertThat(alerts).isEmpty();
  }

  @Test
  void failedAuthenticationsAgainstOneTenantFromManyAddressesFirePerTenant() {
    ScimServer s = server();
    get(s, "/tenants/acme/Users", "wrong-token-0123456789", "198.51.100.1");
    get(s, "/tenants/acme/Users", "wrong-token-0123456789", "198.51.100.2");
    assertThat(alerts).isEmpty();
    get(s, "/tenants/acme/Users", "wrong-token-0123456789", "198.51.100.3");
    assertThat(alerts).containsExactly(new SecurityEvent.RepeatedAuthenticationFailures(Scope.TENANT, "acme", 3,
        Duration.ofMinutes(1), clock.now));
    assertThat(alerts.get(0).tenantId()).isEqualTo("acme");
  }

  @Test
  void aRetiredTokenStillInUseIsReported() {
    ScimServer s = server();
    String replaced = "entra-old-token-0123456789";
    tokens.addToken("acme", "entra-2026-09", replaced);
    assertThat(get(s, "/Users", replaced, "198.51.100.9").status()).isEqualTo(200);
    assertThat(tokens.retireToken("acme", "entra-2026-09")).isTrue();
    assertThat(get(s, "/Users", replaced, "198.51.100.9").status()).isEqualTo(401);
    assertThat(alerts).singleElement().isInstanceOfSatisfying(SecurityEvent.RetiredTokenUsed.class, e -> {
      assertThat(e.tenantId()).isEqualTo("acme");
      assertThat(e.tokenLabel()).isEqualTo("entra-2026-09");
      assertThat(e.clientAddress()).isEqualTo("198.51.100.9");
      assertThat(e.requestId()).isEqualTo("r-1");
    });
    assertThat(alerts.get(0).toString()).doesNotContain(replaced);
    // a token that was only removed, or never existed, is a plain failure
    tokens.addToken("acme", "temp", "temporary-token-0123456789");
    tokens.removeToken("acme", "temp");
    get(s, "/Users", "temporary-token-0123456789", "198.51.100.10");
    get(s, "/Users", "never-issued-token-0123456789", "198.51.100.11");
    assertThat(alerts).hasSize(1);
  }

  @Test
  void aCredentialUsedOnAnotherTenantsUrlIsReported() {
    ScimServer s = server();
    assertThat(get(s, "/tenants/acme/Users", ACME, "198.51.100.4").status()).isEqualTo(200);
    assertThat(alerts).isEmpty();
    assertThat(get(s, "/tenants/acme/Users", GLOBEX, "198.51.100.4").status()).isEqualTo(401);
    assertThat(alerts).containsExactly(new SecurityEvent.CrossTenantRequestRefused("acme", "globex", "198.51.100.4",
        "r-1", clock.now));
  }

  /** Passes every question on to {@code tokens}, counting the credential checks. */
  static final class CountingAuthenticator implements Authenticator {
    final Authenticator delegate;
    final AtomicInteger checks = new AtomicInteger();

    CountingAuthenticator(Authenticator delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<Principal> authenticate(String authorization, String pathTenant) {
      checks.incrementAndGet();
      return delegate.authenticate(authorization, pathTenant);
    }

    @Override
    public Authentication check(String authorization, String pathTenant) {
      checks.incrementAndGet();
      return delegate.check(authorization, pathTenant);
    }

    @Override
    public Optional<RetiredToken> retired(String authorization) {
      return delegate.retired(authorization);
    }
  }

  @Test
  void aCrossTenantCredentialIsCheckedOnce() {
    CountingAuthenticator counting = new CountingAuthenticator(tokens);
    ServerOptions options = ServerOptions.builder().rateLimit(0, 0).failedAuthLimit(0, 0).build();
    // directly, and as one part of a composite that must keep the holder of its part's refusal
    for (ScimServer s : List.of(server(counting, options),
        server(CompositeAuthenticator.of(counting, new BearerTokenAuthenticator()), options))) {
      counting.checks.set(0);
      alerts.clear();

      assertThat(get(s, "/tenants/acme/Users", GLOBEX, "198.51.100.4").status()).isEqualTo(401);

      assertThat(counting.checks).as("credential checks").hasValue(1);
      assertThat(alerts).containsExactly(new SecurityEvent.CrossTenantRequestRefused("acme", "globex",
          "198.51.100.4", "r-1", clock.now));
    }
  }

  @Test
  void aWriteWithAReadOnlyCredentialIsReportedAsAccessDenied() {
    tokens.addToken("acme", "reporting", READER, java.util.Set.of("scim.read"));
    ScimServer s = server();
    assertThat(get(s, "/tenants/acme/Users", READER, "198.51.100.9").status()).isEqualTo(200);
    assertThat(alerts).isEmpty();
    ScimResponse r = s.handle(ScimRequest.builder("POST", "/tenants/acme/Users").remoteAddress("198.51.100.9")
        .header("X-Request-Id", "r-2").header("Authorization", "Bearer " + READER)
        .header("Content-Type", "application/scim+json")
        .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\"}")
        .build());
    assertThat(r.status()).isEqualTo(403);
    assertThat(alerts).singleElement().isInstanceOfSatisfying(SecurityEvent.AccessDenied.class, e -> {
      assertThat(e.tenantId()).isEqualTo("acme");
      assertThat(e.subject()).isEqualTo("token:reporting");
      assertThat(e.method()).isEqualTo("POST");
      assertThat(e.path()).isEqualTo("/Users");
      assertThat(e.reason()).contains("scim.write");
      assertThat(e.clientAddress()).isEqualTo("198.51.100.9");
      assertThat(e.requestId()).isEqualTo("r-2");
      assertThat(e.occurredAt()).isEqualTo(clock.now);
    });
  }

  @Test
  void aStormOf429AnswersForOneTenantIsReported() {
    // one request, then none for about 1000 s: every further request is refused
    ScimServer s = server(ServerOptions.builder().rateLimit(0.001, 1).failedAuthLimit(0, 0).build());
    assertThat(get(s, "/Users", ACME, "198.51.100.5").status()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(get(s, "/Users", ACME, "198.51.100.5").status()).isEqualTo(429);
    }
    assertThat(alerts).as("4 refusals, threshold 5").isEmpty();
    get(s, "/Users", ACME, "198.51.100.5");
    assertThat(alerts).containsExactly(new SecurityEvent.RateLimitStorm(Scope.TENANT, "acme", 5,
        Duration.ofMinutes(1), clock.now));
  }

  @Test
  void anAddressLockedOutByTheFailedAuthenticationLimiterMakesAStormToo() {
    ScimServer s = server(ServerOptions.builder().rateLimit(0, 0).failedAuthLimit(0.001, 1).build());
    get(s, "/Users", "wrong-token-0123456789", "203.0.113.1");
    for (int i = 0; i < 5; i++) {
      assertThat(get(s, "/Users", ACME, "203.0.113.1").status()).isEqualTo(429);
    }
    assertThat(alerts).contains(new SecurityEvent.RateLimitStorm(Scope.CLIENT_ADDRESS, "203.0.113.1", 5,
        Duration.ofMinutes(1), clock.now));
  }

  @Test
  void aFailingSecurityListenerDoesNotChangeTheAnswer() {
    ScimServer s = ScimServer.builder()
        .users(new InMemoryUserStore(SCHEMAS.resourceSchema("User")))
        .authenticator(tokens)
        .options(ServerOptions.builder().rateLimit(0, 0).failedAuthLimit(0, 0).build())
        .securityListener(e -> {
          throw new IllegalStateException("alerting is down");
        })
        .securityThresholds(new SecurityThresholds(1, Duration.ofMinutes(1), 1, Duration.ofMinutes(1)))
        .build();
    assertThat(get(s, "/Users", "wrong-token-0123456789", "198.51.100.1").status()).isEqualTo(401);
  }
}
