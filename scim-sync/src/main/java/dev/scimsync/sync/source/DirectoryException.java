package dev.scimsync.sync.source;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A failed call to a source or target, classified so the engine knows what to do: wait and retry
 * (rate limits, outages), fall back to a full listing (expired checkpoint), adopt an existing
 * resource (conflict), treat as done (a delete of something already gone), or give up. Sources
 * and targets translate their own errors (HTTP statuses, LDAP result codes) into this.
 */
public class DirectoryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** 429, quota 403, AD busy: wait (Retry-After when given) and retry. */
    RATE_LIMITED,
    /** 502/503/504, connection failures, timeouts: back off and retry. */
    UNAVAILABLE,
    /** The change-feed checkpoint is no longer valid (Graph 410, syncrepl e-syncRefreshRequired): list fully. */
    CHECKPOINT_EXPIRED,
    /** The object already exists (409 uniqueness). */
    CONFLICT,
    /** The object does not exist (404). */
    NOT_FOUND,
    /** Anything else: not retried. */
    FAILED
  }

  private final Kind kind;
  private final transient @Nullable Duration retryAfter;

  /** A failure of {@code kind}; {@code retryAfter} is the server's Retry-After, or null. */
  public DirectoryException(Kind kind, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  /** A failure of {@code kind} without Retry-After or cause. */
  public DirectoryException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  /** The classification. */
  public Kind kind() {
    return kind;
  }

  /** How long the server asked to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True for rate limits and outages, which are retried with backoff. */
  public boolean retryable() {
    return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE;
  }
}
