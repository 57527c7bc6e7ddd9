package dev.scimsync.benchmarks;

import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.scimsync.filter.eval.CompiledFilter;
import dev.scimsync.filter.eval.NameSpellings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-filter table of {@link FilterEvaluateBenchmark} on a busy machine: for each corpus
 * filter, ours (in batches, as the in-memory store filters, one user at a time, and in batches
 * compiled with the users' {@link NameSpellings}, as the store filters a batch of entries whose
 * names are all in its tenant's spelling: "ours spelled"; and over the users as rows of a
 * {@link dev.scimsync.filter.eval.ResourceTable}, as the store searches all of a tenant's
 * resources: "ours table", the columns made by the first count), UnboundID,
 * SCIM-SDK and SCIMple count the matches among the same 10,000 users in turns
 * ({@link CpuTimeRatios#medians}), all in one JVM, and the median CPU time per count (of this
 * thread and of the SDK's pool thread, where the SDK filters) is reported with the ratios. A peer whose count differs from ours (see {@link AgreementCheck} for
 * why each such peer deviates from RFC 7644) is shown but left out of the "fastest RFC-correct
 * peer" column; the last two columns divide the time of that peer (the fastest peer when none
 * agrees) by ours spelled and by ours table.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.FilterEvaluationRatios 9 [filter...]
 * </pre>
 *
 * Arguments: the seconds of CPU time per filter (30 % of it warm-up), then optionally the names
 * of the filters to run (default: the whole corpus).
 */
public final class FilterEvaluationRatios {

