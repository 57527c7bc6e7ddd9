package dev.scimsync.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A time source whose sleeps only advance the clock and are recorded. */
final class FakeTime implements TimeSource {

  private Instant now = Instant.parse("2026-01-15T10:00:00Z");
  private long nanos = 1_000_000_000L;
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    advance(d);
  }

  synchronized void advance(Duration d) {
    if (!d.isNegative()) {
      now = now.plus(d);
      nanos += d.toNanos();
    }
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
