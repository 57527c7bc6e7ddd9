package dev.scimsync.sync;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the engine runs one directory. Immutable; start from {@link #builder()}.
 *
 * @param deletedUsers deactivate or delete users that left the source
 * @param deleteGroups whether groups that left the source are deleted (default true)
 * @param maxRemovals removals (deactivations, deletes and group member removals) above which a run,
 *     full or incremental, stops before removing anything (no user, group or membership); negative
 *     for no count limit
 * @param maxRemovalPercent the same as a percentage: of the synced target resources for users and
 *     groups, and separately of the members the target groups had for member removals (an
 *     incremental run measures against the sizes after the last run); a run over either stops
 *     before removing anything; negative for none
 * @param fullEveryRuns a full reconciliation after this many incremental runs (0: every run is full)
 * @param fullEvery a full reconciliation when the last one is older than this (null: never by age)
 * @param sourceRequestsPerSecond the highest request rate to the source; 0 for no limit
 * @param targetRequestsPerSecond the highest request rate to the target; 0 for no limit
 * @param maxAttempts attempts per call on rate limits and outages before the run fails
 * @param baseBackoff the first wait after a failure without Retry-After; doubled per attempt
 * @param maxBackoff the longest wait, also the cap on a server's Retry-After
 * @param breakerFailures consecutive failed calls (after retries) that open a source's circuit
 * @param breakerOpenFor how long an open circuit refuses runs
 * @param examples how many examples of each change a report keeps
 * @param memberChunk how many member values one PATCH operation carries
 * @param seenInMemory how many 64-bit hashes of the source ids a full run has seen are kept on the
 *     heap (8 bytes each) before they spill to a temporary file as a sorted run
 * @param spillDirectory where such files go (null: the system's temporary directory)
 */
public record SyncOptions( DeletedUsers deletedUsers, boolean deleteGroups, int maxRemovals, double maxRemovalPercent,
    int fullEveryRuns, @Nullable Duration fullEvery, double sourceRequestsPerSecond, double targetRequestsPerSecond,
    int maxAttempts, Duration baseBackoff, Duration maxBackoff, int breakerFailures, Duration breakerOpenFor,
    int examples, int memberChunk, int seenInMemory, @Nullable Path spillDirectory) {

  /** The defaults: deactivate, at most 10% removed per run, full every 24 runs or 24 hours. */
  public static SyncOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.deletedUsers = deletedUsers;
    b.deleteGroups = deleteGroups;
    b.maxRemovals = maxRemovals;
    b.maxRemovalPercent = maxRemovalPercent;
    b.fullEveryRuns = fullEveryRuns;
    b.fullEvery = fullEvery;
    b.sourceRate = sourceRequestsPerSecond;
    b.targetRate = targetRequestsPerSecond;
    b.maxAttempts = maxAttempts;
    b.baseBackoff = baseBackoff;
    b.maxBackoff = maxBackoff;
    b.breakerFailures = breakerFailures;
    b.breakerOpenFor = breakerOpenFor;
    b.examples = examples;
    b.memberChunk = memberChunk;
    b.seenInMemory = seenInMemory;
    b.spillDirectory = spillDirectory;
    return b;
  }

  /** Builds {@link SyncOptions}. */
  public static final class Builder {
    private DeletedUsers deletedUsers = DeletedUsers.DEACTIVATE;
    private boolean deleteGroups = true;
    private int maxRemovals = -1;
    private double maxRemovalPercent = 10;
    private int fullEveryRuns = 24;
    private @Nullable Duration fullEvery = Duration.ofHours(24);
    private double sourceRate;
    private double targetRate;
    private int maxAttempts = 6;
    private Duration baseBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(2);
    private int breakerFailures = 3;
    private Duration breakerOpenFor = Duration.ofMinutes(15);
    private int examples = 10;
    private int memberChunk = 500;
    private int seenInMemory = 1 << 16;
    private @Nullable Path spillDirectory;

    private Builder() {}

    /** Deactivate (default) or delete users that left the source. */
    public Builder deletedUsers(DeletedUsers d) {
      this.deletedUsers = d;
      return this;
    }

    /** Whether groups that left the source are deleted (default true). */
    public Builder deleteGroups(boolean b) {
      this.deleteGroups = b;
      return this;
    }

    /** Stop before removing more than {@code n} resources and memberships in one run (default: no count limit). */
    public Builder maxRemovals(int n) {
      this.maxRemovals = n;
      return this;
    }

    /**
     * Stop before removing more than {@code percent}% of the synced users and groups, or of the
     * target groups' members (default 10; negative: none).
     */
    public Builder maxRemovalPercent(double percent) {
      this.maxRemovalPercent = percent;
      return this;
    }

    /** A full reconciliation after {@code runs} incremental runs (default 24; 0: always full). */
    public Builder fullEveryRuns(int runs) {
      this.fullEveryRuns = runs;
      return this;
    }

    /** A full reconciliation when the last is older than {@code d} (default 24 h; null: never by age). */
    public Builder fullEvery(@Nullable Duration d) {
      this.fullEvery = d;
      return this;
    }

    /** At most {@code perSecond} requests to the source (default: no limit). */
    public Builder sourceRequestsPerSecond(double perSecond) {
      this.sourceRate = perSecond;
      return this;
    }

    /** At most {@code perSecond} requests to the target (default: no limit). */
    public Builder targetRequestsPerSecond(double perSecond) {
      this.targetRate = perSecond;
      return this;
    }

    /** Attempts per call on rate limits and outages (default 6). */
    public Builder maxAttempts(int n) {
      this.maxAttempts = Math.max(1, n);
      return this;
    }

    /** Backoff from {@code base}, doubling, up to {@code max} (default 1 s to 2 min). */
    public Builder backoff(Duration base, Duration max) {
      this.baseBackoff = base;
      this.maxBackoff = max;
      return this;
    }

    /** Open a source's circuit after {@code failures} failed calls in a row, for {@code openFor}. */
    public Builder circuitBreaker(int failures, Duration openFor) {
      this.breakerFailures = Math.max(1, failures);
      this.breakerOpenFor = openFor;
      return this;
    }

    /** Examples kept per kind of change in a report (default 10). */
    public Builder examples(int n) {
      this.examples = Math.max(0, n);
      return this;
    }

    /** Member values per PATCH request (default 500). */
    public Builder memberChunk(int n) {
      this.memberChunk = Math.max(1, n);
      return this;
    }

    /**
     * Hashes of seen source ids a full run keeps on the heap before spilling them to a file (default
     * 65,536, 512 KB): the engine's memory is bounded by this and a page, not by the directory.
     */
    public Builder seenInMemory(int n) {
      this.seenInMemory = Math.max(1, n);
      return this;
    }

    /** Where spilled files go (default: the system's temporary directory). */
    public Builder spillDirectory(@Nullable Path dir) {
      this.spillDirectory = dir;
      return this;
    }

    /** The options. */
    public SyncOptions build() {
      return new SyncOptions(deletedUsers, deleteGroups, maxRemovals, maxRemovalPercent, fullEveryRuns, fullEvery,
          sourceRate, targetRate, maxAttempts, baseBackoff, maxBackoff, breakerFailures, breakerOpenFor, examples,
          memberChunk, seenInMemory, spillDirectory);
    }
  }
}
