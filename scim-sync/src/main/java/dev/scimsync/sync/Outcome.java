package dev.scimsync.sync;

/** How a run ended. */
public enum Outcome {
  /** Everything was read and applied. */
  SUCCESS,
  /** The run stopped on an error; nothing was removed; it resumes from its saved position. */
  FAILED,
  /**
   * The removals exceeded the threshold; creates and updates were applied, nothing was removed. After
   * an incremental run the checkpoint stays and the next run is a full reconciliation.
   */
  THRESHOLD_EXCEEDED,
  /** The source's circuit is open after repeated failures; nothing was attempted. */
  CIRCUIT_OPEN,
  /** Another run of this directory was in progress (here or on another instance); nothing was done. */
  SKIPPED
}
