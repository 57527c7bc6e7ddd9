package dev.scimsync.server.auth;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a request's credential: {@link Accepted} with the principal, or {@link
 * Refused} with a reason the client may see (RFC 6750 {@code error_description}). A reason never
 * contains the credential.
 */
public sealed interface Authentication {

  /**
   * The credential is valid.
   *
   * @param principal who sent the request
   */
  record Accepted(Principal principal) implements Authentication {
    /** Requires the principal. */
    public Accepted {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /**
   * The credential is missing or not valid here.
   *
   * @param reason why, for the client and the log (e.g. "the access token has expired"), or null
   * @param holder whom the credential authenticates when it is valid, but for another tenant than
   *     the URL's: the server names that tenant in its security events (never to the client)
   *     without checking the credential again; otherwise null
   */
  record Refused(@Nullable String reason, @Nullable Principal holder) implements Authentication {

    /** Refused for {@code reason} (may be null), the credential authenticating no one. */
    public Refused(@Nullable String reason) {
      this(reason, null);
    }
  }

  /** The principal when accepted, else empty. */
  default Optional<Principal> acceptedPrincipal() {
    return this instanceof Accepted a ? Optional.of(a.principal()) : Optional.empty();
  }

  /** Accepted with {@code principal}. */
  static Authentication accepted(Principal principal) {
    return new Accepted(principal);
  }

  /** Refused for {@code reason} (may be null). */
  static Authentication refused(@Nullable String reason) {
    return new Refused(reason);
  }

  /**
   * Refused because the credential, valid for {@code holder}, is presented on another tenant's
   * URL; {@code reason} may be null.
   */
  static Authentication crossTenant(Principal holder, @Nullable String reason) {
    return new Refused(reason, Objects.requireNonNull(holder, "holder"));
  }
}
