package dev.scimsync.sync;

import dev.scimsync.server.event.SecurityEvent;
import dev.scimsync.server.event.SecurityListener;
import java.util.Objects;

/**
 * Raises {@link SecurityEvent.SyncDeletionThresholdExceeded} when a run stops at its deletion
 * threshold, so that the alerting that hears the server's security events hears failed syncs too.
 * Register it with {@link SyncEngine.Builder#listener}.
 */
public final class SecurityEventSyncListener implements SyncListener {

  private final SecurityListener target;

  /** Forwards to {@code target}. */
  public SecurityEventSyncListener(SecurityListener target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  public void onReport(SyncReport report) {
    if (report.outcome() == Outcome.THRESHOLD_EXCEEDED) {
      target.onSecurityEvent(new SecurityEvent.SyncDeletionThresholdExceeded(report.directoryId(),
          report.wouldRemove(), report.message(), report.startedAt().plus(report.duration())));
    }
  }
}
