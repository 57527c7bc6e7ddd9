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
 * <p>Each library's group is read from the same JSON bytes by its own reader, as a client reads
 * a GET: ours by {@code ScimJson.parseObject(byte[])}, UnboundID's by its {@code JsonUtils} reader.
 *
 * <p>Ours keeps an index of the members' values with a resource patched more than once (the
 * engine keeps it with the resource, and carries it to the result of an add), so each op of
 * {@code oursAdd}/{@code oursRemove}/{@code oursReplace} finds it. The {@code ...Fresh} methods
 * patch a group as freshly read (the client's GET-patch-PUT fallback), which has none: an add
 * scans the members once, a remove or replace by value builds the index in one pass.
 *
 * <p>The other peers, driven as their servers drive them ({@link GroupPatchPeers}), with the
 * operations read from the same JSON: Captain-P-Goldfish's SCIM-SDK ({@code captain*}: its
 * {@code PatchRequestHandler}, in place on its group, add and remove undone in O(1) like
 * UnboundID's, its copy of the old resource included) and Apache SCIMple ({@code scimple*}: its
 * {@code DefaultPatchHandler}, a new group each op). The setup checks that they give our members.
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
    // as the client's GET gives it: read from the bytes by ScimJson (small objects hold their
    // properties in one array), not nodes built by hand
    byte[] groupBytes = ScimJson.writeBytes(g);
    group = dev.scimsync.core.internal.Access.wrap(ScimJson.parseObject(groupBytes));
    JsonNode newMember = ScimJson.parse("[{\"value\":\"user-new\",\"display\":\"New User\"}]");
    String last = "members[value eq \"user-" + (members - 1) + "\"]";
    String middle = "members[value eq \"user-" + (members / 2) + "\"]";
    JsonNode renamed = ScimJson.parse("{\"value\":\"user-" + (members / 2) + "\",\"display\":\"Renamed\"}");
    add = List.of(PatchOperation.add("members", newMember));
    remove = List.of(PatchOperation.remove(last));
    replace = List.of(PatchOperation.replace(middle, renamed));
    addBack = List.of(PatchOperation.add("members", arr.get(members - 1).deepCopy()));

    // Ping's group as its users read it: through its own mapper
    pingNode = (ObjectNode) com.unboundid.scim2.common.utils.JsonUtils.getObjectReader().readTree(groupBytes);
    pingGroup = new GenericScimResource(pingNode);
    pingAdd = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.add("members", newMember));
    pingRemove = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.remove(last));
    pingReplace = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.replace(middle, renamed));
    check();
    setupOtherPeers(g, newMember, last, middle, renamed);
  }

  private GroupPatchPeers.Captain captain;
  private com.fasterxml.jackson.databind.JsonNode captainRemoved;
  private de.captaingoldfish.scim.sdk.common.request.PatchOpRequest captainAdd;
  private de.captaingoldfish.scim.sdk.common.request.PatchOpRequest captainRemove;
  private de.captaingoldfish.scim.sdk.common.request.PatchOpRequest captainReplace;

  private GroupPatchPeers.Scimple scimple;
  private org.apache.directory.scim.spec.resources.ScimGroup scimpleGroup;
  private List<org.apache.directory.scim.spec.patch.PatchOperation> scimpleAdd;
  private List<org.apache.directory.scim.spec.patch.PatchOperation> scimpleRemove;
  private List<org.apache.directory.scim.spec.patch.PatchOperation> scimpleReplace;

  /**
   * Captain's SDK and SCIMple: the same group and the same three operations, read from JSON as
   * their servers read them; each must give our members, and Captain's undo must restore its group.
   */
  private void setupOtherPeers(ObjectNode g, JsonNode newMember, String last, String middle, JsonNode renamed)
      throws ScimException {
    String groupJson = ScimJson.write(g);
    String addOp = "{\"op\":\"add\",\"path\":\"members\",\"value\":" + ScimJson.write(newMember) + "}";
    String removeOp = "{\"op\":\"remove\",\"path\":" + ScimJson.write(tools.jackson.databind.node.StringNode.valueOf(last)) + "}";
    String replaceOp = "{\"op\":\"replace\",\"path\":" + ScimJson.write(tools.jackson.databind.node.StringNode.valueOf(middle))
        + ",\"value\":" + ScimJson.write(renamed) + "}";
    captain = new GroupPatchPeers.Captain(groupJson);
    captainRemoved = captainMembers().get(members - 1);
    captainAdd = GroupPatchPeers.Captain.request(patchRequest(addOp));
    captainRemove = GroupPatchPeers.Captain.request(patchRequest(removeOp));
    captainReplace = GroupPatchPeers.Captain.request(patchRequest(replaceOp));
    scimple = new GroupPatchPeers.Scimple();
    scimpleGroup = scimple.group(groupJson);
    scimpleAdd = scimple.operation(addOp);
    scimpleRemove = scimple.operation(removeOp);
    scimpleReplace = scimple.operation(replaceOp);
    checkOtherPeers();
    setupReplaceDisplay(middle);
  }

  private List<PatchOperation> replaceDisplay;
  private com.unboundid.scim2.common.messages.PatchRequest pingReplaceDisplay;
  private de.captaingoldfish.scim.sdk.common.request.PatchOpRequest captainReplaceDisplay;

  /**
   * {@code replace members[value eq "user-<middle>"].display} with "Renamed", the sub-attribute
   * form: ours, UnboundID and Captain give the same members (Captain's in any order, as for its
   * whole-member replace), idempotent on UnboundID's and Captain's group. Not SCIMple: its Group
   * schema makes {@code members.display} read-only, and its handler refuses the operation with a
   * {@code MutabilityException}.
   */
  private void setupReplaceDisplay(String middle) throws ScimException {
    String path = middle + ".display";
    tools.jackson.databind.node.StringNode renamed = tools.jackson.databind.node.StringNode.valueOf("Renamed");
    replaceDisplay = List.of(PatchOperation.replace(path, renamed));
    pingReplaceDisplay = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.replace(path, renamed));
    String op = "{\"op\":\"replace\",\"path\":" + ScimJson.write(tools.jackson.databind.node.StringNode.valueOf(path))
        + ",\"value\":\"Renamed\"}";
    captainReplaceDisplay = GroupPatchPeers.Captain.request(patchRequest(op));
    List<String> ping = GroupPatchPeers.members(pingOnCopy(pingReplaceDisplay));
    for (int round = 0; round < 2; round++) {
      List<String> mine = GroupPatchPeers.members(oursReplaceDisplay().resource().get("members"));
      same("replace .display", "UnboundID", mine, ping);
      same("replace .display", "Captain's SDK", sorted(mine), sorted(GroupPatchPeers.Captain.members(captainReplaceDisplay())));
    }
    pingReplaceDisplay();
  }

  private static String patchRequest(String op) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + op + "]}";
  }

  /**
   * Each peer gives our members after each operation, twice in a row (a request object reused
   * must not have changed), and Captain's group is back to its members after its add and remove.
   */
  private void checkOtherPeers() {
    List<String> before = GroupPatchPeers.Captain.members(captain.group());
    for (int round = 0; round < 2; round++) {
      List<String> added = GroupPatchPeers.Captain.members(captain.patch(captainAdd));
      captainUndoAdd();
      agree("add", oursAdd(), added, GroupPatchPeers.Scimple.members(scimpleAdd()));
      List<String> removed = GroupPatchPeers.Captain.members(captain.patch(captainRemove));
      captainUndoRemove();
      agree("remove", oursRemove(), removed, GroupPatchPeers.Scimple.members(scimpleRemove()));
      if (!GroupPatchPeers.Captain.members(captain.group()).equals(before)) {
        throw new IllegalStateException("Captain's undo does not restore the group");
      }
      // the benchmark methods themselves, which undo, leave the group as it was
      captainAdd();
      captainRemove();
      if (!GroupPatchPeers.Captain.members(captain.group()).equals(before)) {
        throw new IllegalStateException("Captain's benchmark methods do not restore the group");
      }
    }
    // its replace is idempotent: from here on it changes nothing, as each of ours starts from the same group
    for (int round = 0; round < 2; round++) {
      agree("replace", oursReplace(), GroupPatchPeers.Captain.members(captainReplace()),
          GroupPatchPeers.Scimple.members(scimpleReplace()));
    }
    if (GroupPatchPeers.Scimple.members(scimpleGroup).size() != members) {
      throw new IllegalStateException("SCIMple changed its input group");
    }
  }

  private com.fasterxml.jackson.databind.node.ArrayNode captainMembers() {
    return (com.fasterxml.jackson.databind.node.ArrayNode) captain.group().get("members");
  }

  private void captainUndoAdd() {
    captainMembers().remove(captainMembers().size() - 1);
  }

  /**
   * Puts the member that {@code captainRemove} takes out back at the end. It is held from the
   * setup, not read from the last slot: Captain's replace moves the member it replaces to the end.
   */
  private void captainUndoRemove() {
    captainMembers().add(captainRemoved);
  }

  /**
   * The same members in the same order; for Captain's replace the same members in any order, as
   * its replace of a whole member removes it and appends the new value at the end (ours,
   * UnboundID's and SCIMple's keep its place).
   */
  private static void agree(String what, PatchResult ours, List<String> captain, List<String> scimple) {
    List<String> mine = GroupPatchPeers.members(ours.resource().get("members"));
    boolean anyOrder = what.equals("replace");
    same(what, "Captain's SDK", anyOrder ? sorted(mine) : mine, anyOrder ? sorted(captain) : captain);
    same(what, "SCIMple", mine, scimple);
  }

  private static void same(String what, String peer, List<String> mine, List<String> theirs) {
    if (!mine.equals(theirs)) {
      throw new IllegalStateException(what + ": ours and " + peer + " disagree" + firstDifference(mine, theirs));
    }
  }

  private static List<String> sorted(List<String> l) {
    List<String> s = new java.util.ArrayList<>(l);
    s.sort(null);
    return s;
  }

  private static String firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return " at member " + i + ": " + a.get(i) + " vs " + b.get(i);
      }
    }
    return " in size: " + a.size() + " vs " + b.size();
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
    // compared by value and display: UnboundID reads objects into its case-ignoring nodes, whose
    // equals does not hold with other nodes
    JsonNode mine = ours.resource().get("members");
    if (!GroupPatchPeers.members(ping).equals(GroupPatchPeers.members(mine))) {
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

  /** Captain's add in place on its group (see {@link GroupPatchPeers.Captain}), then undone: O(1). */
  @Benchmark
  public de.captaingoldfish.scim.sdk.common.resources.Group captainAdd() {
    de.captaingoldfish.scim.sdk.common.resources.Group r = captain.patch(captainAdd);
    captainUndoAdd();
    return r;
  }

  /** Captain's remove of the last member in place, then put back at the end: O(1). */
  @Benchmark
  public de.captaingoldfish.scim.sdk.common.resources.Group captainRemove() {
    de.captaingoldfish.scim.sdk.common.resources.Group r = captain.patch(captainRemove);
    captainUndoRemove();
    return r;
  }

  /** Captain's replace in place; idempotent, so nothing to undo. */
  @Benchmark
  public de.captaingoldfish.scim.sdk.common.resources.Group captainReplace() {
    return captain.patch(captainReplace);
  }

  /** SCIMple's add: a new group from its input group (see {@link GroupPatchPeers.Scimple}). */
  @Benchmark
  public org.apache.directory.scim.spec.resources.ScimGroup scimpleAdd() {
    return scimple.patch(scimpleGroup, scimpleAdd);
  }

  /** SCIMple's remove: a new group from its input group. */
  @Benchmark
  public org.apache.directory.scim.spec.resources.ScimGroup scimpleRemove() {
    return scimple.patch(scimpleGroup, scimpleRemove);
  }

  /** SCIMple's replace: a new group from its input group. */
  @Benchmark
  public org.apache.directory.scim.spec.resources.ScimGroup scimpleReplace() {
    return scimple.patch(scimpleGroup, scimpleReplace);
  }

  /** Ours: {@code replace members[value eq "user-<middle>"].display}, a new group. */
  @Benchmark
  public PatchResult oursReplaceDisplay() {
    return groups.apply(group, replaceDisplay);
  }

  /** UnboundID's replace of the display, in place; idempotent. */
  @Benchmark
  public GenericScimResource pingReplaceDisplay() throws ScimException {
    return pingReplaceDisplay.apply(pingGroup);
  }

  /** Captain's replace of the display, in place; idempotent. */
  @Benchmark
  public de.captaingoldfish.scim.sdk.common.resources.Group captainReplaceDisplay() {
    return captain.patch(captainReplaceDisplay);
  }
}
