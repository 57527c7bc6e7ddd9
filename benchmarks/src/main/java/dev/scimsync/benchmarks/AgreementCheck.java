package dev.scimsync.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prints, for each corpus filter, how many of the generated users each library matches, and
 * flags the filters on which they disagree. Not a test and not part of the build:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.scimsync.benchmarks.AgreementCheck</pre>
 */
public final class AgreementCheck {

  private AgreementCheck() {}

  public static void main(String[] args) {
    List<String> json = UserGenerator.users();
    var ours = Peers.Ours.load(json);
    var spellings = Peers.Ours.spellings(ours);
    var unboundId = Peers.UnboundId.load(json);
    var scimSdk = Peers.ScimSdk.load(json);
    var scimple = Peers.Scimple.load(json);
    System.out.printf("%d users, seed %d%n%n", json.size(), UserGenerator.SEED);
    System.out.printf("| %-16s | %8s | %9s | %9s | %9s | %-8s |%n", "filter", "ours", "UnboundID", "SCIM-SDK",
        "SCIMple", "agree");
    System.out.println("|------------------|---------:|----------:|----------:|----------:|----------|");
    int disagreements = 0;
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, String> e : all().entrySet()) {
      if (e.getKey().equals(FIRST_PROBE)) {
        System.out.println("| *probes*         |          |           |           |           |          |");
      }
      String text = e.getValue();
      String o = run(() -> Peers.Ours.count(Peers.Ours.compile(text), ours), errors, "ours", e.getKey());
      String oneByOne = run(() -> Peers.Ours.countOneByOne(Peers.Ours.compile(text), ours), errors, "ours", e.getKey());
      if (!oneByOne.equals(o)) {
        errors.add(e.getKey() + " / ours: " + o + " in batches but " + oneByOne + " one by one");
      }
      String spelled = run(() -> Peers.Ours.count(Peers.Ours.compileSpelled(text, spellings), ours), errors, "ours", e.getKey());
      if (!spelled.equals(o)) {
        errors.add(e.getKey() + " / ours: " + o + " in batches but " + spelled + " with the users' spellings");
      }
      String u = run(() -> Peers.UnboundId.count(Peers.UnboundId.parse(text), unboundId), errors, "UnboundID", e.getKey());
      String s = run(() -> Peers.ScimSdk.count(Peers.ScimSdk.parse(text), scimSdk), errors, "SCIM-SDK", e.getKey());
      String p = run(() -> Peers.Scimple.count(Peers.Scimple.parse(text), scimple), errors, "SCIMple", e.getKey());
      boolean agree = o.equals(u) && o.equals(s) && o.equals(p);
      if (!agree) {
        disagreements++;
      }
      System.out.printf("| %-16s | %8s | %9s | %9s | %9s | %-8s |%n", e.getKey(), o, u, s, p,
          agree ? "yes" : "**NO**");
    }
    System.out.println();
    for (Map.Entry<String, String> e : all().entrySet()) {
      System.out.printf("%-16s %s%n", e.getKey(), abbreviate(e.getValue()));
    }
    System.out.println();
    String entra = FilterCorpus.entraForm();
    System.out.println("Entra form " + entra);
    System.out.println("  ours:      " + run(() -> Peers.Ours.count(Peers.Ours.compile(entra), ours), errors, "ours", "entra"));
    System.out.println("  UnboundID: " + run(() -> Peers.UnboundId.count(Peers.UnboundId.parse(entra), unboundId), errors, "UnboundID", "entra"));
    System.out.println("  SCIM-SDK:  " + run(() -> Peers.ScimSdk.count(Peers.ScimSdk.parse(entra), scimSdk), errors, "SCIM-SDK", "entra"));
    System.out.println("  SCIMple:   " + run(() -> Peers.Scimple.count(Peers.Scimple.parse(entra), scimple), errors, "SCIMple", "entra"));
    System.out.println();
    disagreements += groupPatchAndListResponses(errors);
    System.out.println();
    errors.forEach(System.out::println);
    System.out.println(disagreements + " disagreement(s)");
    // the SDK's pool threads are non-daemon
    System.exit(0);
  }

  /**
   * The group PATCH of every peer against ours (the checks of {@link GroupPatchBenchmark}'s setup:
   * the same members after add, remove and replace) at each member count, and the ListResponse
   * read and write of every peer (the checks of {@link ListResponseBenchmark}'s setup).
   */
  private static int groupPatchAndListResponses(List<String> errors) {
    int disagreements = 0;
    for (int members : new int[] {100, 1_000, 10_000, 50_000}) {
      GroupPatchBenchmark b = new GroupPatchBenchmark();
      b.members = members;
      disagreements += check("group PATCH, " + members + " members (ours, UnboundID, SCIM-SDK, SCIMple)", b::setup,
          errors);
    }
    disagreements += check("ListResponse of " + ListResponseBenchmark.PAGE + " users (ours, UnboundID, SCIM-SDK, "
        + "SCIMple, hand-written reader)", () -> new ListResponseBenchmark().setup(), errors);
    return disagreements;
  }

  /** A benchmark's setup, which throws when a peer disagrees with ours. */
  private interface Setup {
    void run() throws Exception;
  }

  private static int check(String what, Setup setup, List<String> errors) {
    try {
      setup.run();
      System.out.println(what + ": agree");
      return 0;
    } catch (Exception e) {
      errors.add(what + ": " + e);
      System.out.println(what + ": **NO**");
      return 1;
    }
  }

  private static final String FIRST_PROBE = FilterCorpus.probes().keySet().iterator().next();

  private static Map<String, String> all() {
    Map<String, String> m = new java.util.LinkedHashMap<>(FilterCorpus.filters());
    m.putAll(FilterCorpus.probes());
    return m;
  }

  private static String run(Supplier<Integer> count, List<String> errors, String lib, String filter) {
    try {
      return Integer.toString(count.get());
    } catch (RuntimeException ex) {
      Throwable root = ex;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      errors.add(filter + " / " + lib + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
          + (root != ex ? " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : ""));
      return "error";
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }

}
