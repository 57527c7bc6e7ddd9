package dev.scimsync.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Ratios between benchmark methods on a busy machine, where JMH's wall-clock times swing with the
 * other processes: runs the methods of one JMH state class in turns (batches of about 20 ms each,
 * round after round, so a change of load hits all of them alike) and reports the median of each
 * method's thread CPU time per operation. Not a replacement for JMH on a quiet machine.
 *
 * <pre>
 * java -cp benchmarks.jar dev.scimsync.benchmarks.CpuTimeRatios GroupPatchBenchmark members=1000 20 oursAdd pingAdd
 * </pre>
 *
 * Arguments: the class (in this package), {@code field=value} for an {@code int} {@code @Param}
 * (or {@code -}), the seconds of CPU time to run (30 % of it warm-up), then the method names.
 */
public final class CpuTimeRatios {

  private CpuTimeRatios() {}

  public static void main(String[] args) throws Exception {
    Class<?> type = Class.forName(CpuTimeRatios.class.getPackageName() + "." + args[0]);
    Object state = type.getConstructor().newInstance();
    if (!args[1].equals("-")) {
      String[] kv = args[1].split("=", 2);
      type.getField(kv[0]).setInt(state, Integer.parseInt(kv[1]));
    }
    type.getMethod("setup").invoke(state);
    long seconds = Long.parseLong(args[2]);
    List<Method> methods = new ArrayList<>();
    for (String m : Arrays.copyOfRange(args, 3, args.length)) {
      methods.add(type.getMethod(m));
    }
    List<Callable<?>> ops = new ArrayList<>();
    for (Method m : methods) {
      ops.add(() -> m.invoke(state));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] medians = medians(ops, seconds, mx::getCurrentThreadCpuTime);
    for (int i = 0; i < methods.size(); i++) {
      System.out.printf("%s %s %s: %.2f us/op CPU (median)%n", args[0], args[1],
          methods.get(i).getName(), medians[i]);
    }
  }

  /**
   * Runs {@code ops} in turns for {@code seconds} of this thread's CPU time (30 % of it warm-up)
   * and returns each one's median CPU time per call in microseconds. An op must not return null,
   * so that its result is used. {@code cpuClock} gives the CPU time in nanoseconds that counts:
   * this thread's, plus that of any thread an op hands its work to.
   */
  static double[] medians(List<Callable<?>> ops, long seconds, LongSupplier cpuClock) throws Exception {
    int n = ops.size();
    long[] batch = new long[n];
    Arrays.fill(batch, 1);
    List<List<Double>> perOp = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perOp.add(new ArrayList<>());
    }
    // counted in this thread's CPU time, not wall time: on a loaded machine a wall-clock warm-up
    // gives the methods too little CPU for the JIT to compile them
    long start = cpuClock.getAsLong();
    long end = start + seconds * 1_000_000_000L;
    long warmEnd = start + seconds * 300_000_000L;
    while (cpuClock.getAsLong() < end) {
      boolean warm = cpuClock.getAsLong() < warmEnd;
      for (int i = 0; i < n; i++) {
        Callable<?> op = ops.get(i);
        long c0 = cpuClock.getAsLong();
        for (long k = 0; k < batch[i]; k++) {
          if (op.call() == null) {
            throw new IllegalStateException("op " + i + " returned null");
          }
        }
        long spent = cpuClock.getAsLong() - c0;
        if (!warm) {
          perOp.get(i).add(spent / 1000.0 / batch[i]);
        }
        if (spent < 20_000_000L) {
          batch[i] = Math.min(batch[i] * 2, 1 << 20);
        }
      }
    }
    double[] medians = new double[n];
    for (int i = 0; i < n; i++) {
      List<Double> v = perOp.get(i);
      v.sort(null);
      medians[i] = v.isEmpty() ? Double.NaN : v.get(v.size() / 2);
    }
    return medians;
  }
}
