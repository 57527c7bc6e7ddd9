package dev.scimsync.sync.state;

import java.time.Instant;
import java.util.Objects;

/**
 * The right of one instance to sync one directory until {@code expiresAt}.
 *
 * @param key the directory id
 * @param owner the instance holding it
 * @param expiresAt when it lapses unless renewed
 */
public record Lease(String key, String owner, Instant expiresAt) {
  /** Requires all. */
  public Lease {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
