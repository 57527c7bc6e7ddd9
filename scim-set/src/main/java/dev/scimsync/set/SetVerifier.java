package dev.scimsync.set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.scimsync.core.json.ScimJson;
import java.text.ParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks a SET as a receiver must (RFC 8417 §4, RFC 9967 §5): the {@code typ} is {@code
 * secevent+jwt}, the algorithm is the one of the expected key (RS256 or ES256; never {@code none}),
 * the signature verifies, the issuer is the expected one and, when configured, the audience
 * includes this receiver. Thread-safe.
 */
public final class SetVerifier {

  private final JWSVerifier verifier;
  private final JWSAlgorithm algorithm;
  private final String issuer;
  private final @Nullable String audience;

  private SetVerifier(JWSVerifier verifier, JWSAlgorithm algorithm, String issuer, @Nullable String audience) {
    this.verifier = verifier;
    this.algorithm = algorithm;
    this.issuer = issuer;
    this.audience = audience;
  }

  /**
   * A verifier for SETs from {@code issuer} signed with {@code publicKey}'s private half.
   *
   * @param audience a value {@code aud} must contain, or null to accept any
   */
  public static SetVerifier of(JWK publicKey, String issuer, @Nullable String audience) {
    Objects.requireNonNull(issuer, "issuer");
    try {
      if (publicKey instanceof RSAKey rsa) {
        return new SetVerifier(new RSASSAVerifier(rsa.toRSAPublicKey()), JWSAlgorithm.RS256, issuer, audience);
      }
      if (publicKey instanceof ECKey ec) {
        return new SetVerifier(new ECDSAVerifier(ec.toECPublicKey()), JWSAlgorithm.ES256, issuer, audience);
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable verification key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("an RSA or EC key is required, not " + publicKey.getKeyType());
  }

  /**
   * The claims of a valid SET.
   *
   * @throws InvalidSetException with the RFC 8935 error code ({@code invalid_request}, {@code
   *     invalid_key}, {@code invalid_issuer}, {@code invalid_audience}) naming what is wrong
   */
  public SecurityEventToken verify(String compact) {
    JWSObject jws;
    try {
      jws = JWSObject.parse(compact);
    } catch (ParseException e) {
      throw new InvalidSetException(SetError.INVALID_REQUEST, "not a JWS compact serialization");
    }
    if (!SetSigner.SECEVENT_JWT.equals(jws.getHeader().getType())) {
      throw new InvalidSetException(SetError.INVALID_REQUEST, "the typ header is not secevent+jwt");
    }
    if (!algorithm.equals(jws.getHeader().getAlgorithm())) {
      throw new InvalidSetException(SetError.INVALID_KEY, "signed with " + jws.getHeader().getAlgorithm()
          + ", expected " + algorithm);
    }
    try {
      if (!jws.verify(verifier)) {
        throw new InvalidSetException(SetError.INVALID_KEY, "the signature does not verify");
      }
    } catch (JOSEException e) {
      throw new InvalidSetException(SetError.INVALID_KEY, "the signature could not be checked");
    }
    SecurityEventToken set;
    try {
      set = SecurityEventToken.fromJson(ScimJson.parse(jws.getPayload().toString()));
    } catch (RuntimeException e) {
      throw new InvalidSetException(SetError.INVALID_REQUEST, "malformed claims: " + e.getMessage());
    }
    if (!issuer.equals(set.issuer())) {
      throw new InvalidSetException(SetError.INVALID_ISSUER, "unexpected issuer");
    }
    if (audience != null && !set.audience().contains(audience)) {
      throw new InvalidSetException(SetError.INVALID_AUDIENCE, "this receiver is not in aud");
    }
    return set;
  }

  /** A SET a receiver must refuse, with the RFC 8935 §2.4 error code to answer. */
  public static final class InvalidSetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SetError error;

    /** An exception for {@code err} with a description. */
    public InvalidSetException(String err, String description) {
      super(err + ": " + description);
      this.error = new SetError(err, description);
    }

    /** The error to answer with (RFC 8935 §2.3). */
    public SetError error() {
      return error;
    }
  }
}
