package dev.scimsync.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.server.auth.Authentication;
import dev.scimsync.server.auth.BearerTokenAuthenticator;
import org.junit.jupiter.api.Test;

/**
 * The starter's wrapper around the application's authenticator hands on what the server needs for
 * its answer and security events: the holder of another tenant's credential and retired tokens.
 */
class TenantCaptureTest {

  static final String ACME = "acme-token-0123456789abcdef";
  static final String GLOBEX = "globex-token-0123456789abcdef";

  final BearerTokenAuthenticator tokens = new BearerTokenAuthenticator().addToken("acme", "a", ACME)
      .addToken("globex", "g", GLOBEX);
  final TenantCapture capture = new TenantCapture(tokens);

  @Test
  void theAcceptedTenantIsCaptured() {
    TenantCapture.clear();
    assertThat(capture.check("Bearer " + ACME, "acme")).isInstanceOf(Authentication.Accepted.class);
    assertThat(TenantCapture.take()).isEqualTo("acme");
  }

  @Test
  void aCredentialOfAnotherTenantIsRefusedNamingItsHolder() {
    TenantCapture.clear();
    Authentication a = capture.check("Bearer " + GLOBEX, "acme");
    assertThat(a).isInstanceOfSatisfying(Authentication.Refused.class,
        r -> assertThat(r.holder()).isNotNull().extracting(p -> p.tenantId()).isEqualTo("globex"));
    assertThat(TenantCapture.take()).isEqualTo("none");
  }

  @Test
  void aRetiredTokenIsRecognised() {
    tokens.retireToken("acme", "a");
    assertThat(capture.retired("Bearer " + ACME)).hasValueSatisfying(t -> assertThat(t.label()).isEqualTo("a"));
  }
}
