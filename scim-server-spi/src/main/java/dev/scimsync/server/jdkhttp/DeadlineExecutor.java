package dev.scimsync.server.jdkhttp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker pool of a JDK {@code HttpServer} with time limits on the parts of an exchange that
 * wait for the client. The JDK server reads a request's line and headers on a worker thread with
 * no time limit of its own (its {@code sun.net.httpserver.maxReqTime} property is read once per
 * JVM and off by default), so a client that sends one byte and stalls holds a worker for as long
 * as it likes. Here every task starts in the <em>reading</em> phase with a deadline of {@code
 * requestTimeout}; the adapter marks when it reads the body (same deadline), when it works (no
 * deadline: the store's time is not the client's fault) and when it writes the response ({@code
 * responseTimeout}). A watchdog interrupts a thread that is past its deadline while waiting for
 * the client; the JDK server's socket channels are interruptible, so the blocked read or write
 * fails and the connection is closed.
 *
 * <p>Under pressure (three quarters of the workers waiting for clients) the watchdog also cuts
 * clients that have been sending for more than a second: a real client sends its headers in
 * milliseconds, and this keeps a few stalled connections from making everyone else wait for the
 * full request time limit.
 */
final class DeadlineExecutor implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineExecutor.class);

  /** Under pressure, how long a client may take to send its request. */
  static final long PRESSURE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService watchdog;
  private final long requestNanos;
  private final long responseNanos;
  private final int threads;
  private final LongSupplier clock;
  private final Set<Slot> active = ConcurrentHashMap.newKeySet();

  enum Phase { READING, WORKING, WRITING }

  /** What one worker is doing, for the watchdog. */
  static final class Slot {
    private final DeadlineExecutor owner;
    private final Thread thread;
    private final long requestDeadline;
    private Phase phase = Phase.READING;
    private long phaseStart;
    private long deadline;
    private boolean expired;
    private boolean done;

    Slot(DeadlineExecutor owner, Thread thread, long now, long requestNanos) {
      this.owner = owner;
      this.thread = thread;
      this.requestDeadline = now + requestNanos;
      this.phaseStart = now;
      this.deadline = requestDeadline;
    }

    synchronized void reading(long now) throws IOException {
      checkExpired();
      phase = Phase.READING;
      phaseStart = now;
      deadline = requestDeadline;
    }

    synchronized void working() throws IOException {
      checkExpired();
      phase = Phase.WORKING;
    }

    synchronized void writing(long now, long responseNanos) throws IOException {
      checkExpired();
      phase = Phase.WRITING;
      phaseStart = now;
      deadline = now + responseNanos;
    }

    private void checkExpired() throws IOException {
      if (expired) {
        throw new InterruptedIOException("the client took too long");
      }
    }

    synchronized boolean expireIfLate(long now, boolean pressure) {
      if (done || expired || phase == Phase.WORKING) {
        return false;
      }
      boolean late = now - deadline > 0 || (pressure && phase == Phase.READING && now - phaseStart > PRESSURE_NANOS);
      if (late) {
        expired = true;
        thread.interrupt();
      }
      return late;
    }

    synchronized boolean waitingForClient() {
      return phase != Phase.WORKING;
    }
  }

  DeadlineExecutor(int threads, Duration requestTimeout, Duration responseTimeout, LongSupplier clock) {
    this.threads = threads;
    this.requestNanos = requestTimeout.toNanos();
    this.responseNanos = responseTimeout.toNanos();
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(64 * threads), r -> {
          Thread t = new Thread(r, "scim-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, (r, executor) -> {
          LOG.warn("all {} SCIM worker threads are busy and the queue is full; refusing a connection", threads);
          throw new RejectedExecutionException("SCIM server overloaded");
        });
    pool.allowCoreThreadTimeOut(true);
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scim-http-watchdog");
      t.setDaemon(true);
      return t;
    });
    watchdog.scheduleWithFixedDelay(this::check, 200, 200, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(() -> {
      Slot slot = new Slot(this, Thread.currentThread(), clock.getAsLong(), requestNanos);
      CURRENT.set(slot);
      active.add(slot);
      try {
        task.run();
      } finally {
        synchronized (slot) {
          slot.done = true;
          active.remove(slot);
          CURRENT.remove();
          // an interrupt meant for this exchange must not reach the next one
          Thread.interrupted();
        }
      }
    });
  }

  /** Marks the current worker as reading the request body (under the request deadline). */
  static void reading() throws IOException {
    Slot s = CURRENT.get();
    if (s != null) {
      s.reading(s.owner.clock.getAsLong());
    }
  }

  /** Marks the current worker as working on the request (no deadline). */
  static void working() throws IOException {
    Slot s = CURRENT.get();
    if (s != null) {
      s.working();
    }
  }

  /** Marks the current worker as sending the response (under the response deadline). */
  static void writing() throws IOException {
    Slot s = CURRENT.get();
    if (s != null) {
      s.writing(s.owner.clock.getAsLong(), s.owner.responseNanos);
    }
  }

  /** One watchdog round; visible for tests. */
  void check() {
    try {
      long now = clock.getAsLong();
      int waiting = 0;
      for (Slot s : active) {
        if (s.waitingForClient()) {
          waiting++;
        }
      }
      boolean pressure = waiting * 4 >= threads * 3;
      int cut = 0;
      for (Slot s : active) {
        if (s.expireIfLate(now, pressure)) {
          cut++;
        }
      }
      if (cut > 0) {
        LOG.debug("closed {} connection(s) whose client was too slow{}", cut, pressure ? " (all workers busy)" : "");
      }
    } catch (RuntimeException e) {
      LOG.warn("SCIM connection watchdog failed: {}", e.toString());
    }
  }

  /** Stops the workers and the watchdog. */
  void shutdown() {
    watchdog.shutdownNow();
    pool.shutdown();
  }

  /** The threads of the pool. */
  int threads() {
    return threads;
  }
}
