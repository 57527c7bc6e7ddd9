package dev.scimsync.sync;

import dev.scimsync.client.TimeSource;
import dev.scimsync.sync.internal.Guard;
import dev.scimsync.sync.internal.SyncRun;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.source.DirectorySource;
import dev.scimsync.sync.state.InMemorySyncStateStore;
import dev.scimsync.sync.state.SyncStateStore;
import dev.scimsync.sync.target.DirectoryTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one source directory into one target: full runs (list everything, diff, apply
 * creates, PATCH updates of differing attributes, member adds and removes, then removals),
 * incremental runs from the stored checkpoint with a periodic full reconciliation, dry runs and
 * verification. Build one per directory with {@link #builder()} and keep it: it holds the source's
 * circuit breaker and refuses a second concurrent run ({@link Outcome#SKIPPED}).
 *
 * <p>Safety: removals (deactivations and deletes) happen only at the end of a full listing that
 * completed in this run from its first page, or at the end of a change feed read whole, and only
 * when they and the member removals stay within the threshold of {@link SyncOptions}; otherwise the
 * run stops before removing anything and reports what it would have removed. Progress (phase, page position, pending checkpoint) is saved after every page, so
 * a crashed or failed run resumes where it stopped; replayed pages change nothing.
 */
public final class SyncEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private final String directoryId;
  private final DirectorySource source;
  private final DirectoryTarget target;
  private final Mapping mapping;
  private final SyncStateStore states;
  private final SyncOptions options;
  private final List<SyncListener> listeners;
  private final TimeSource time;
  private final Guard sourceGuard;
  private final Guard targetGuard;
  private final ReentrantLock running = new ReentrantLock();

  private SyncEngine(Builder b) {
    this.directoryId = Objects.requireNonNull(b.directoryId, "directoryId");
    this.source = Objects.requireNonNull(b.source, "source");
    this.target = Objects.requireNonNull(b.target, "target");
    this.mapping = b.mapping;
    this.states = b.states;
    this.options = b.options;
    this.listeners = List.copyOf(b.listeners);
    this.time = b.time;
    this.sourceGuard = new Guard("source of " + directoryId, options.sourceRequestsPerSecond(),
        options.maxAttempts(), options.baseBackoff(), options.maxBackoff(), options.breakerFailures(),
        options.breakerOpenFor(), time);
    this.targetGuard = new Guard("target of " + directoryId, options.targetRequestsPerSecond(),
        options.maxAttempts(), options.baseBackoff(), options.maxBackoff(), Integer.MAX_VALUE, Duration.ZERO, time);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The directory this engine syncs. */
  public String directoryId() {
    return directoryId;
  }

  /** When the source's circuit closes again, if it is open. */
  public Optional<Instant> circuitOpenUntil() {
    return Optional.ofNullable(sourceGuard.openUntil());
  }

  /**
   * Runs what is due: resumes an interrupted run; else incremental when the source has a change
   * feed, a checkpoint is stored and no full reconciliation is due; else full.
   */
  public SyncReport run() {
    return execute(null, () -> true);
  }

  /**
   * As {@link #run()}, while {@code mayContinue} answers true: it is asked before every page, and a
   * false stops the run there (outcome FAILED, nothing removed; the next run resumes). The
   * {@link dev.scimsync.sync.schedule.SyncScheduler} passes "the lease is still ours", so that an
   * instance whose lease was taken over stops rather than running beside the new holder.
   */
  public SyncReport run(BooleanSupplier mayContinue) {
    return execute(null, Objects.requireNonNull(mayContinue, "mayContinue"));
  }

  /** A full run, whatever is stored (an interrupted run is resumed first). */
  public SyncReport runFull() {
    return execute(RunKind.FULL, () -> true);
  }

  /** The plan of a full run (counts and examples) without writing to the target. */
  public SyncReport dryRun() {
    return execute(RunKind.DRY_RUN, () -> true);
  }

  /** A read-only comparison of source and target; the report's changes are the drift. */
  public SyncReport verify() {
    return execute(RunKind.VERIFY, () -> true);
  }

  private SyncReport execute(@Nullable RunKind requested, BooleanSupplier mayContinue) {
    Instant start = time.now();
    if (!running.tryLock()) {
      SyncReport r = SyncRun.empty(directoryId, requested == null ? RunKind.INCREMENTAL : requested, Outcome.SKIPPED,
          start, "another run of this directory is in progress");
      publish(r);
      return r;
    }
    try {
      SyncRun run = new SyncRun(directoryId, source, target, mapping, states, options, time, sourceGuard, targetGuard,
          this::fail, this::progress, mayContinue);
      SyncReport r = run.execute(requested);
      publish(r);
      return r;
    } finally {
      running.unlock();
    }
  }

  private void fail(SyncFailure f) {
    LOG.warn("sync {}: {}: {}", f.directoryId(), f.kind(), f.message());
    for (SyncListener l : listeners) {
      try {
        l.onFailure(f);
      } catch (RuntimeException e) {
        LOG.warn("a sync listener failed on a failure event", e);
      }
    }
  }

  private void progress(SyncProgress p) {
    for (SyncListener l : listeners) {
      try {
        l.onProgress(p);
      } catch (RuntimeException e) {
        LOG.warn("a sync listener failed on progress", e);
      }
    }
  }

  private void publish(SyncReport r) {
    if (r.outcome() == Outcome.SUCCESS) {
      LOG.info("sync {}", r.summary());
    } else {
      LOG.warn("sync {}", r.summary());
    }
    for (SyncListener l : listeners) {
      try {
        l.onReport(r);
      } catch (RuntimeException e) {
        LOG.warn("a sync listener failed on a report", e);
      }
    }
  }

  /** Builds a {@link SyncEngine}. */
  public static final class Builder {
    private @Nullable String directoryId;
    private @Nullable DirectorySource source;
    private @Nullable DirectoryTarget target;
    private Mapping mapping = Mapping.identity();
    private SyncStateStore states = new InMemorySyncStateStore();
    private SyncOptions options = SyncOptions.defaults();
    private final List<SyncListener> listeners = new ArrayList<>();
    private TimeSource time = TimeSource.system();

    private Builder() {}

    /** The directory's id (e.g. the tenant), the key of its state and lease. Required. */
    public Builder directoryId(String id) {
      this.directoryId = id;
      return this;
    }

    /** Where users and groups come from. Required. */
    public Builder source(DirectorySource source) {
      this.source = source;
      return this;
    }

    /** Where they go. Required. */
    public Builder target(DirectoryTarget target) {
      this.target = target;
      return this;
    }

    /** How source records become target resources; {@link Mapping#identity()} by default. */
    public Builder mapping(Mapping mapping) {
      this.mapping = Objects.requireNonNull(mapping);
      return this;
    }

    /** Where checkpoints and progress are kept; in memory by default (a restart means a full run). */
    public Builder stateStore(SyncStateStore states) {
      this.states = Objects.requireNonNull(states);
      return this;
    }

    /** Thresholds, rates, retries and reconciliation intervals. */
    public Builder options(SyncOptions options) {
      this.options = Objects.requireNonNull(options);
      return this;
    }

    /** Adds a listener for progress, failures and reports. */
    public Builder listener(SyncListener listener) {
      listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** The clock and sleep for rate limits and backoff; tests pass a fake one. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time);
      return this;
    }

    /** The engine. */
    public SyncEngine build() {
      return new SyncEngine(this);
    }
  }
}
