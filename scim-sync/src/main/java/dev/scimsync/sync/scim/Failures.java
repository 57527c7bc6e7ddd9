package dev.scimsync.sync.scim;

import dev.scimsync.client.ScimClientException;
import dev.scimsync.client.ScimConnectionException;
import dev.scimsync.client.ScimRateLimitedException;
import dev.scimsync.sync.source.DirectoryException;
import dev.scimsync.sync.source.DirectoryException.Kind;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** HTTP statuses of SCIM services, classified for the engine. */
final class Failures {
  private Failures() {}

  /** The classification of an error response with {@code status} and {@code detail}. */
  static DirectoryException of(int status, @Nullable String scimType, @Nullable String message,
      @Nullable Duration retryAfter, @Nullable Throwable cause) {
    String d = message == null ? "" : message.toLowerCase(Locale.ROOT);
    Kind kind;
    if (status == 429 || (status == 403 && (d.contains("quota") || d.contains("rate limit")
        || d.contains("ratelimit")))) {
      kind = Kind.RATE_LIMITED;
    } else if (status == 0 || status == 408 || status == 502 || status == 503 || status == 504) {
      kind = Kind.UNAVAILABLE;
    } else if (status == 409) {
      kind = Kind.CONFLICT;
    } else if (status == 404 || (status == 400 && "noTarget".equalsIgnoreCase(scimType))) {
      kind = Kind.NOT_FOUND;
    } else if (status == 400 && scimType != null && (scimType.equalsIgnoreCase("invalidCursor")
        || scimType.equalsIgnoreCase("expiredCursor"))) {
      kind = Kind.CHECKPOINT_EXPIRED;
    } else {
      kind = Kind.FAILED;
    }
    return new DirectoryException(kind, message == null ? "the SCIM service answered " + status : message,
        retryAfter, cause);
  }

  /** The classification of a client failure. */
  static DirectoryException of(ScimClientException e) {
    Duration retryAfter = e instanceof ScimRateLimitedException r ? r.retryAfter() : null;
    int status = e instanceof ScimConnectionException ? 0 : e.status();
    return of(status, e.scimType() == null ? null : e.scimType().wireName(), e.getMessage(), retryAfter, e);
  }

  /** Runs a client call, translating its failure. */
  static <T extends @Nullable Object> T call(java.util.function.Supplier<T> op) {
    try {
      return op.get();
    } catch (ScimClientException e) {
      throw of(e);
    }
  }

  /** The Retry-After header in seconds, or null. */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null; // an HTTP date: fall back to the engine's backoff
    }
  }

  /** {@code attr eq "v1" or attr eq "v2" ...} with the values quoted as JSON strings. */
  static String anyOf(String attribute, Iterable<String> values) {
    StringBuilder f = new StringBuilder();
    for (String v : values) {
      if (f.length() > 0) {
        f.append(" or ");
      }
      f.append(attribute).append(" eq \"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return f.toString();
  }
}
