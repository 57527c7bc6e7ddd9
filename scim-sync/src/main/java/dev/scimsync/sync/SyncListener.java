package dev.scimsync.sync;

/**
 * Hears about runs: progress while they go, failures as they happen, and the report at the end.
 * Called on the run's thread; keep it quick and do not throw (exceptions are logged and ignored).
 */
public interface SyncListener {

  /** After every page. */
  default void onProgress(SyncProgress progress) {}

  /** When something an operator should know about happens. */
  default void onFailure(SyncFailure failure) {}

  /** At the end of every run, whatever its outcome. */
  default void onReport(SyncReport report) {}
}
