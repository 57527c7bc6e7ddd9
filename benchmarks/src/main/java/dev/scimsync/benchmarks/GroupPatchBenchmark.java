package dev.scimsync.benchmarks;

import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whole-resource PATCH of a group that holds its members ({@link PatchEngine#apply}, what the
 * client's GET-patch-PUT fallback, the sync engine and stores without membership deltas use), one
 * operation per op, each measured alone:
 *
 * <ul>
 *   <li>{@code add}: {@code add members [{"value":"user-new"}]};
 *   <li>{@code remove}: {@code remove members[value eq "user-<last>"]};
 *   <li>{@code replace}: {@code replace members[value eq "user-<middle>"]} with a value that
 *       changes its {@code display}.
 * </ul>
 *
 * <p>Ours is immutable: each op patches the same input group and returns a new one. UnboundID's
 * {@code PatchRequest.apply} changes its group in place; its add and remove are undone after each
 * op by touching the last array slot only (O(1)), and its replace is idempotent, so its group
 * keeps its size without a copy. {@link #check()} verifies in the setup that both give the same
 * members for each operation.
 *
 * <p>Ours keeps an index of the members' values with a resource patched more than once (the
 * engine keeps it with the resource, and carries it to the result of an add), so each op of
 * {@code oursAdd}/{@code oursRemove}/{@code oursReplace} finds it. The {@code ...Fresh} methods
 * patch a group as freshly read (the client's GET-patch-PUT fallback), which has none: an add
 * scans the members once, a remove or replace by value builds the index in one pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GroupPatchBenchmark {

  @Param({"100", "1000", "10000", "50000"})
  public int members;

  private PatchEngine groups;
  private ScimResource group;
  private List<PatchOperation> add;
  private List<PatchOperation> remove;
  private List<PatchOperation> replace;
  private List<PatchOperation> addBack;

  private ObjectNode pingNode;
  private GenericScimResource pingGroup;
  private com.unboundid.scim2.common.messages.PatchRequest pingAdd;
  private com.unboundid.scim2.common.messages.PatchRequest pingRemove;
  private com.unboundid.scim2.common.messages.PatchRequest pingReplace;

  @Setup
  public void setup() throws ScimException {
    groups = new PatchEngine(SchemaRegistry.standard().resourceSchema("Group"), Tolerance.lenient());
    ObjectNode g = ScimJson.object();
    g.putArray("schemas").add(CoreSchemas.GROUP_URN);
    g.put("id", "g1");
    g.put("displayName", "Engineering");
    ArrayNode arr = g.putArray("members");
    for (int i = 0; i < members; i++) {
      arr.addObject().put("value", "user-" + i).put("display", "User " + i);
    }
    group = ScimResource.of(g);
    JsonNode newMember = ScimJson.parse("[{\"value\":\"user-new\",\"display\":\"New User\"}]");
    String last = "members[value eq \"user-" + (members - 1) + "\"]";
    String middle = "members[value eq \"user-" + (members / 2) + "\"]";
    JsonNode renamed = ScimJson.parse("{\"value\":\"user-" + (members / 2) + "\",\"display\":\"Renamed\"}");
    add = List.of(PatchOperation.add("members", newMember));
    remove = List.of(PatchOperation.remove(last));
    replace = List.of(PatchOperation.replace(middle, renamed));
    addBack = List.of(PatchOperation.add("members", arr.get(members - 1).deepCopy()));

    pingNode = g.deepCopy();
    pingGroup = new GenericScimResource(pingNode);
    pingAdd = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.add("members", newMember));
    pingRemove = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.remove(last));
    pingReplace = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.replace(middle, renamed));
    check();
  }

  /** Both libraries give the same members for each operation, and UnboundID's undo restores its group. */
  private void check() throws ScimException {
    sameMembers("add", oursAdd(), pingOnCopy(pingAdd));
    sameMembers("remove", oursRemove(), pingOnCopy(pingRemove));
    sameMembers("replace", oursReplace(), pingOnCopy(pingReplace));
    ObjectNode before = pingNode.deepCopy();
    pingAdd();
    pingRemove();
    if (!pingNode.equals(before)) {
      throw new IllegalStateException("UnboundID's undo does not restore the group");
    }
    pingReplace(); // from here on its replace changes nothing, as each of ours starts from the same group
  }

  private ArrayNode pingOnCopy(com.unboundid.scim2.common.messages.PatchRequest op) throws ScimException {
    GenericScimResource c = new GenericScimResource(pingNode.deepCopy());
    op.apply(c);
    return (ArrayNode) c.getObjectNode().get("members");
  }

  private static void sameMembers(String what, PatchResult ours, ArrayNode ping) {
    JsonNode mine = ours.resource().get("members");
    if (!ping.equals(mine)) {
      throw new IllegalStateException(what + ": ours and UnboundID disagree");
    }
  }

  @Benchmark
  public PatchResult oursAdd() {
    return groups.apply(group, add);
  }

  @Benchmark
  public PatchResult oursRemove() {
    return groups.apply(group, remove);
  }

  @Benchmark
  public PatchResult oursReplace() {
    return groups.apply(group, replace);
  }

  /**
   * A group as freshly read (the client's GET-patch-PUT fallback patches it once): a new resource
   * over the same nodes, so nothing an earlier PATCH kept with {@link #group} helps. Made through
   * the library's internal accessor (not exported; the benchmarks run on the class path), which
   * costs one small object instead of copying the group.
   */
  private ScimResource fresh() {
    return dev.scimsync.core.internal.Access.wrap(dev.scimsync.core.internal.Access.node(group));
  }

  /** {@link #oursAdd} on a fresh group, which has no index of its members yet. */
  @Benchmark
  public PatchResult oursAddFresh() {
    return groups.apply(fresh(), add);
  }

  /** {@link #oursRemove} on a fresh group. */
  @Benchmark
  public PatchResult oursRemoveFresh() {
    return groups.apply(fresh(), remove);
  }

  /** {@link #oursReplace} on a fresh group. */
  @Benchmark
  public PatchResult oursReplaceFresh() {
    return groups.apply(fresh(), replace);
  }

  /**
   * {@link #oursRemove}, then an add of the removed member to its result: the second PATCH finds
   * the index the first one carried to its result (a store that keeps the resources it patches).
   */
  @Benchmark
  public PatchResult oursRemoveThenAdd() {
    return groups.apply(groups.apply(group, remove).resource(), addBack);
  }

  /** {@link #oursReplace}, then {@link #oursAdd}'s add to its result, which finds the index carried on. */
  @Benchmark
  public PatchResult oursReplaceThenAdd() {
    return groups.apply(groups.apply(group, replace).resource(), add);
  }

  @Benchmark
  public GenericScimResource pingAdd() throws ScimException {
    GenericScimResource r = pingAdd.apply(pingGroup);
    ArrayNode arr = (ArrayNode) pingNode.get("members");
    arr.remove(arr.size() - 1);
    return r;
  }

  @Benchmark
  public GenericScimResource pingRemove() throws ScimException {
    ArrayNode arr = (ArrayNode) pingNode.get("members");
    JsonNode gone = arr.get(arr.size() - 1);
    GenericScimResource r = pingRemove.apply(pingGroup);
    ((ArrayNode) pingNode.get("members")).add(gone);
    return r;
  }

  @Benchmark
  public GenericScimResource pingReplace() throws ScimException {
    return pingReplace.apply(pingGroup);
  }
}
