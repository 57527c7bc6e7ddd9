package dev.scimsync.sync;

/**
 * Where a running sync stands, delivered to {@link SyncListener#onProgress} after every page.
 *
 * @param directoryId the directory
 * @param kind the run's kind
 * @param phase {@code users}, {@code groups}, {@code changes} or {@code removals}
 * @param pages source pages read so far
 * @param records source records handled so far
 * @param changes changes so far
 */
public record SyncProgress(String directoryId, RunKind kind, String phase, long pages, long records,
    ChangeCounts changes) {}
