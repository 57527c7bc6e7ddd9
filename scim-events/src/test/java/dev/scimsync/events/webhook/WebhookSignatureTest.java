package dev.scimsync.events.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standard Webhooks signing and verification, against the specification's published test vector. */
class WebhookSignatureTest {

  // the Standard Webhooks specification's test vector
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TS = 1614265330L;
  static final String BODY = "{\"test\": 2432232314}";
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  static WebhookVerifier verifierAt(long epochSeconds, WebhookSecret... secrets) {
    return new WebhookVerifier(List.of(secrets), Duration.ofMinutes(5), Duration.ofDays(1),
        Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC), 1000);
  }

  @Test
  void signsTheSpecificationTestVector() {
    assertThat(new WebhookSigner(List.of(WebhookSecret.parse(SECRET))).sign(ID, TS, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void verifiesTheSpecificationTestVector() throws Exception {
    verifierAt(TS + 10, WebhookSecret.parse(SECRET)).verify(ID, Long.toString(TS), SIGNATURE, BODY);
  }

  @Test
  void rejectsATamperedBodyIdOrTimestamp() {
    WebhookVerifier v = verifierAt(TS, WebhookSecret.parse(SECRET));
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS), SIGNATURE, "{\"test\": 2432232315}"))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("no matching signature");
    assertThatThrownBy(() -> v.verify("msg_other", Long.toString(TS), SIGNATURE, BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS + 1), SIGNATURE, BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS), "v1,AAAA", BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS), "v2," + SIGNATURE.substring(3), BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS), null, BODY))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> v.verify(ID, "yesterday", SIGNATURE, BODY))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("timestamp");
  }

  @Test
  void rejectsTimestampsOutsideTheTolerance() {
    WebhookSecret s = WebhookSecret.parse(SECRET);
    assertThatThrownBy(() -> verifierAt(TS + 301, s).verify(ID, Long.toString(TS), SIGNATURE, BODY))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("too old");
    assertThatThrownBy(() -> verifierAt(TS - 301, s).verify(ID, Long.toString(TS), SIGNATURE, BODY))
        .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("future");
  }

  @Test
  void aProcessedMessageComesBackAsADuplicateAnUnprocessedOneDoesNot() throws Exception {
    WebhookSecret s = WebhookSecret.parse(SECRET);
    WebhookVerifier v = verifierAt(TS + 5, s);
    WebhookMessage first = v.verify(ID, Long.toString(TS), SIGNATURE, BODY);
    assertThat(first.duplicate()).isFalse();
    assertThat(first.id()).isEqualTo(ID);
    assertThat(first.timestamp()).isEqualTo(Instant.ofEpochSecond(TS));
    // the receiver failed: the retry is processed again
    String retry = new WebhookSigner(List.of(s)).sign(ID, TS + 3, BODY);
    assertThat(v.verify(ID, Long.toString(TS + 3), retry, BODY).duplicate()).isFalse();
    v.processed(ID);
    // a replay of the captured message, and a retry whose 200 the sender missed
    assertThat(v.verify(ID, Long.toString(TS), SIGNATURE, BODY).duplicate()).isTrue();
    assertThat(v.verify(ID, Long.toString(TS + 3), retry, BODY).duplicate()).isTrue();
    assertThat(v.verify("msg_other", Long.toString(TS),
        new WebhookSigner(List.of(s)).sign("msg_other", TS, BODY), BODY).duplicate()).isFalse();
  }

  @Test
  void processedIdsAreForgottenAfterTheRetention() throws Exception {
    WebhookSecret s = WebhookSecret.parse(SECRET);
    Instant[] now = {Instant.ofEpochSecond(TS)};
    Clock moving = new Clock() {
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
        return now[0];
      }
    };
    WebhookVerifier v = new WebhookVerifier(List.of(s), Duration.ofMinutes(5), Duration.ofHours(1), moving, 1000);
    v.processed(ID);
    assertThat(v.verify(ID, Long.toString(TS), SIGNATURE, BODY).duplicate()).isTrue();
    now[0] = now[0].plus(Duration.ofHours(2));
    long later = now[0].getEpochSecond();
    String sig = new WebhookSigner(List.of(s)).sign(ID, later, BODY);
    assertThat(v.verify(ID, Long.toString(later), sig, BODY).duplicate()).isFalse();
  }

  @Test
  void duringARotationEitherSecretVerifies() throws Exception {
    WebhookSecret old = WebhookSecret.parse(SECRET);
    WebhookSecret fresh = WebhookSecret.generate();
    String header = new WebhookSigner(List.of(fresh, old)).sign(ID, TS, BODY);
    assertThat(header.split(" ")).hasSize(2).allMatch(p -> p.startsWith("v1,")).contains(SIGNATURE);
    verifierAt(TS, old).verify(ID, Long.toString(TS), header, BODY);
    verifierAt(TS, fresh).verify(ID, Long.toString(TS), header, BODY);
    assertThatThrownBy(() -> verifierAt(TS, WebhookSecret.generate()).verify(ID, Long.toString(TS), header, BODY))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void secretsParseStrictlyAndNeverPrint() {
    assertThat(WebhookSecret.parse("  " + SECRET + "\n").encoded()).isEqualTo(SECRET);
    assertThat(WebhookSecret.parse(SECRET).toString()).doesNotContain("MfKQ");
    assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_%%%")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSecret.parse("whsec_AAAA")).isInstanceOf(IllegalArgumentException.class);
    assertThat(WebhookSecret.parse(WebhookSecret.generate().encoded())).isNotNull();
  }

  @Test
  void retryAfterIsReadAsSecondsOrADate() {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    assertThat(WebhookTransport.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(WebhookTransport.retryAfter("Mon, 30 Nov 2026 12:01:00 GMT", now)).isEqualTo(Duration.ofSeconds(60));
    assertThat(WebhookTransport.retryAfter("soon", now)).isNull();
    assertThat(WebhookTransport.retryAfter("-5", now)).isNull();
    assertThat(WebhookTransport.retryAfter(null, now)).isNull();
  }
}
