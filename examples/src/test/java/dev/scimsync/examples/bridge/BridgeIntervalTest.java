package dev.scimsync.examples.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.examples.ExampleServer;
import dev.scimsync.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge's {@code --interval}: runs repeat, a failing run (a failed report or an exception) is
 * followed by the next run, runs never overlap, and a stop ends the wait at once while letting the
 * run in progress finish. Waits are counted rather than slept; the stop tests use latches.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BridgeIntervalTest {

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void runsRepeatAfterFailuresAndNeverOverlap() {
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    List<Duration> pauses = new ArrayList<>();
    int code = Bridge.repeat(() -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        int n = runs.incrementAndGet();
        if (n == 2) {
          throw new IllegalStateException("boom in run 2");
        }
        return n == 3 ? Bridge.FAILED : 0;
      } finally {
        inFlight.decrementAndGet();
      }
    }, Duration.ofMinutes(5), d -> {
      pauses.add(d);
      return pauses.size() == 4;
    }, new Bridge.Stop(), out, err);
    assertThat(runs.get()).isEqualTo(4);
    assertThat(pauses).containsOnly(Duration.ofMinutes(5)).hasSize(4);
    assertThat(maxInFlight.get()).isEqualTo(1);
    assertThat(code).isZero(); // the last run's
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("boom in run 2");
  }

  @Test
  void aStopEndsTheWaitAtOnce() throws Exception {
    Bridge.Stop stop = new Bridge.Stop();
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<Integer> code = new AtomicReference<>();
    Thread loop = new Thread(() -> code.set(Bridge.repeat(runs::incrementAndGet, Duration.ofHours(1), d -> {
      waiting.countDown();
      return stop.await(d);
    }, stop, out, err)));
    loop.start();
    assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
    stop.stop();
    loop.join(TimeUnit.SECONDS.toMillis(30)); // far less than the hour's wait
    assertThat(loop.isAlive()).isFalse();
    assertThat(runs.get()).isEqualTo(1);
    assertThat(code.get()).isEqualTo(1); // once returned its count, 1, as the code
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("stopped");
  }

  @Test
  void aStopDuringARunLetsItFinishAndStartsNoOther() throws Exception {
    Bridge.Stop stop = new Bridge.Stop();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReference<Integer> code = new AtomicReference<>();
    Thread loop = new Thread(() -> code.set(Bridge.repeat(() -> {
      runs.incrementAndGet();
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finished.incrementAndGet();
      return 0;
    }, Duration.ofMillis(1), stop::await, stop, out, err)));
    loop.start();
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    stop.stop();
    assertThat(loop.isAlive()).isTrue(); // the run is not cut short
    release.countDown();
    loop.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(loop.isAlive()).isFalse();
    assertThat(runs.get()).isEqualTo(1);
    assertThat(finished.get()).isEqualTo(1);
    assertThat(code.get()).isZero();
  }

  @Test
  void theBridgeWithAnIntervalSyncsAgainIncrementallyAfterEachPause() throws Exception {
    try (SampleLdapServer ldap = SampleLdapServer.start(0, 5);
        ExampleServer target = ExampleServer.start(ExampleServer.parse(new String[] {"--port", "0", "--token",
            "target-token-0123456789", "--rate-limit", "0"}), ServerOptions.defaults())) {
      Path token = Files.writeString(dir.resolve("token"), "target-token-0123456789");
      List<Duration> pauses = new ArrayList<>();
      int code = Bridge.run(new String[] {"--from", ldap.url(), "--to", target.baseUrl(), "--to-token-file",
          token.toString(), "--state", dir.resolve("state.json").toString(), "--interval", "5m"}, out, err, Map.of(),
          d -> {
            pauses.add(d);
            try {
              ldap.apply("add user" + (10 + pauses.size())); // a change the next run must pick up
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            return pauses.size() == 3;
          }, new Bridge.Stop());
      String printed = outBytes.toString(StandardCharsets.UTF_8);
      assertThat(code).as(printed + errBytes).isZero();
      assertThat(pauses).hasSize(3).containsOnly(Duration.ofMinutes(5));
      assertThat(printed).contains("FULL SUCCESS").contains("stopped");
      assertThat(printed.split("INCREMENTAL SUCCESS", -1)).hasSize(3); // runs 2 and 3
      var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(target.baseUrl() + "/Users?filter=userName%20eq%20%22user12%22"))
          .header("Authorization", "Bearer target-token-0123456789").build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).contains("\"totalResults\":1");
    }
  }
}
