package dev.scimsync.benchmarks;

import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.Tolerance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Group membership PATCH at growing group sizes: one member added and removed again per
 * operation, so the group's size stays {@code members}.
 *
 * <ul>
 *   <li>{@code oursDelegated}: what the server does with a store that takes membership deltas
 *       (the in-memory store, a database): the engine works on the group without its members
 *       and the resulting {@link ValueDelta} is applied to a member map. Its cost should not
 *       depend on the group's size.
 *   <li>{@code oursFull}: the engine on the whole group, as a store without delta support
 *       would need; immutable, so it copies the group.
 *   <li>{@code unboundId}: the UnboundID SCIM 2 SDK's {@code PatchRequest.apply} on the whole
 *       group, changing it in place (no copy).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PatchBenchmark {

  @Param({"100", "1000", "10000", "50000"})
  public int members;

  private PatchEngine groups;
  private ScimResource fullGroup;
  private ScimResource groupWithoutMembers;
  private Map<String, ObjectNode> memberStore;
  private List<PatchOperation> add;
  private List<PatchOperation> remove;
  private GenericScimResource unboundGroup;
  private com.unboundid.scim2.common.messages.PatchRequest unboundAdd;
  private com.unboundid.scim2.common.messages.PatchRequest unboundRemove;

  @Setup
  public void setup() throws ScimException {
    groups = new PatchEngine(SchemaRegistry.standard().resourceSchema("Group"), Tolerance.lenient());
    ObjectNode g = ScimJson.object();
    g.putArray("schemas").add(CoreSchemas.GROUP_URN);
    g.put("id", "g1");
    g.put("displayName", "Engineering");
    groupWithoutMembers = ScimResource.of(g);
    ArrayNode arr = g.putArray("members");
    memberStore = new LinkedHashMap<>();
    for (int i = 0; i < members; i++) {
      ObjectNode m = arr.addObject().put("value", "user-" + i);
      memberStore.put("user-" + i, m.deepCopy());
    }
    fullGroup = ScimResource.of(g);
    JsonNode newMember = ScimJson.parse("[{\"value\":\"user-new\",\"display\":\"New User\"}]");
    add = List.of(PatchOperation.add("members", newMember));
    remove = List.of(PatchOperation.remove("members[value eq \"user-new\"]"));
    unboundGroup = new GenericScimResource(g.deepCopy());
    unboundAdd = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.add("members", newMember));
    unboundRemove = new com.unboundid.scim2.common.messages.PatchRequest(
        com.unboundid.scim2.common.messages.PatchOperation.remove("members[value eq \"user-new\"]"));
  }

  @Benchmark
  public void oursDelegated(Blackhole bh) {
    PatchResult added = groups.applyAsDelta(groupWithoutMembers, add, "members");
    applyDelta(added.changes().delta("members"));
    PatchResult removed = groups.applyAsDelta(groupWithoutMembers, remove, "members");
    applyDelta(removed.changes().delta("members"));
    bh.consume(memberStore.size());
  }

  private void applyDelta(ValueDelta d) {
    if (d.cleared()) {
      memberStore.clear();
    }
    d.removed().forEach(memberStore::remove);
    d.added().forEach(memberStore::put);
  }

  @Benchmark
  public void oursFull(Blackhole bh) {
    PatchResult added = groups.apply(fullGroup, add);
    bh.consume(groups.apply(added.resource(), remove));
  }

  @Benchmark
  public void unboundId(Blackhole bh) throws ScimException {
    unboundAdd.apply(unboundGroup);
    bh.consume(unboundRemove.apply(unboundGroup));
  }
}
