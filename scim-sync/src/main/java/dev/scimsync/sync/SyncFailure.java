package dev.scimsync.sync;

/**
 * Something an operator should hear about, delivered to {@link SyncListener#onFailure} as it
 * happens.
 *
 * @param directoryId the directory
 * @param kind what happened
 * @param message a description without credentials
 */
public record SyncFailure(String directoryId, Kind kind, String message) {

  /** What happened. */
  public enum Kind {
    /** The source failed or could not be reached; the run stopped. */
    SOURCE_UNREACHABLE,
    /** The target failed or could not be reached; the run stopped. */
    TARGET_UNREACHABLE,
    /** A run would have removed more than the threshold allows. */
    THRESHOLD_EXCEEDED,
    /** The source's circuit opened after repeated failures; runs are refused for a while. */
    CIRCUIT_OPEN,
    /** A call was rate limited several times in a row. */
    REPEATED_RATE_LIMITS,
    /** The run failed for another reason. */
    RUN_FAILED
  }
}
