package dev.scimsync.set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.server.internal.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;

/**
 * Signs SETs as JWS compact serializations with header {@code typ: secevent+jwt} (RFC 8417 §2.3)
 * through Nimbus JOSE+JWT: RS256 with an RSA key of at least 2048 bits, ES256 with a P-256 key.
 * The key's {@code kid}, when it has one, goes in the header so receivers can pick the key during
 * rotation. Thread-safe.
 */
public final class SetSigner {

  /** The {@code typ} header value of a SET. */
  public static final JOSEObjectType SECEVENT_JWT = new JOSEObjectType("secevent+jwt");

  private final JWSSigner signer;
  private final JWSAlgorithm algorithm;
  private final @org.jspecify.annotations.Nullable String keyId;

  private SetSigner(JWSSigner signer, JWSAlgorithm algorithm, @org.jspecify.annotations.Nullable String keyId) {
    this.signer = signer;
    this.algorithm = algorithm;
    this.keyId = keyId;
  }

  /**
   * A signer for a private JWK: RS256 for an RSA key, ES256 for an EC key on P-256.
   *
   * @throws IllegalArgumentException for a public-only key, another curve or key type, or an RSA
   *     key shorter than 2048 bits
   */
  public static SetSigner of(JWK privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (!privateKey.isPrivate()) {
      throw new IllegalArgumentException("signing needs a private key");
    }
    try {
      if (privateKey instanceof RSAKey rsa) {
        return of(rsa.toPrivateKey(), rsa.getKeyID());
      }
      if (privateKey instanceof ECKey ec) {
        if (!Curve.P_256.equals(ec.getCurve())) {
          throw new IllegalArgumentException("ES256 needs a P-256 key, not " + ec.getCurve());
        }
        return of(ec.toECPrivateKey(), ec.getKeyID());
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("RS256 or ES256 needs an RSA or EC key, not " + privateKey.getKeyType());
  }

  /**
   * A signer for a private key: RS256 for an RSA key of at least 2048 bits, ES256 for an EC key on
   * P-256.
   *
   * @param keyId the {@code kid} to put in the header, or null
   * @throws IllegalArgumentException for another key type or curve, or a short RSA key
   */
  public static SetSigner of(PrivateKey privateKey, @org.jspecify.annotations.Nullable String keyId) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (privateKey instanceof RSAPrivateKey rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw new IllegalArgumentException("RS256 needs an RSA key of at least 2048 bits");
      }
      return new SetSigner(new RSASSASigner(rsa), JWSAlgorithm.RS256, keyId);
    }
    if (privateKey instanceof ECPrivateKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      if (!Curve.P_256.equals(curve)) {
        throw new IllegalArgumentException("ES256 needs a P-256 key, not " + (curve == null ? "this curve" : curve));
      }
      try {
        return new SetSigner(new ECDSASigner(ec), JWSAlgorithm.ES256, keyId);
      } catch (JOSEException e) {
        throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("RS256 or ES256 needs an RSA or EC key, not " + privateKey.getAlgorithm());
  }

  /**
   * A signer for the unencrypted PKCS#8 RSA or EC key in PEM file {@code file} ({@code BEGIN
   * PRIVATE KEY}), without a {@code kid}.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it holds no usable key (the message never shows the key)
   */
  public static SetSigner readPem(Path file) throws IOException {
    try {
      return of(Pem.privateKey(file), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The algorithm, RS256 or ES256. */
  public String algorithm() {
    return algorithm.getName();
  }

  /** The SET as a signed JWT in compact serialization. */
  public String sign(SecurityEventToken set) {
    JWSHeader.Builder h = new JWSHeader.Builder(algorithm).type(SECEVENT_JWT);
    if (keyId != null) {
      h.keyID(keyId);
    }
    JWSObject jws = new JWSObject(h.build(), new Payload(ScimJson.write(set.toJson())));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing the SET failed: " + e.getMessage(), e);
    }
    return jws.serialize();
  }
}
