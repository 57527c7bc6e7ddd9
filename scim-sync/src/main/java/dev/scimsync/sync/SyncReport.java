package dev.scimsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run did, delivered to {@link SyncListener#onReport} and logged.
 *
 * @param directoryId the directory
 * @param kind full, incremental, dry run or verify
 * @param outcome how it ended
 * @param startedAt when it started
 * @param duration how long it took
 * @param sourcePages pages read from the source
 * @param sourceRequests calls made to the source, retries included
 * @param targetRequests calls made to the target, retries included
 * @param changes changes applied, or planned (dry run) or found (verify)
 * @param wouldRemove removals held back by the threshold, resources and group memberships (0 unless
 *     THRESHOLD_EXCEEDED)
 * @param rateLimitWaits waits on 429, 503 or quota errors
 * @param rateLimitWaited their total length
 * @param removalsSkipped true when removals were not considered because the listing was resumed
 *     after a crash or failure (the next full run does them)
 * @param examples up to {@link SyncOptions#examples()} examples per change ("create", "update",
 *     "deactivate", "delete", "memberAdd", "memberRemove", "wouldRemove"; a verify run names the
 *     drift instead: "missing", "different", "extra", "missingMembers", "extraMembers")
 * @param errors error messages, most recent last (capped)
 * @param message a one-line summary
 */
public record SyncReport(String directoryId, RunKind kind, Outcome outcome, Instant startedAt, Duration duration,
    long sourcePages, long sourceRequests, long targetRequests, ChangeCounts changes, long wouldRemove,
    long rateLimitWaits, Duration rateLimitWaited, boolean removalsSkipped, Map<String, List<String>> examples,
    List<String> errors, String message) {

  /** Copies the collections. */
  public SyncReport {
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    examples.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    examples = java.util.Collections.unmodifiableMap(copy);
    errors = List.copyOf(errors);
  }

  /** True for SUCCESS. */
  public boolean succeeded() {
    return outcome == Outcome.SUCCESS;
  }

  /** A one-line summary for logs. */
  public String summary() {
    return directoryId + " " + kind + " " + outcome + " in " + duration.toMillis() + " ms: " + changes.creates()
        + " created, " + changes.updates() + " updated, " + changes.deactivations() + " deactivated, "
        + changes.deletes() + " deleted, +" + changes.memberAdds() + "/-" + changes.memberRemoves() + " members; "
        + sourcePages + " pages, " + sourceRequests + " source and " + targetRequests + " target requests, "
        + rateLimitWaits + " rate-limit waits" + (wouldRemove > 0 ? "; would have removed " + wouldRemove : "")
        + (message == null || message.isEmpty() ? "" : "; " + message);
  }
}
