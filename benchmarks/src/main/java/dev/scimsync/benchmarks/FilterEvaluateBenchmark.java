package dev.scimsync.benchmarks;

import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import dev.scimsync.filter.eval.CompiledFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation counts the users among the {@value UserGenerator#USERS} generated ones that one
 * corpus filter matches. Filters are parsed (ours: parsed and compiled) and users loaded into
 * each library's own node type during setup, so only evaluation is measured. Each fork loads only
 * the library its benchmark method uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class FilterEvaluateBenchmark {

  @Param({"userNameEq", "externalIdEq", "displayNameEq", "emailWorkEq", "userNameSw", "familyNameCo",
      "userNameEw", "titlePrAndType", "lastModifiedGt", "createdRange", "typeAndEmailOr", "typeNeAndNotOr",
      "valuePathOr", "activeFalse", "enterpriseDept", "managerValue", "idOr20"})
  public String filter;

  private CompiledFilter oursFilter;
  private List<JsonNode> oursUsers;
  private dev.scimsync.filter.eval.ResourceTable oursTable;

  private com.unboundid.scim2.common.filters.Filter unboundIdFilter;
  private List<ObjectNode> unboundIdUsers;

  private FilterNode scimSdkFilter;
  private List<User> scimSdkUsers;

  private java.util.function.Predicate<org.apache.directory.scim.spec.resources.ScimResource> scimpleFilter;
  private List<org.apache.directory.scim.spec.resources.ScimUser> scimpleUsers;

  @Setup
  public void setup(BenchmarkParams params) {
    String text = FilterCorpus.get(filter);
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    List<String> json = UserGenerator.users();
    switch (method) {
      case "ours" -> {
        oursFilter = Peers.Ours.compile(text);
        oursUsers = Peers.Ours.load(json);
        Peers.Ours.count(oursFilter, oursUsers);
      }
      case "oursSpelled" -> {
        oursUsers = Peers.Ours.load(json);
        // throws unless every user spells every name as the others: the store's condition
        oursFilter = Peers.Ours.compileSpelled(text, Peers.Ours.spellings(oursUsers));
        Peers.Ours.count(oursFilter, oursUsers);
      }
      case "oursTable" -> {
        oursFilter = Peers.Ours.compile(text);
        oursTable = Peers.Ours.table(Peers.Ours.load(json));
        Peers.Ours.count(oursFilter, oursTable); // makes the columns the filter reads
      }
      case "unboundId" -> {
        unboundIdFilter = Peers.UnboundId.parse(text);
        unboundIdUsers = Peers.UnboundId.load(json);
        Peers.UnboundId.count(unboundIdFilter, unboundIdUsers);
      }
      case "scimSdk" -> {
        scimSdkFilter = Peers.ScimSdk.parse(text);
        scimSdkUsers = Peers.ScimSdk.load(json);
        try {
          Peers.ScimSdk.count(scimSdkFilter, scimSdkUsers);
        } catch (RuntimeException e) {
          // SCIM-SDK 1.30.0 throws a NullPointerException for an extension attribute on a user
          // without the extension (see README); there is nothing to measure
          throw new IllegalStateException("SCIM-SDK cannot evaluate " + filter + ": " + e, e);
        }
      }
      case "scimple" -> {
        scimpleFilter = Peers.Scimple.parse(text);
        scimpleUsers = Peers.Scimple.load(json);
        Peers.Scimple.count(scimpleFilter, scimpleUsers);
      }
      default -> throw new IllegalStateException("unknown benchmark method " + method);
    }
  }

  @Benchmark
  public void ours(Blackhole bh) {
    bh.consume(Peers.Ours.count(oursFilter, oursUsers));
  }

  /**
   * Ours on users whose names are all in one spelling, as the in-memory store filters a batch of
   * such entries ({@code NameSpellings}): no case-insensitive walk for an absent attribute.
   */
  @Benchmark
  public void oursSpelled(Blackhole bh) {
    bh.consume(Peers.Ours.count(oursFilter, oursUsers));
  }

  /**
   * Ours over the users as rows of a {@link dev.scimsync.filter.eval.ResourceTable}, as the
   * in-memory store searches all of a tenant's resources: the filter reads its paths' columns,
   * made in the setup (as the store's first search on a path makes them, and keeps them up to date).
   */
  @Benchmark
  public void oursTable(Blackhole bh) {
    bh.consume(Peers.Ours.count(oursFilter, oursTable));
  }

  @Benchmark
  public void unboundId(Blackhole bh) {
    bh.consume(Peers.UnboundId.count(unboundIdFilter, unboundIdUsers));
  }

  @Benchmark
  public void scimSdk(Blackhole bh) {
    bh.consume(Peers.ScimSdk.count(scimSdkFilter, scimSdkUsers));
  }

  /** Apache SCIMple (see {@link Peers.Scimple}). */
  @Benchmark
  public void scimple(Blackhole bh) {
    bh.consume(Peers.Scimple.count(scimpleFilter, scimpleUsers));
  }
}
