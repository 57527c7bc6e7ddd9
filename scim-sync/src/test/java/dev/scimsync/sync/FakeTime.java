package dev.scimsync.sync;

import dev.scimsync.client.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when something sleeps on it; records the sleeps. */
final class FakeTime implements TimeSource {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long nanos;
  final List<Duration> sleeps = new ArrayList<>();

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
    now = now.plus(d);
    nanos += d.toNanos();
  }
}
