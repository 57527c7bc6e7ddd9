package dev.scimsync.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing the whole {@link FilterCorpus} once per operation, filter text to each library's
 * syntax tree. The SCIM-SDK resolves attribute names against its User resource type while
 * parsing; the other two only build a tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FilterParseBenchmark {

  private String[] corpus;

  @Setup
  public void setup() {
    List<String> texts = FilterCorpus.texts();
    corpus = texts.toArray(new String[0]);
    // fail here, not in the measurement, if a library rejects a filter
    for (String t : corpus) {
      Peers.Ours.parse(t);
      Peers.UnboundId.parse(t);
      Peers.ScimSdk.parse(t);
    }
  }

  @Benchmark
  public void ours(Blackhole bh) {
    for (String t : corpus) {
      bh.consume(Peers.Ours.parse(t));
    }
  }

  @Benchmark
  public void unboundId(Blackhole bh) {
    for (String t : corpus) {
      bh.consume(Peers.UnboundId.parse(t));
    }
  }

  @Benchmark
  public void scimSdk(Blackhole bh) {
    for (String t : corpus) {
      bh.consume(Peers.ScimSdk.parse(t));
    }
  }
}
