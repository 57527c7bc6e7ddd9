package dev.scimsync.sync.schedule;

import dev.scimsync.sync.Outcome;
import dev.scimsync.sync.RunKind;
import dev.scimsync.sync.SyncEngine;
import dev.scimsync.sync.SyncListener;
import dev.scimsync.sync.SyncReport;
import dev.scimsync.sync.internal.SyncRun;
import dev.scimsync.sync.state.InMemoryLeaseStore;
import dev.scimsync.sync.state.Lease;
import dev.scimsync.sync.state.LeaseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many directories (typically one per tenant), each on its own interval, with a "sync now"
 * trigger. A directory never runs twice at once: not on this instance (a run in progress makes the
 * next wait), and not across instances, because each run first takes the directory's lease from a
 * {@link LeaseStore}; an instance that finds the lease held skips the run (outcome SKIPPED) and
 * tries again at the next interval. Leases are renewed while a run lasts; a crashed instance's lease
 * lapses after its time-to-live.
 */
public final class SyncScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final LeaseStore leases;
  private final String owner;
  private final Duration leaseTtl;
  private final Clock clock;
  private final Executor runner;
  private final ScheduledExecutorService timer;
  private final Duration tick;
  private final List<SyncListener> listeners;
  private final Map<String, Directory> directories = new ConcurrentHashMap<>();
  private @Nullable ScheduledFuture<?> ticking;

  private static final class Directory {
    final SyncEngine engine;
    final Duration interval;
    Instant nextDue;
    boolean running;
    final List<CompletableFuture<SyncReport>> waiting = new ArrayList<>();
    boolean requested;

    Directory(SyncEngine engine, Duration interval, Instant nextDue) {
      this.engine = engine;
      this.interval = interval;
      this.nextDue = nextDue;
    }
  }

  private SyncScheduler(Builder b) {
    this.leases = b.leases;
    this.owner = b.owner;
    this.leaseTtl = b.leaseTtl;
    this.clock = b.clock;
    this.tick = b.tick;
    this.listeners = List.copyOf(b.listeners);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scim-sync-scheduler");
      t.setDaemon(true);
      return t;
    });
    this.runner = b.runner != null ? b.runner : Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "scim-sync-run");
      t.setDaemon(true);
      return t;
    });
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Schedules {@code engine}'s directory every {@code interval}, first run due now. */
  public void register(SyncEngine engine, Duration interval) {
    directories.put(engine.directoryId(), new Directory(engine, interval, clock.instant()));
  }

  /** Stops scheduling a directory (a run in progress finishes). */
  public void unregister(String directoryId) {
    directories.remove(directoryId);
  }

  /** Starts the timer that checks every tick which directories are due. */
  public synchronized void start() {
    if (ticking == null) {
      ticking = timer.scheduleWithFixedDelay(this::runDue, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Runs {@code directoryId} as soon as possible (after the run in progress, if any); the future
   * completes with the report.
   */
  public CompletableFuture<SyncReport> syncNow(String directoryId) {
    Directory d = directories.get(directoryId);
    if (d == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no directory " + directoryId));
    }
    CompletableFuture<SyncReport> f = new CompletableFuture<>();
    synchronized (d) {
      d.waiting.add(f);
      d.requested = true;
    }
    runDue();
    return f;
  }

  /** Starts every directory that is due and not running. Called by the timer; callable directly. */
  public void runDue() {
    Instant now = clock.instant();
    for (Directory d : directories.values()) {
      synchronized (d) {
        if (d.running || !(d.requested || !now.isBefore(d.nextDue))) {
          continue;
        }
        d.running = true;
        d.requested = false;
      }
      try {
        runner.execute(() -> runOne(d));
      } catch (RuntimeException e) {
        synchronized (d) {
          d.running = false;
        }
        LOG.warn("cannot start the sync of {}", d.engine.directoryId(), e);
      }
    }
  }

  private void runOne(Directory d) {
    String id = d.engine.directoryId();
    List<CompletableFuture<SyncReport>> waiting;
    synchronized (d) {
      waiting = new ArrayList<>(d.waiting);
      d.waiting.clear();
    }
    SyncReport report;
    Optional<Lease> lease = Optional.empty();
    ScheduledFuture<?> renewal = null;
    try {
      lease = leases.tryAcquire(id, owner, leaseTtl);
      if (lease.isEmpty()) {
        report = SyncRun.empty(id, RunKind.INCREMENTAL, Outcome.SKIPPED, clock.instant(),
            "another instance holds the lease of this directory");
      } else {
        Lease held = lease.get();
        long every = Math.max(1, leaseTtl.toMillis() / 3);
        AtomicBoolean lost = new AtomicBoolean();
        renewal = timer.scheduleWithFixedDelay(() -> {
          if (!lost.get() && !leases.renew(held, leaseTtl)) {
            lost.set(true);
            LOG.warn("sync {}: the lease was lost while running; the run stops at its next page", id);
          }
        }, every, every, TimeUnit.MILLISECONDS);
        report = d.engine.run(() -> !lost.get());
      }
    } catch (RuntimeException e) {
      LOG.error("sync {} failed", id, e);
      report = SyncRun.empty(id, RunKind.INCREMENTAL, Outcome.FAILED, clock.instant(), String.valueOf(e.getMessage()));
    } finally {
      if (renewal != null) {
        renewal.cancel(false);
      }
      lease.ifPresent(leases::release);
      synchronized (d) {
        d.running = false;
        d.nextDue = clock.instant().plus(d.interval);
      }
    }
    for (SyncListener l : listeners) {
      try {
        l.onReport(report);
      } catch (RuntimeException e) {
        LOG.warn("a sync listener failed on the report of {}", id, e);
      }
    }
    for (CompletableFuture<SyncReport> f : waiting) {
      f.complete(report);
    }
    boolean again;
    synchronized (d) {
      again = d.requested;
    }
    if (again) {
      runDue();
    }
  }

  /** Stops the timer; runs in progress finish. */
  @Override
  public void close() {
    timer.shutdownNow();
    if (runner instanceof java.util.concurrent.ExecutorService es) {
      es.shutdown();
    }
  }

  /** Builds a {@link SyncScheduler}. */
  public static final class Builder {
    private LeaseStore leases = new InMemoryLeaseStore();
    private String owner = UUID.randomUUID().toString();
    private Duration leaseTtl = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor runner;
    private int threads = 2;
    private Duration tick = Duration.ofSeconds(1);
    private final List<SyncListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a listener told of the report of every run the scheduler starts, also of runs that
     * never reached the engine (SKIPPED for a lease held elsewhere, FAILED for an exception).
     */
    public Builder listener(SyncListener listener) {
      listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** Where leases are taken; in memory (one instance) by default. */
    public Builder leaseStore(LeaseStore leases) {
      this.leases = Objects.requireNonNull(leases);
      return this;
    }

    /** This instance's name in leases (default: a random UUID). */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner);
      return this;
    }

    /** How long a lease lasts unless renewed (default 5 minutes; renewed every third of it). */
    public Builder leaseTtl(Duration ttl) {
      this.leaseTtl = Objects.requireNonNull(ttl);
      return this;
    }

    /** The clock deciding what is due. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How many directories sync at once (default 2). */
    public Builder threads(int n) {
      this.threads = Math.max(1, n);
      return this;
    }

    /** Runs syncs on {@code executor} instead of an own pool (tests pass a direct executor). */
    public Builder executor(Executor executor) {
      this.runner = Objects.requireNonNull(executor);
      return this;
    }

    /** How often the timer checks what is due (default 1 second). */
    public Builder tick(Duration tick) {
      this.tick = Objects.requireNonNull(tick);
      return this;
    }

    /** The scheduler; call {@link SyncScheduler#start()} to start its timer. */
    public SyncScheduler build() {
      return new SyncScheduler(this);
    }
  }
}
