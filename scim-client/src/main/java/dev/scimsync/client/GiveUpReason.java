package dev.scimsync.client;

/** Why the client stopped retrying a request and reported its failure. */
public enum GiveUpReason {
  /** The failure is not one the retry policy retries (e.g. 400, 404, 409), so there was no retry. */
  NOT_RETRYABLE,
  /**
   * The request is not idempotent (a POST) and may have reached the server, so repeating it could
   * apply it twice; the client retried only where it could check first (see {@link
   * ResourceClient#create}).
   */
  UNSAFE_TO_RETRY,
  /** The policy's {@link RetryPolicy#maxAttempts()} were used up. */
  ATTEMPTS_EXHAUSTED,
  /** The client's retry budget (see {@link RetryPolicy}) was used up by earlier retries. */
  BUDGET_EXHAUSTED,
  /** The server asked, with {@code Retry-After}, for a longer wait than {@link RetryPolicy#maxDelay()}. */
  RETRY_AFTER_TOO_LONG,
  /** The thread was interrupted while waiting to retry. */
  INTERRUPTED
}
