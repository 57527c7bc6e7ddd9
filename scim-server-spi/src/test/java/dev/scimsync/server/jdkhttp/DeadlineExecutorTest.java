package dev.scimsync.server.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog against a fake clock: who is cut, when, and who is left alone. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeadlineExecutorTest {

  final AtomicLong now = new AtomicLong();
  DeadlineExecutor executor;

  DeadlineExecutor executor(int threads) {
    executor = new DeadlineExecutor(threads, Duration.ofSeconds(10), Duration.ofSeconds(30), now::get);
    return executor;
  }

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.shutdown();
    }
  }

  /** Runs a task that enters {@code phase} and waits until interrupted; returns its latches. */
  static CountDownLatch[] waiting(DeadlineExecutor e, String phase) {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    e.execute(() -> {
      try {
        switch (phase) {
          case "working" -> DeadlineExecutor.working();
          case "writing" -> DeadlineExecutor.writing();
          default -> DeadlineExecutor.reading();
        }
        started.countDown();
        new CountDownLatch(1).await();
      } catch (InterruptedException ex) {
        interrupted.countDown();
      } catch (java.io.IOException ex) {
        throw new IllegalStateException(ex);
      }
    });
    return new CountDownLatch[] {started, interrupted};
  }

  @Test
  void aClientStillSendingAfterTheRequestTimeoutIsCut() throws Exception {
    DeadlineExecutor e = executor(8);
    CountDownLatch[] t = waiting(e, "reading");
    assertThat(t[0].await(10, TimeUnit.SECONDS)).isTrue();
    now.addAndGet(TimeUnit.SECONDS.toNanos(9));
    e.check();
    assertThat(t[1].getCount()).as("within the limit").isEqualTo(1);
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    e.check();
    assertThat(t[1].await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void workOnTheRequestHasNoDeadline() throws Exception {
    DeadlineExecutor e = executor(8);
    CountDownLatch[] t = waiting(e, "working");
    assertThat(t[0].await(10, TimeUnit.SECONDS)).isTrue();
    now.addAndGet(TimeUnit.HOURS.toNanos(1));
    e.check();
    assertThat(t[1].await(200, TimeUnit.MILLISECONDS)).isFalse();
    e.shutdown();
  }

  @Test
  void aClientNotReadingTheResponseIsCutAfterTheResponseTimeout() throws Exception {
    DeadlineExecutor e = executor(8);
    CountDownLatch[] t = waiting(e, "writing");
    assertThat(t[0].await(10, TimeUnit.SECONDS)).isTrue();
    now.addAndGet(TimeUnit.SECONDS.toNanos(29));
    e.check();
    assertThat(t[1].getCount()).isEqualTo(1);
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    e.check();
    assertThat(t[1].await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void whenMostWorkersWaitForClientsSlowSendersAreCutAfterASecond() throws Exception {
    DeadlineExecutor e = executor(4);
    CountDownLatch[][] ts = new CountDownLatch[3][];
    for (int i = 0; i < 3; i++) {
      ts[i] = waiting(e, "reading");
      assertThat(ts[i][0].await(10, TimeUnit.SECONDS)).isTrue();
    }
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
    e.check();
    for (CountDownLatch[] t : ts) {
      assertThat(t[1].await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void withoutPressureASlowSenderKeepsItsFullTime() throws Exception {
    DeadlineExecutor e = executor(8);
    CountDownLatch[] t = waiting(e, "reading");
    assertThat(t[0].await(10, TimeUnit.SECONDS)).isTrue();
    now.addAndGet(TimeUnit.SECONDS.toNanos(5));
    e.check();
    assertThat(t[1].await(200, TimeUnit.MILLISECONDS)).isFalse();
  }
}
