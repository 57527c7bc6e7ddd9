package dev.scimsync.store.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongFunction;

/** A clock for tests: each reading is {@code readings.apply(n)} for the n-th reading (from 0). */
final class TestClock extends Clock {
  private final LongFunction<Instant> readings;
  private long n;

  TestClock(LongFunction<Instant> readings) {
    this.readings = readings;
  }

  @Override
  public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    return readings.apply(n++);
  }
}
