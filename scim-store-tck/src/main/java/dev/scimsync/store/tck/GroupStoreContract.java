package dev.scimsync.store.tck;

import dev.scimsync.core.message.SortOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.Filter;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.GroupStore.Membership;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The contract of a {@link GroupStore}: everything in {@link ResourceStoreContract} with {@code
 * displayName} as the unique name, plus membership: {@code members} deltas applied
 * without losing concurrent updates and reporting only real changes, {@code omit=members}, {@link
 * GroupStore#groupsOf}, {@link GroupStore#removeFromAllGroups}, and a 50,000-member group. Extend
 * it in your tests and implement {@link #newGroupStore()}.
 *
 * <p>Member values are the ids {@link #memberId(int)} gives; override it when your store checks
 * that members exist (create the users there). A store whose {@link
 * GroupStore#deltaAttribute()} is null skips the delta tests.
 */
// The kit's assertions dereference ids and versions of resources the test itself created: a null
// there is already a failing test, so NullAway's checks would only add noise. The protected API
// below is annotated for store authors.
@SuppressWarnings("NullAway")
public abstract class GroupStoreContract extends ResourceStoreContract {

  /** The RFC 7643 Group schema. */
  protected static final ResourceSchema GROUP = SchemaRegistry.standard().resourceSchema("Group");
  private static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

  /** A new, empty store. */
  protected abstract GroupStore newGroupStore();

  /**
   * Whether {@code get} and {@code search} leave {@code members} out when {@code omit} names it.
   * The SPI allows a store to return them anyway; override to return false if yours does.
   */
  protected boolean honorsOmitMembers() {
    return true;
  }

  /** The id of member {@code i} (0 ≤ i &lt; 60,000); by default a fixed UUID-shaped text. */
  protected String memberId(int i) {
    return String.format("00000000-0000-4000-8000-%012d", i);
  }

  @Override
  final ResourceStore createStore() {
    return newGroupStore();
  }

  @Override
  ResourceSchema schema() {
    return GROUP;
  }

  @Override
  final String nameAttribute() {
    return "displayName";
  }

  @Override
  ScimResource sample(String name) {
    return group(name);
  }

  private GroupStore groups() {
    return (GroupStore) store;
  }

  /** A normalised group called {@code name} with members {@code memberId(i)} for each i. */
  protected ScimResource group(String name, int... members) {
    ObjectNode json = ScimJson.object();
    json.putArray("schemas").add(GROUP_URN);
    json.put("displayName", name);
    if (members.length > 0) {
      ArrayNode arr = json.putArray("members");
      for (int m : members) {
        arr.addObject().put("value", memberId(m)).put("type", "User");
      }
    }
    return normalised(ScimJson.write(json));
  }

  /** The member values of group {@code id} as stored, in order. */
  protected List<String> members(StoreContext ctx, String id) {
    List<String> out = new ArrayList<>();
    JsonNode arr = current(ctx, id).get("members");
    if (arr != null) {
      arr.forEach(m -> out.add(m.get("value").stringValue()));
    }
    return out;
  }

  private List<String> memberIds(int... members) {
    List<String> out = new ArrayList<>();
    for (int m : members) {
      out.add(memberId(m));
    }
    return out;
  }

  private boolean membersAsDelta() {
    return "members".equalsIgnoreCase(store.deltaAttribute());
  }

  /**
   * A PATCH of members as the server sends it: applied as a delta when the store applies {@code members} as a delta
   * (the group loaded without them, the delta left to the store), else on the whole group.
   */
  protected UpdateResult patchMembers(StoreContext ctx, String id, @Nullable String expectedVersion, PatchOperation... operations) {
    List<PatchOperation> ops = List.of(operations);
    if (!membersAsDelta()) {
      return store.update(ctx, id, engine().apply(current(ctx, id), ops), null, expectedVersion);
    }
    ScimResource without = present(store.get(ctx, id, Set.of("members")), "group " + id).with("members", null);
    PatchResult r = engine().applyAsDelta(without, ops, "members");
    return store.update(ctx, id, r, "members", expectedVersion);
  }

  private ArrayNode values(int... members) {
    ArrayNode arr = ScimJson.array();
    for (int m : members) {
      arr.addObject().put("value", memberId(m));
    }
    return arr;
  }

  private PatchOperation add(int... members) {
    return PatchOperation.add("members", values(members));
  }

  private PatchOperation removeOne(int member) {
    return PatchOperation.remove("members[value eq \"" + memberId(member) + "\"]");
  }

  // ---- membership ---------------------------------------------------------------------------

  @Test
  void membersAreStoredAsGivenInAnyOrder() {
    // RFC 7643 §2.4: multi-valued attributes are unordered; a store may keep its own order
    ScimResource g = groups().create(A, group("Sales", 3, 1, 2));

    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(3, 1, 2));
    assertThat(g.get("members")).hasSize(3);
    assertThat(members(A, g.id())).as("the same order on every read").isEqualTo(members(A, g.id()));
  }

  @Test
  void deltaAddsAndRemovesMembers() {
    ScimResource g = groups().create(A, group("Sales", 1, 2, 3));

    UpdateResult added = patchMembers(A, g.id(), null, add(4, 5));
    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(1, 2, 3, 4, 5));
    assertThat(added.resource().version()).isNotEqualTo(g.version()).isEqualTo(current(A, g.id()).version());

    patchMembers(A, g.id(), null, removeOne(2));
    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(1, 3, 4, 5));

    patchMembers(A, g.id(), null, PatchOperation.remove("members", values(1, 5, 9)));
    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(3, 4));
  }

  @Test
  void reAddingAMemberKeepsTheVersion() {
    ScimResource g = groups().create(A, group("Sales", 1, 2));
    UpdateResult same = patchMembers(A, g.id(), g.version(), add(2));
    assertThat(same.resource().version()).isEqualTo(g.version());
    assertThat(current(A, g.id()).version()).isEqualTo(g.version());
  }

  @Test
  void deltaReportsOnlyRealChanges() {
    assumeTrue(membersAsDelta(), "the store does not apply members as a delta");
    ScimResource g = groups().create(A, group("Sales", 1, 2, 3));

    ValueDelta addNewAndPresent = patchMembers(A, g.id(), null, add(1, 4)).applied().get("members");
    assertThat(addNewAndPresent.added().keySet()).containsExactly(memberId(4));
    assertThat(addNewAndPresent.removed()).isEmpty();

    ValueDelta addPresent = patchMembers(A, g.id(), null, add(2)).applied().get("members");
    assertThat(addPresent.added()).isEmpty();
    assertThat(addPresent.removed()).isEmpty();

    ValueDelta removePresentAndAbsent = patchMembers(A, g.id(), null, PatchOperation.remove("members", values(3, 9)))
        .applied().get("members");
    assertThat(removePresentAndAbsent.removed()).containsExactly(memberId(3));
    assertThat(removePresentAndAbsent.added()).isEmpty();

    ValueDelta removeAbsent = patchMembers(A, g.id(), null, removeOne(8)).applied().get("members");
    assertThat(removeAbsent.added()).isEmpty();
    assertThat(removeAbsent.removed()).isEmpty();

    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(1, 2, 4));
  }

  @Test
  void clearingDeltaReportsTheNetChange() {
    assumeTrue(membersAsDelta(), "the store does not apply members as a delta");
    ScimResource g = groups().create(A, group("Sales", 1, 2, 3));

    // replace members with [1, 5]: cleared, then 1 and 5 added
    UpdateResult r = patchMembers(A, g.id(), null, PatchOperation.replace("members", values(1, 5)));
    ValueDelta applied = r.applied().get("members");

    assertThat(applied.added().keySet()).containsExactly(memberId(5));
    assertThat(applied.removed()).containsExactlyInAnyOrder(memberId(2), memberId(3));
    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(1, 5));

    ValueDelta emptied = patchMembers(A, g.id(), null, PatchOperation.remove("members")).applied().get("members");
    assertThat(emptied.removed()).containsExactlyInAnyOrder(memberId(1), memberId(5));
    assertThat(emptied.added()).isEmpty();
    assertThat(members(A, g.id())).isEmpty();
  }

  @Test
  void addingAPresentMemberMergesItsAttributes() {
    ScimResource g = groups().create(A, group("Sales", 1));
    ArrayNode withDisplay = ScimJson.array();
    withDisplay.addObject().put("value", memberId(1)).put("display", "One");

    patchMembers(A, g.id(), null, PatchOperation.add("members", withDisplay));

    JsonNode members = current(A, g.id()).get("members");
    assertThat(members).hasSize(1);
    assertThat(members.get(0).get("display").stringValue()).isEqualTo("One");
  }

  @Test
  void deltaUpdateAlsoWritesTheOtherAttributes() {
    ScimResource g = groups().create(A, group("Sales", 1));

    patchMembers(A, g.id(), null, PatchOperation.replace("displayName", StringNode.valueOf("Sales EMEA")), add(2));

    ScimResource now = current(A, g.id());
    assertThat(now.text("displayName")).isEqualTo("Sales EMEA");
    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(1, 2));
    assertThat(all(A, Filter.eq("displayName", "sales emea"))).hasSize(1);
    assertThat(all(A, Filter.eq("displayName", "Sales"))).isEmpty();
  }

  @Test
  void staleVersionOnADeltaChangesNoMember() {
    ScimResource g = groups().create(A, group("Sales", 1, 2));
    patchMembers(A, g.id(), null, add(3));

    assertThat(scimError(() -> patchMembers(A, g.id(), g.version(), add(4), removeOne(1))).status()).isEqualTo(412);
    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(1, 2, 3));
    assertThat(groups().groupsOf(A, memberId(4))).isEmpty();
  }

  @Test
  void deltaOnAnotherTenantsGroupGives404() {
    ScimResource g = groups().create(A, group("Sales", 1));
    ScimResource without = g.with("members", null);
    PatchResult r = membersAsDelta()
        ? engine().applyAsDelta(without, List.of(add(2)), "members")
        : engine().apply(g, List.of(add(2)));

    assertThat(scimError(() -> store.update(B, g.id(), r, membersAsDelta() ? "members" : null, null)).status())
        .isEqualTo(404);
    assertThat(members(A, g.id())).containsExactlyElementsOf(memberIds(1));
  }

  @Test
  void updateWithoutDeltaReplacesMembersToo() {
    ScimResource g = groups().create(A, group("Sales", 1, 2, 3));
    PatchResult full = engine().apply(g, List.of(removeOne(2), add(7)));

    store.update(A, g.id(), full, null, g.version());

    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(1, 3, 7));
    assertThat(groups().groupsOf(A, memberId(2))).isEmpty();
    assertThat(groups().groupsOf(A, memberId(7))).extracting(Membership::groupId).containsExactly(g.id());
  }

  @Test
  void replaceReplacesMembers() {
    ScimResource g = groups().create(A, group("Sales", 1, 2));
    store.replace(A, g.id(), group("Sales", 2, 3), null);

    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(memberIds(2, 3));
    assertThat(groups().groupsOf(A, memberId(1))).isEmpty();
    assertThat(groups().groupsOf(A, memberId(3))).hasSize(1);
  }

  @Test
  void omitMembersLeavesThemOut() {
    assumeTrue(honorsOmitMembers(), "the store returns members even when omitted");
    ScimResource g = groups().create(A, group("Sales", 1, 2));

    ScimResource without = present(store.get(A, g.id(), Set.of("members")), "group");
    assertThat(without.has("members")).isFalse();
    assertThat(without.text("displayName")).isEqualTo("Sales");
    assertThat(without.version()).isEqualTo(g.version());

    ResourcePage page = store.search(A, new ResourceQuery(null, null, SortOrder.ASCENDING,
        1, 10, null, Set.of("members")));
    assertThat(page.resources()).singleElement().satisfies(r -> assertThat(r.has("members")).isFalse());
    // and without omit they are there
    assertThat(members(A, g.id())).hasSize(2);
  }

  // ---- groupsOf and removeFromAllGroups -----------------------------------------------------

  @Test
  void groupsOfListsTheDirectGroupsInAStableOrder() {
    ScimResource g1 = groups().create(A, group("One", 1, 2));
    ScimResource g2 = groups().create(A, group("Two", 2, 3));
    ScimResource g3 = groups().create(A, group("Three", 1));
    groups().create(B, group("Other tenant", 1));

    List<Membership> of1 = groups().groupsOf(A, memberId(1));
    assertThat(of1).containsExactlyInAnyOrder(new Membership(g1.id(), "One"), new Membership(g3.id(), "Three"));
    assertThat(groups().groupsOf(A, memberId(1))).isEqualTo(of1);
    assertThat(groups().groupsOf(A, memberId(2))).extracting(Membership::groupId)
        .containsExactlyInAnyOrder(g1.id(), g2.id());
    assertThat(groups().groupsOf(A, memberId(9))).isEmpty();
    assertThat(groups().groupsOf(StoreContext.of("tck-empty"), memberId(1))).isEmpty();

    store.replace(A, g1.id(), group("One renamed", 1, 2), null);
    assertThat(groups().groupsOf(A, memberId(1))).contains(new Membership(g1.id(), "One renamed"));
    patchMembers(A, g3.id(), null, removeOne(1));
    store.delete(A, g2.id(), null);
    assertThat(groups().groupsOf(A, memberId(1))).extracting(Membership::groupId).containsExactly(g1.id());
    assertThat(groups().groupsOf(A, memberId(3))).isEmpty();
  }

  @Test
  void removeFromAllGroupsRemovesTheMemberEverywhereInTheTenant() {
    ScimResource g1 = groups().create(A, group("One", 1, 2));
    ScimResource g2 = groups().create(A, group("Two", 2, 3));
    ScimResource g3 = groups().create(A, group("Three", 1));
    ScimResource other = groups().create(B, group("Other tenant", 1));

    List<String> removedFrom = groups().removeFromAllGroups(A, memberId(1));

    assertThat(removedFrom).containsExactlyInAnyOrder(g1.id(), g3.id());
    assertThat(members(A, g1.id())).containsExactlyElementsOf(memberIds(2));
    assertThat(members(A, g3.id())).isEmpty();
    assertThat(current(A, g1.id()).version()).isNotEqualTo(g1.version());
    assertThat(current(A, g3.id()).version()).isNotEqualTo(g3.version());
    assertThat(current(A, g2.id())).isEqualTo(g2);
    assertThat(groups().groupsOf(A, memberId(1))).isEmpty();
    assertThat(current(B, other.id())).isEqualTo(other);
    assertThat(groups().groupsOf(B, memberId(1))).hasSize(1);
    assertThat(groups().removeFromAllGroups(A, memberId(1))).isEmpty();
  }

  // ---- search over members ------------------------------------------------------------------

  @Test
  void searchByMember() {
    ScimResource g1 = groups().create(A, group("One", 1, 2));
    ScimResource g2 = groups().create(A, group("Two", 2, 3));
    groups().create(A, group("Three"));

    assertThat(ids(all(A, Filter.eq("members.value", memberId(3))))).containsExactly(g2.id());
    assertThat(ids(all(A, Filter.parse("members[value eq \"" + memberId(2) + "\"]"))))
        .containsExactlyInAnyOrder(g1.id(), g2.id());
    assertThat(ids(all(A, Filter.parse("members.value eq \"" + memberId(1) + "\" and displayName eq \"two\""))))
        .isEmpty();
    assertThat(ids(all(A, Filter.parse("members pr")))).containsExactlyInAnyOrder(g1.id(), g2.id());
    assertThat(all(B, Filter.eq("members.value", memberId(2)))).isEmpty();
  }

  // ---- scale and concurrency ----------------------------------------------------------------

  @Test
  void aFiftyThousandMemberGroupTakesOneMoreMember() {
    int size = 50_000;
    ObjectNode json = ScimJson.object();
    json.putArray("schemas").add(GROUP_URN);
    json.put("displayName", "Everyone");
    ArrayNode arr = json.putArray("members");
    for (int i = 0; i < size; i++) {
      arr.addObject().put("value", memberId(i)).put("type", "User");
    }
    ScimResource g = groups().create(A, ScimResource.of(json));

    UpdateResult r = patchMembers(A, g.id(), null, add(size));
    if (membersAsDelta()) {
      assertThat(r.applied().get("members").added().keySet()).containsExactly(memberId(size));
    }
    patchMembers(A, g.id(), null, removeOne(17));

    List<String> members = members(A, g.id());
    assertThat(members).hasSize(size).contains(memberId(size)).doesNotContain(memberId(17));
    assertThat(new LinkedHashSet<>(members)).hasSize(size);
    assertThat(groups().groupsOf(A, memberId(size))).extracting(Membership::groupId).containsExactly(g.id());
    assertThat(groups().groupsOf(A, memberId(17))).isEmpty();
  }

  @Test
  void concurrentDeltasLoseNoMember() throws Exception {
    ScimResource g = groups().create(A, group("Sales", 0));
    int perThread = 20;
    int[] next = {0};
    List<Object> results = race(() -> {
      int t;
      synchronized (next) {
        t = next[0]++;
      }
      for (int i = 0; i < perThread; i++) {
        patchMembers(A, g.id(), null, add(1 + t * perThread + i));
      }
      return null;
    });

    assertThat(results).doesNotHaveAnyElementsOfTypes(Throwable.class);
    List<String> members = members(A, g.id());
    assertThat(members).hasSize(1 + THREADS * perThread).doesNotHaveDuplicates();
    for (int i = 0; i <= THREADS * perThread; i++) {
      assertThat(members).contains(memberId(i));
    }
  }

  @Test
  void concurrentAddAndRemoveOfDistinctMembersLoseNoUpdate() throws Exception {
    int[] initial = new int[THREADS * 10];
    for (int i = 0; i < initial.length; i++) {
      initial[i] = i;
    }
    ScimResource g = groups().create(A, group("Sales", initial));
    int[] next = {0};
    List<Object> results = race(() -> {
      int t;
      synchronized (next) {
        t = next[0]++;
      }
      for (int i = 0; i < 10; i++) {
        // thread t removes its own ten initial members and adds ten new ones
        patchMembers(A, g.id(), null, removeOne(t * 10 + i), add(1000 + t * 10 + i));
      }
      return null;
    });

    assertThat(results).doesNotHaveAnyElementsOfTypes(Throwable.class);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < THREADS * 10; i++) {
      expected.add(memberId(1000 + i));
    }
    assertThat(members(A, g.id())).containsExactlyInAnyOrderElementsOf(expected);
  }
}
