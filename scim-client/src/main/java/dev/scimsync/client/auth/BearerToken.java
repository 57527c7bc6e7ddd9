package dev.scimsync.client.auth;

import java.util.Objects;

/** A static bearer token, e.g. a long-lived API token issued by the service provider. */
public final class BearerToken implements TokenSource {

  private final String token;

  private BearerToken(String token) {
    this.token = token;
  }

  /** A source that always supplies {@code token}; it must not be blank. */
  public static BearerToken of(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("the bearer token is blank");
    }
    return new BearerToken(token.strip());
  }

  @Override
  public String token() {
    return token;
  }

  /** Masked: never shows the token. */
  @Override
  public String toString() {
    return "BearerToken[****]";
  }
}