  private FilterEvaluationRatios() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(args[0]);
    List<String> names = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      names.add(args[i]);
    }
    if (names.isEmpty()) {
      names.addAll(FilterCorpus.filters().keySet());
    }
    List<String> json = UserGenerator.users();
    List<JsonNode> ours = Peers.Ours.load(json);
    // its own copy of the users: run right after another op on the same trees, it would find them
    // in the cache that op left warm. Throws unless every user spells every name as the others do:
    // the condition under which the in-memory store filters with the spellings.
    List<JsonNode> oursSpelled = Peers.Ours.load(json);
    NameSpellings spellings = Peers.Ours.spellings(oursSpelled);
    // and a third copy as rows of a table with columns, as the in-memory store searches them
    var oursTable = Peers.Ours.table(Peers.Ours.load(json));
    List<ObjectNode> ping = Peers.UnboundId.load(json);
    List<User> sdk = Peers.ScimSdk.load(json);
    var scimple = Peers.Scimple.load(json);

    System.out.printf("%d users, %d s CPU per filter, %s%n%n", json.size(), seconds, System.getProperty("java.vm.version"));
    System.out.println("| filter | ours µs | ours one by one µs | ours spelled µs | ours table µs | UnboundID µs | SCIM-SDK µs | SCIMple µs | UnboundID/ours | fastest RFC-correct peer/ours | same/ours spelled | same/ours table |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    double oursTotal = 0;
    double spelledTotal = 0;
    double tableTotal = 0;
    double tableLogSum = 0;
    double spelledLogSum = 0;
    double pingTotal = 0;
    double logSum = 0;
    int logCount = 0;
    for (String name : names) {
      String text = FilterCorpus.get(name);
      CompiledFilter o = Peers.Ours.compile(text);
      com.unboundid.scim2.common.filters.Filter u = Peers.UnboundId.parse(text);
      FilterNode s = Peers.ScimSdk.parse(text);
      CompiledFilter spelled = Peers.Ours.compileSpelled(text, spellings);
      int oCount = Peers.Ours.count(o, ours);
      if (Peers.Ours.countOneByOne(o, ours) != oCount) {
        throw new IllegalStateException(name + ": ours counts differently in batches and one by one");
      }
      if (Peers.Ours.count(spelled, oursSpelled) != oCount) {
        throw new IllegalStateException(name + ": ours counts differently with the users' spellings");
      }
      if (Peers.Ours.count(o, oursTable) != oCount) {
        throw new IllegalStateException(name + ": ours counts differently over the table");
      }
      int uCount = Peers.UnboundId.count(u, ping);
      Integer sCount;
      try {
        sCount = Peers.ScimSdk.count(s, sdk);
      } catch (RuntimeException e) {
        sCount = null; // SCIM-SDK 1.30.0 fails on extension attributes (see README)
      }
      // SCIMple: its in-memory predicate on its own users (it cannot parse some filters)
      java.util.function.Predicate<org.apache.directory.scim.spec.resources.ScimResource> sp;
      Integer pCount;
      try {
        sp = Peers.Scimple.parse(text);
        pCount = Peers.Scimple.count(sp, scimple);
      } catch (RuntimeException e) {
        sp = null;
        pCount = null;
      }
      var scimplePredicate = sp;
      List<Callable<?>> ops = new ArrayList<>();
      ops.add(() -> Peers.Ours.count(o, ours));
      ops.add(() -> Peers.UnboundId.count(u, ping));
      ops.add(() -> Peers.Ours.countOneByOne(o, ours));
      if (sCount != null) {
        ops.add(() -> Peers.ScimSdk.count(s, sdk));
      }
      int scimpleAt = ops.size();
      if (pCount != null) {
        ops.add(() -> Peers.Scimple.count(scimplePredicate, scimple));
      }
      // last: after a peer's trees (or ours one by one, when SCIM-SDK cannot run), and before
      // ours in batches on other trees, so that no op finds its trees warm from the op before
      ops.add(() -> Peers.Ours.count(spelled, oursSpelled));
      int tableAt = ops.size();
      ops.add(() -> Peers.Ours.count(o, oursTable));
      double[] m = CpuTimeRatios.medians(ops, seconds, Peers.ScimSdk::cpuTimeWithPool);
      double sdkTime = sCount != null ? m[3] : Double.NaN;
      double spelledTime = m[tableAt - 1];
      double tableTime = m[tableAt];
      double scimpleTime = pCount != null ? m[scimpleAt] : Double.NaN;
      boolean scimpleAgrees = pCount != null && pCount == oCount;
      boolean pingAgrees = uCount == oCount;
      boolean sdkAgrees = sCount != null && sCount == oCount;
      double best = Double.NaN;
      String bestName = "none";
      if (pingAgrees) {
        best = m[1];
        bestName = "UnboundID";
      }
      if (sdkAgrees && (Double.isNaN(best) || sdkTime < best)) {
        best = sdkTime;
        bestName = "SCIM-SDK";
      }
      if (scimpleAgrees && (Double.isNaN(best) || scimpleTime < best)) {
        best = scimpleTime;
        bestName = "SCIMple";
      }
      oursTotal += m[0];
      spelledTotal += spelledTime;
      tableTotal += tableTime;
      pingTotal += m[1];
      if (!Double.isNaN(best)) {
        logSum += Math.log(best / m[0]);
        spelledLogSum += Math.log(best / spelledTime);
        tableLogSum += Math.log(best / tableTime);
        logCount++;
      }
      double fastestAny = Math.min(m[1], Math.min(Double.isNaN(sdkTime) ? m[1] : sdkTime,
          Double.isNaN(scimpleTime) ? m[1] : scimpleTime));
      double fastest = !Double.isNaN(best) ? best : fastestAny;
      System.out.printf("| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f%s | %s | %s | %.2f | %s | %.2f | %.2f |%n", name, m[0], m[2], spelledTime, tableTime, m[1],
          pingAgrees ? "" : " (" + uCount + " vs " + oCount + ")",
          sCount == null ? "error" : String.format("%,.0f", sdkTime) + (sdkAgrees ? "" : " (" + sCount + " vs " + oCount + ")"),
          pCount == null ? "error" : String.format("%,.0f", scimpleTime) + (scimpleAgrees ? "" : " (" + pCount + " vs " + oCount + ")"),
          m[1] / m[0],
          Double.isNaN(best) ? "– (no peer agrees; fastest peer " + String.format("%.2f", fastestAny / m[0]) + ")"
              : String.format("**%.2f** (%s)", best / m[0], bestName),
          fastest / spelledTime, fastest / tableTime);
    }
    System.out.printf("| **total** | %,.0f | | %,.0f | %,.0f | %,.0f | | | **%.2f** (spelled **%.2f**, table **%.2f**) | geometric mean **%.2f** | geometric mean **%.2f** | geometric mean **%.2f** |%n",
        oursTotal, spelledTotal, tableTotal, pingTotal, pingTotal / oursTotal, pingTotal / spelledTotal, pingTotal / tableTotal,
        Math.exp(logSum / Math.max(1, logCount)), Math.exp(spelledLogSum / Math.max(1, logCount)),
        Math.exp(tableLogSum / Math.max(1, logCount)));
    // the SDK's pool threads are non-daemon
    System.exit(0);
  }
}
