package dev.scimsync.sync;

/** What a run does. */
public enum RunKind {
  /** Lists the whole source and reconciles, removals included. */
  FULL,
  /** Applies the source's changes since the stored checkpoint. */
  INCREMENTAL,
  /** Plans a full run without writing to the target. */
  DRY_RUN,
  /** Compares source and target without writing; the changes are the drift. */
  VERIFY
}
