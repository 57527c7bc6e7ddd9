package dev.scimsync.events;

import dev.scimsync.server.event.ProvisioningListener;
import dev.scimsync.server.event.outbox.Delivery;
import dev.scimsync.server.event.outbox.DeliveryLedger;
import dev.scimsync.server.event.outbox.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the events recorded in an outbox to the endpoints that subscribe to them, at least
 * once, surviving crashes and restarts: all state is in the {@link DeliveryLedger} (the JDBC
 * outbox's tables, or the in-memory store's file outbox).
 *
 * <p>Each round ({@link #runOnce()}) claims new entries and fans each out to the endpoints whose
 * {@link Subscription} matches it, then claims the deliveries that are due and hands each to its
 * endpoint's {@link EventTransport}. Claims are leases, so several replicas can run engines on
 * one database: a delivery is attempted by one replica at a time, and taken over by another if
 * its replica dies. A failed attempt is retried by the {@link RetryPolicy} (honouring {@code
 * Retry-After}); a permanent failure, or a retryable one past the policy's horizon, goes to the
 * dead-letter list ({@link #deadLetters}). {@link #replay(String)} and {@link #replay(Instant,
 * Instant)} deliver events again, e.g. after a receiver lost data.
 *
 * <p>Ordering: within a round the deliveries of one resource (one {@code ordering_key}) to one
 * endpoint are attempted in sequence order, one at a time; across retries and replicas order is
 * not guaranteed, so every payload carries {@code ordering_key}, {@code sequence} and {@code
 * occurred_at} for receivers to drop stale events, and the event id for them to drop duplicates.
 *
 * <p>{@link #start()} runs rounds on a background thread, waking every {@code pollInterval} or at
 * once when {@link #listener()} (a {@code ScimServer} listener) reports a committed write. With a
 * {@link Builder#retention retention}, the thread also deletes, every {@link #PRUNE_EVERY}, the
 * entries delivered everywhere that are older ({@link #prune()}); without one, every entry is kept
 * for replay.
 */
public final class DeliveryEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);

  /** How often the background thread prunes, when a retention is set. */
  public static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

  private final DeliveryLedger ledger;
  private final Map<String, Endpoint> endpoints;
  private final RetryPolicy retry;
  private final Clock clock;
  private final String owner;
  private final Duration pollInterval;
  private final Duration lease;
  private final int batchSize;
  private final @Nullable Duration retention;
  private Instant nextPrune = Instant.MIN;
  private final DoubleSupplier random;
  private final ExecutorService workers;
  private final Object wakeLock = new Object();
  private boolean woken;
  private volatile boolean running;
  private @Nullable Thread loop;

  private DeliveryEngine(Builder b) {
    this.ledger = b.ledger;
    this.endpoints = Map.copyOf(b.endpoints);
    this.retry = b.retry;
    this.clock = b.clock;
    this.owner = b.owner;
    this.pollInterval = b.pollInterval;
    this.lease = b.lease;
    this.batchSize = b.batchSize;
    this.retention = b.retention;
    this.random = b.random;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(b.workers, r -> {
      Thread t = new Thread(r, "scimsync-delivery-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A builder for an engine reading {@code ledger}. */
  public static Builder builder(DeliveryLedger ledger) {
    return new Builder(ledger);
  }

  /** The name under which this engine claims work. */
  public String owner() {
    return owner;
  }

  /**
   * One round: fans out new entries, then attempts every due delivery it can claim (up to the
   * batch size each).
   *
   * @return the number of delivery attempts made
   */
  public int runOnce() {
    fanOutNew();
    Instant now = clock.instant();
    List<Delivery> due = ledger.claimDue(owner, now, now.plus(lease), batchSize);
    if (due.isEmpty()) {
      return 0;
    }
    // one task per endpoint and resource: those go in sequence order, the rest in parallel
    Map<String, List<Delivery>> chains = new LinkedHashMap<>();
    for (Delivery d : due) {
      chains.computeIfAbsent(d.endpointId() + "\n" + d.entry().orderingKey(), k -> new ArrayList<>()).add(d);
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (List<Delivery> chain : chains.values()) {
      tasks.add(() -> {
        chain.forEach(this::attempt);
        return null;
      });
    }
    try {
      for (Future<Void> f : workers.invokeAll(tasks)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warn("a delivery task failed: {}", String.valueOf(e.getCause()));
    }
    return due.size();
  }

  private void fanOutNew() {
    for (; ; ) {
      Instant now = clock.instant();
      List<OutboxEntry> fresh = ledger.claimNew(owner, now, now.plus(lease), batchSize);
      for (OutboxEntry e : fresh) {
        List<String> to = new ArrayList<>();
        for (Endpoint ep : endpoints.values()) {
          if (ep.subscription().matches(e)) {
            to.add(ep.id());
          }
        }
        ledger.fanOut(owner, e.sequence(), to, now);
      }
      if (fresh.size() < batchSize) {
        return;
      }
    }
  }

  private void attempt(Delivery d) {
    Endpoint ep = endpoints.get(d.endpointId());
    Instant now = clock.instant();
    if (ep == null) {
      // an endpoint removed from the configuration: keep its deliveries for when it comes back
      ledger.record(owner, d, Delivery.State.PENDING, now.plus(retry.maxDelay()), "no such endpoint configured", now);
      return;
    }
    DeliveryOutcome outcome;
    try {
      outcome = ep.transport().deliver(d.entry());
    } catch (RuntimeException e) {
      outcome = DeliveryOutcome.retryable(e.toString(), null);
    }
    now = clock.instant();
    if (outcome instanceof DeliveryOutcome.Delivered) {
      ledger.record(owner, d, Delivery.State.DELIVERED, now, null, now);
    } else if (outcome instanceof DeliveryOutcome.Permanent p) {
      LOG.warn("event {} to {}: permanent failure, dead-lettered: {}", d.entry().eventId(), ep.id(), p.reason());
      ledger.record(owner, d, Delivery.State.DEAD, now, p.reason(), now);
    } else if (outcome instanceof DeliveryOutcome.Retryable r) {
      Instant next = retry.next(d.attempts() + 1, d.scheduledAt(), now, r.retryAfter(), random);
      if (next == null) {
        LOG.warn("event {} to {}: retry horizon passed after {} attempts, dead-lettered: {}", d.entry().eventId(),
            ep.id(), d.attempts() + 1, r.reason());
        ledger.record(owner, d, Delivery.State.DEAD, now, r.reason(), now);
      } else {
        LOG.debug("event {} to {}: attempt {} failed, next at {}: {}", d.entry().eventId(), ep.id(),
            d.attempts() + 1, next, r.reason());
        ledger.record(owner, d, Delivery.State.PENDING, next, r.reason(), now);
      }
    }
  }

  /**
   * Delivers the event {@code eventId} again to every endpoint subscribed to it, as a new delivery
   * (the same event id, so receivers can recognise it); also revives dead letters.
   *
   * @return the number of deliveries scheduled (0 for an unknown id)
   */
  public int replay(String eventId) {
    return ledger.entry(eventId).map(this::schedule).orElse(0);
  }

  /**
   * Delivers again every event that occurred in {@code [from, to)} to the endpoints subscribed to
   * it.
   *
   * @return the number of deliveries scheduled
   */
  public int replay(Instant from, Instant to) {
    int n = 0;
    Instant cursor = from;
    for (; ; ) {
      List<OutboxEntry> page = ledger.entries(cursor, to, batchSize);
      for (OutboxEntry e : page) {
        n += schedule(e);
      }
      if (page.size() < batchSize) {
        return n;
      }
      Instant last = page.get(page.size() - 1).occurredAt();
      // entries sharing the last instant are scheduled again: harmless, replay is at least once
      cursor = last.equals(cursor) ? last.plusNanos(1) : last;
    }
  }

  private int schedule(OutboxEntry e) {
    int n = 0;
    for (Endpoint ep : endpoints.values()) {
      if (ep.subscription().matches(e)) {
        ledger.schedule(e.sequence(), ep.id(), clock.instant());
        n++;
      }
    }
    wake();
    return n;
  }

  /** The dead-lettered deliveries, oldest first, at most {@code max}. */
  public List<Delivery> deadLetters(int max) {
    return ledger.deadLetters(max);
  }

  /** The deliveries of event {@code eventId}, one per endpoint. */
  public List<Delivery> deliveries(String eventId) {
    return ledger.deliveries(eventId);
  }

  /**
   * A listener for {@code ScimServer.Builder.listener} that starts a round as soon as a write
   * commits, instead of at the next poll.
   */
  public ProvisioningListener listener() {
    return e -> wake();
  }

  /** Starts a round now (when started). */
  public void wake() {
    synchronized (wakeLock) {
      woken = true;
      wakeLock.notifyAll();
    }
  }

  /**
   * Deletes the entries delivered to every endpoint (none pending, none dead) that occurred more
   * than the retention ago, in batches of the batch size, each its own transaction; nothing
   * without a retention.
   *
   * @return how many entries were deleted
   */
  public int prune() {
    Duration keep = retention;
    if (keep == null) {
      return 0;
    }
    Instant before = clock.instant().minus(keep);
    int total = 0;
    for (int n = batchSize; n == batchSize; ) {
      n = ledger.prune(before, batchSize);
      total += n;
    }
    return total;
  }

  private void pruneWhenDue() {
    Instant now = clock.instant();
    if (retention == null || now.isBefore(nextPrune)) {
      return;
    }
    nextPrune = now.plus(PRUNE_EVERY);
    try {
      int n = prune();
      if (n > 0) {
        LOG.info("pruned {} delivered outbox entries older than {}", n, retention);
      }
    } catch (RuntimeException e) {
      LOG.warn("pruning the outbox failed: {}", e.toString());
    }
  }

  /** Runs rounds on a background thread until {@link #close()}. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread t = new Thread(this::loop, "scimsync-delivery-engine");
    t.setDaemon(true);
    loop = t;
    t.start();
  }

  private void loop() {
    while (running) {
      pruneWhenDue();
      int n = 0;
      try {
        n = runOnce();
      } catch (RuntimeException e) {
        LOG.warn("delivery round failed: {}", e.toString());
      }
      if (n == 0) {
        synchronized (wakeLock) {
          if (!woken && running) {
            try {
              wakeLock.wait(Math.max(1, pollInterval.toMillis()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          woken = false;
        }
      }
    }
  }

  /** Stops the background thread and the workers; claims held expire with their leases. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = loop;
      loop = null;
    }
    wake();
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    workers.shutdownNow();
  }

  /** Builds a {@link DeliveryEngine}. */
  public static final class Builder {
    private final DeliveryLedger ledger;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private RetryPolicy retry = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private String owner = "engine-" + UUID.randomUUID();
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration lease = Duration.ofMinutes(1);
    private int batchSize = 100;
    private @Nullable Duration retention;
    private int workers = 4;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder(DeliveryLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** Adds an endpoint; ids must be unique. */
    public Builder endpoint(Endpoint endpoint) {
      if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
        throw new IllegalArgumentException("two endpoints with id " + endpoint.id());
      }
      return this;
    }

    /** The retry policy; {@link RetryPolicy#defaults()} by default. */
    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** The clock of leases and retries; the UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The name under which claims are taken, unique per replica; a random one by default. */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /** How often the background thread looks for work when not woken; 1 s by default. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      return this;
    }

    /**
     * How long a claim lasts; longer than the slowest attempt of a round (transport timeouts
     * times the deliveries of one resource in a batch); 1 min by default.
     */
    public Builder lease(Duration lease) {
      this.lease = Objects.requireNonNull(lease, "lease");
      return this;
    }

    /** Entries and deliveries claimed per round; 100 by default. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be positive");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** Attempts made in parallel; 4 by default. */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be positive");
      }
      this.workers = workers;
      return this;
    }

    /** The jitter's source of numbers in {@code [0, 1)}; for tests. */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Deletes entries delivered to every endpoint once they are older than {@code retention}
     * ({@link DeliveryEngine#prune()}); by default none is deleted. Replay by id or time range
     * finds only what is kept.
     */
    public Builder retention(Duration retention) {
      if (retention.isNegative()) {
        throw new IllegalArgumentException("retention must not be negative");
      }
      this.retention = retention;
      return this;
    }

    /** The engine; call {@link DeliveryEngine#start()} or {@link DeliveryEngine#runOnce()}. */
    public DeliveryEngine build() {
      return new DeliveryEngine(this);
    }
  }
}
