package dev.scimsync.server.auth;

import java.util.Objects;
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
   */
  record Refused(@Nullable String reason) implements Authentication {}

  /** Accepted with {@code principal}. */
  static Authentication accepted(Principal principal) {
    return new Accepted(principal);
  }

  /** Refused for {@code reason} (may be null). */
  static Authentication refused(@Nullable String reason) {
    return new Refused(reason);
  }
}
