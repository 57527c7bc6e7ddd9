package dev.scimsync.set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing through Nimbus (RS256, ES256, typ secevent+jwt) and what a receiver's check refuses. */
class SetSignerTest {

  static RSAKey rsa;
  static ECKey ec;

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
  }

  static SecurityEventToken set(String aud) {
    return new SecurityEventToken("jti-1", "https://scim.example.com", Instant.ofEpochSecond(1458505044),
        List.of(aud), "txn-1", new ScimSubject("/Users/u1", null, "jdoe"), Instant.ofEpochSecond(1458505040),
        Map.of(ScimEventUris.DELETE, dev.scimsync.core.json.ScimJson.object()));
  }

  @Test
  void rs256AndEs256VerifyWithTheSecEventType() throws Exception {
    for (var key : List.of(rsa, ec)) {
      SetSigner signer = SetSigner.of(key);
      String jwt = signer.sign(set("https://rx.example.com"));
      JWSHeader h = JWSObject.parse(jwt).getHeader();
      assertThat(h.getType().getType()).isEqualTo("secevent+jwt");
      assertThat(h.getKeyID()).isEqualTo(key.getKeyID());
      assertThat(h.getAlgorithm().getName()).isEqualTo(key == rsa ? "RS256" : "ES256");
      SecurityEventToken back = SetVerifier.of(key.toPublicJWK(), "https://scim.example.com", "https://rx.example.com")
          .verify(jwt);
      assertThat(back).isEqualTo(set("https://rx.example.com"));
    }
  }

  @Test
  void aReceiverRefusesTamperingAndStrangers() throws Exception {
    String jwt = SetSigner.of(rsa).sign(set("https://rx.example.com"));
    SetVerifier verifier = SetVerifier.of(rsa.toPublicJWK(), "https://scim.example.com", "https://rx.example.com");
    String[] parts = jwt.split("\\.");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("/Users/u1", "/Users/u2").getBytes()) + "." + parts[2];
    assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOfSatisfying(SetVerifier.InvalidSetException.class,
        e -> assertThat(e.error().err()).isEqualTo(SetError.INVALID_KEY));
    assertThatThrownBy(() -> SetVerifier.of(rsa.toPublicJWK(), "https://other.example.com", null).verify(jwt))
        .isInstanceOfSatisfying(SetVerifier.InvalidSetException.class,
            e -> assertThat(e.error().err()).isEqualTo(SetError.INVALID_ISSUER));
    assertThatThrownBy(() -> SetVerifier.of(rsa.toPublicJWK(), "https://scim.example.com", "https://rx2.example.com")
        .verify(jwt)).isInstanceOfSatisfying(SetVerifier.InvalidSetException.class,
            e -> assertThat(e.error().err()).isEqualTo(SetError.INVALID_AUDIENCE));
    // signed by another key of the right type
    String other = SetSigner.of(new RSAKeyGenerator(2048).generate()).sign(set("https://rx.example.com"));
    assertThatThrownBy(() -> verifier.verify(other)).isInstanceOf(SetVerifier.InvalidSetException.class);
    // an ES256 SET where RS256 is expected
    assertThatThrownBy(() -> verifier.verify(SetSigner.of(ec).sign(set("https://rx.example.com"))))
        .isInstanceOfSatisfying(SetVerifier.InvalidSetException.class,
            e -> assertThat(e.error().err()).isEqualTo(SetError.INVALID_KEY));
    // unsigned ("alg": "none") and garbage
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"secevent+jwt\"}".getBytes()) + "." + parts[1] + ".";
    assertThatThrownBy(() -> verifier.verify(none)).isInstanceOf(SetVerifier.InvalidSetException.class);
    assertThatThrownBy(() -> verifier.verify("not a jwt")).isInstanceOfSatisfying(
        SetVerifier.InvalidSetException.class, e -> assertThat(e.error().err()).isEqualTo(SetError.INVALID_REQUEST));
  }

  @Test
  void aTokenThatIsNotASetIsRefused() throws Exception {
    // a plain JWT (typ JWT) signed by the right key: RFC 8417 §2.3 keeps SETs apart from other JWTs
    JWSObject jwt = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(com.nimbusds.jose.JOSEObjectType.JWT)
        .build(), new Payload(dev.scimsync.core.json.ScimJson.write(set("a").toJson())));
    jwt.sign(new RSASSASigner(rsa));
    assertThatThrownBy(() -> SetVerifier.of(rsa.toPublicJWK(), "https://scim.example.com", null)
        .verify(jwt.serialize())).isInstanceOfSatisfying(SetVerifier.InvalidSetException.class,
            e -> assertThat(e.error().err()).isEqualTo(SetError.INVALID_REQUEST));
  }

  @Test
  void unsuitableKeysAreRefusedUpFront() throws Exception {
    assertThatThrownBy(() -> SetSigner.of(rsa.toPublicJWK())).hasMessageContaining("private");
    assertThatThrownBy(() -> SetSigner.of(new ECKeyGenerator(Curve.P_384).generate())).hasMessageContaining("P-256");
    assertThatThrownBy(() -> SetSigner.of(new RSAKeyGenerator(1024, true).generate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPemKeySignsAndItsShortOrOddSiblingsAreRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path pem = dir.resolve("ec.pem");
    java.nio.file.Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(ec.toECPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    SetSigner signer = SetSigner.readPem(pem);
    assertThat(signer.algorithm()).isEqualTo("ES256");
    SecurityEventToken back = SetVerifier.of(ec.toPublicJWK(), "https://scim.example.com", "https://rx.example.com")
        .verify(signer.sign(set("https://rx.example.com")));
    assertThat(back.jti()).isEqualTo("jti-1");
    assertThat(SetSigner.of(rsa.toPrivateKey(), null).algorithm()).isEqualTo("RS256");
    assertThatThrownBy(() -> SetSigner.of(new RSAKeyGenerator(1024, true).generate().toPrivateKey(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
    assertThatThrownBy(() -> SetSigner.of(new ECKeyGenerator(Curve.P_384).generate().toECPrivateKey(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
    java.nio.file.Path empty = dir.resolve("empty.pem");
    java.nio.file.Files.writeString(empty, "nothing here");
    assertThatThrownBy(() -> SetSigner.readPem(empty)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BEGIN PRIVATE KEY");
  }
}
