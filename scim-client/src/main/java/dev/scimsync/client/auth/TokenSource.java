package dev.scimsync.client.auth;

import dev.scimsync.client.TimeSource;
import okhttp3.OkHttpClient;

/**
 * Supplies the bearer token sent in {@code Authorization}. Implementations are thread-safe and
 * never log or print the token.
 */
public interface TokenSource {

  /** The token to send now; may block to obtain or refresh one. */
  String token();

  /**
   * Reports that the server answered 401 to a request carrying {@code rejected}. A refreshable
   * source discards that token and returns true, and the client retries the request once with a
   * fresh token; a static source returns false (the default).
   */
  default boolean invalidate(String rejected) {
    return false;
  }

  /**
   * The source to use inside a client, given the client's HTTP client (without its
   * authentication; its calls are rate-limited and retried with the client's {@code RetryPolicy},
   * sharing the client's retry budget) and time source. The default returns this source unchanged.
   */
  default TokenSource bind(OkHttpClient http, TimeSource time) {
    return this;
  }
}
