package dev.scimsync.benchmarks;

import dev.scimsync.filter.eval.CompiledFilter;
import dev.scimsync.filter.eval.NameSpellings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import tools.jackson.databind.JsonNode;

/**
 * Ours with and without the users' {@link NameSpellings} (as the in-memory store filters a batch
 * of entries whose names are all in its tenant's spelling, and any other batch), on two copies of
 * the same 10,000 users: each mode counts on both copies, in the order general on A, spelled on
 * B, general on B, spelled on A, so that neither mode always follows the other on its own trees
 * (which it would find warm in the cache) nor always runs on the same copy (whose place in memory
 * differs). Reports each mode's median CPU time per count, the mean of its two copies, and
 * spelled/general.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.FilterSpelledRatios 4 [filter...]
 * </pre>
 *
 * Arguments: the seconds of CPU time per filter (30 % of it warm-up), then optionally the names
 * of the filters to run (default: the whole corpus).
 */
public final class FilterSpelledRatios {

  private FilterSpelledRatios() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(args[0]);
    List<String> names = new ArrayList<>(List.of(args).subList(1, args.length));
    if (names.isEmpty()) {
      names.addAll(FilterCorpus.filters().keySet());
    }
    List<String> json = UserGenerator.users();
    List<JsonNode> a = Peers.Ours.load(json);
    List<JsonNode> b = Peers.Ours.load(json);
    // throws unless every user spells every name as the others do
    NameSpellings spellings = Peers.Ours.spellings(a);
    if (!spellings.admit(b.get(0))) {
      throw new IllegalStateException("the second copy is spelled otherwise");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println("| filter | matches | general µs | spelled µs | spelled/general |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (String name : names) {
      String text = FilterCorpus.get(name);
      CompiledFilter general = Peers.Ours.compile(text);
      CompiledFilter spelled = Peers.Ours.compileSpelled(text, spellings);
      int n = general.count(a);
      if (spelled.count(a) != n || spelled.count(b) != n || general.count(b) != n) {
        throw new IllegalStateException(name + ": the modes count differently");
      }
      List<Callable<?>> ops = List.of(() -> general.count(a), () -> spelled.count(b), () -> general.count(b),
          () -> spelled.count(a));
      double[] m = CpuTimeRatios.medians(ops, seconds, threads::getCurrentThreadCpuTime);
      double g = (m[0] + m[2]) / 2;
      double s = (m[1] + m[3]) / 2;
      System.out.printf("| %s | %d | %,.0f | %,.0f | %.2f |%n", name, n, g, s, s / g);
    }
  }
}
