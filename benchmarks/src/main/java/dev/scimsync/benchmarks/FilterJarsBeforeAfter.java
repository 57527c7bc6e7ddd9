package dev.scimsync.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Our filter evaluation before and after a change, in one JVM: two builds of {@code
 * benchmarks.jar}, each in its own class loader, count the matches of the same corpus filter
 * among the same 10,000 users in turns ({@link CpuTimeRatios#medians}), so that the load of a
 * shared machine hits both alike. Reports the median CPU time per count and after/before.
 *
 * <pre>
 * java -Xms3g -Xmx3g -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.FilterJarsBeforeAfter before.jar after.jar 4 emailWorkEq ...
 * </pre>
 *
 * Arguments: the two jars, the seconds of CPU time per filter (30 % of it warm-up), the filter
 * names.
 */
public final class FilterJarsBeforeAfter {

  private FilterJarsBeforeAfter() {}

  /** One build: its users and the methods to compile a corpus filter and count with it. */
  private record Build(Object users, Method corpus, Method compile, Method count) {
    static Build load(String jar, List<String> json) throws Exception {
      // the platform loader as parent: nothing of ours is shared between the two builds
      URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> ours = loader.loadClass(Peers.class.getName() + "$Ours");
      Class<?> compiled = loader.loadClass("dev.scimsync.filter.eval.CompiledFilter");
      return new Build(ours.getMethod("load", List.class).invoke(null, json),
          loader.loadClass(FilterCorpus.class.getName()).getMethod("get", String.class),
          ours.getMethod("compile", String.class), ours.getMethod("count", compiled, List.class));
    }

    Callable<Integer> counter(String name) throws Exception {
      Object filter = compile.invoke(null, corpus.invoke(null, name));
      return () -> (Integer) count.invoke(null, filter, users);
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> json = UserGenerator.users();
    Build before = Build.load(args[0], json);
    Build after = Build.load(args[1], json);
    long seconds = Long.parseLong(args[2]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println("| filter | matches | before µs | after µs | after/before |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (int i = 3; i < args.length; i++) {
      Callable<Integer> b = before.counter(args[i]);
      Callable<Integer> a = after.counter(args[i]);
      int n = b.call();
      if (a.call() != n) {
        throw new IllegalStateException(args[i] + ": before and after count differently");
      }
      List<Callable<?>> ops = new ArrayList<>(List.of(b, a));
      double[] m = CpuTimeRatios.medians(ops, seconds, threads::getCurrentThreadCpuTime);
      System.out.printf("| %s | %d | %,.0f | %,.0f | %.2f |%n", args[i], n, m[0], m[1], m[1] / m[0]);
    }
  }
}
