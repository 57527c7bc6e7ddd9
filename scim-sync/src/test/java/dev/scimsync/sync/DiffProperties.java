package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.sync.internal.Paths;
import dev.scimsync.sync.mapping.Mapping;
import dev.scimsync.sync.mapping.Rule;
import dev.scimsync.sync.source.ResourceKind;
import dev.scimsync.sync.source.SourceMember;
import dev.scimsync.sync.source.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan, applied, makes the target equal to the mapped source, for arbitrary source and target
 * contents (managed, unmanaged and stale target resources, differing attributes, nested
 * attributes, memberships); a second run plans nothing.
 */
class DiffProperties {

  static final List<String> MANAGED = List.of("userName", "displayName", "title", "active", "name.givenName",
      "name.familyName");
  static final Mapping MAPPING = Mapping.of(
      MANAGED.stream().map(p -> Rule.copy(p, p)).toList(),
      List.of(Rule.copy("displayName", "displayName")));

  @Test
  void applyingThePlanMirrorsTheSourceAndASecondRunPlansNothing() {
    qt().withExamples(200).forAll(longs().all()).checkAssert(this::check);
  }

  void check(long seed) {
    Random rnd = new Random(seed);
    ListSource source = new ListSource(1 + rnd.nextInt(4));
    FakeTarget target = new FakeTarget();
    for (int i = 0; i < 10; i++) {
      if (rnd.nextInt(3) > 0) {
        ObjectNode u = randomUser(rnd, "s" + i);
        source.users.add(new SourceRecord(ResourceKind.USER, "s" + i, u, null));
      }
      int t = rnd.nextInt(4);
      if (t == 1) { // managed by this sync already
        ObjectNode u = randomUser(rnd, "s" + i);
        u.put("externalId", "s" + i);
        u.put("profileUrl", "keep-" + i);
        target.put(ResourceKind.USER, u);
      } else if (t == 2) { // the application's own user, maybe with the same userName
        ObjectNode u = randomUser(rnd, rnd.nextBoolean() ? "s" + i : "other" + i);
        u.put("userName", u.path("userName").asString().toUpperCase(java.util.Locale.ROOT));
        u.put("profileUrl", "keep-own-" + i);
        target.put(ResourceKind.USER, u);
      }
    }
    List<String> sourceUserIds = source.users.stream().map(SourceRecord::id).toList();
    for (int g = 0; g < 4; g++) {
      if (rnd.nextBoolean()) {
        ObjectNode attrs = ScimJson.object();
        attrs.put("displayName", "Group " + g + (rnd.nextBoolean() ? "x" : ""));
        List<SourceMember> members = new ArrayList<>();
        for (String id : sourceUserIds) {
          if (rnd.nextBoolean()) {
            members.add(rnd.nextBoolean() ? SourceMember.user(id) : new SourceMember(id, null));
          }
        }
        source.groups.add(new SourceRecord(ResourceKind.GROUP, "g" + g, attrs, members));
      }
      if (rnd.nextInt(3) == 0) {
        ObjectNode tg = ScimJson.object();
        tg.put("displayName", "Old " + g);
        tg.put("externalId", "g" + g);
        var ms = tg.putArray("members");
        for (String uid : new ArrayList<>(target.users.keySet())) {
          if (rnd.nextBoolean()) {
            ms.addObject().put("value", uid);
          }
        }
        target.put(ResourceKind.GROUP, tg);
      }
    }
    // nested: group g0 contains g1 when both exist in the source
    if (source.groups.size() >= 2) {
      SourceRecord first = source.groups.get(0);
      List<SourceMember> ms = new ArrayList<>(first.members());
      ms.add(SourceMember.group(source.groups.get(1).id()));
      source.groups.set(0, new SourceRecord(ResourceKind.GROUP, first.id(), first.attributes(), ms));
    }
    Map<String, String> profileBefore = new HashMap<>();
    target.users.forEach((id, u) -> profileBefore.put(id, u.path("profileUrl").asString(null)));

    DeletedUsers mode = rnd.nextBoolean() ? DeletedUsers.DEACTIVATE : DeletedUsers.DELETE;
    SyncEngine engine = SyncEngine.builder().directoryId("d").source(source).target(target).mapping(MAPPING)
        .timeSource(new FakeTime())
        .options(SyncOptions.builder().maxRemovalPercent(-1).deletedUsers(mode)
            // a budget of 1 to 4 hashes: most runs spill the seen set to files
            .seenInMemory(1 + rnd.nextInt(4)).build()).build();

    SyncReport first = engine.runFull();
    assertThat(first.outcome()).as(first.summary() + " " + first.errors()).isEqualTo(Outcome.SUCCESS);

    Map<String, ObjectNode> byExt = new HashMap<>();
    for (ObjectNode u : target.users.values()) {
      String ext = u.path("externalId").asString(null);
      if (ext != null) {
        assertThat(byExt.put(ext, u)).as("one target user per source user").isNull();
      }
    }
    Set<String> sourceIds = new LinkedHashSet<>(sourceUserIds);
    for (SourceRecord s : source.users) {
      ObjectNode t = byExt.get(s.id());
      assertThat(t).as("target user for " + s.id()).isNotNull();
      for (String p : MANAGED) {
        JsonNode want = Paths.get(s.attributes(), p);
        JsonNode have = Paths.get(t, p);
        assertThat(have).as(p + " of " + s.id()).isEqualTo(want);
      }
    }
    for (Map.Entry<String, ObjectNode> e : byExt.entrySet()) {
      if (!sourceIds.contains(e.getKey())) {
        assertThat(mode).isEqualTo(DeletedUsers.DEACTIVATE);
        assertThat(e.getValue().path("active").asBoolean(true)).as("left the source: deactivated").isFalse();
      }
    }
    for (ObjectNode u : target.users.values()) {
      assertThat(u.path("profileUrl").asString(null)).as("attribute the mapping does not manage")
          .isEqualTo(profileBefore.get(u.path("id").asString()));
    }
    Map<String, ObjectNode> groupsByExt = new HashMap<>();
    target.groups.values().forEach(g -> groupsByExt.put(g.path("externalId").asString(null), g));
    assertThat(groupsByExt.keySet()).containsExactlyInAnyOrderElementsOf(
        source.groups.stream().map(SourceRecord::id).toList());
    for (SourceRecord sg : source.groups) {
      ObjectNode tg = groupsByExt.get(sg.id());
      assertThat(tg.path("displayName").asString()).isEqualTo(sg.attributes().path("displayName").asString());
      Set<String> want = new LinkedHashSet<>();
      for (SourceMember m : sg.members()) {
        ObjectNode mt = m.kind() == ResourceKind.GROUP ? groupsByExt.get(m.id()) : byExt.get(m.id());
        want.add(mt.path("id").asString());
      }
      Set<String> have = new LinkedHashSet<>();
      tg.path("members").forEach(m -> have.add(m.path("value").asString()));
      assertThat(have).as("members of " + sg.id()).containsExactlyInAnyOrderElementsOf(want);
    }

    SyncReport plan = engine.dryRun();
    assertThat(plan.changes().total()).as("second plan: " + plan.examples()).isZero();
    int writes = target.writes;
    SyncReport second = engine.runFull();
    assertThat(second.changes().total()).isZero();
    assertThat(target.writes).isEqualTo(writes);
  }

  static ObjectNode randomUser(Random rnd, String id) {
    ObjectNode u = ScimJson.object();
    u.put("userName", "user-" + id);
    if (rnd.nextBoolean()) {
      u.put("displayName", rnd.nextBoolean() ? "A" : "B");
    }
    if (rnd.nextBoolean()) {
      u.put("title", rnd.nextBoolean() ? "x" : "y");
    }
    u.put("active", rnd.nextInt(4) > 0);
    if (rnd.nextBoolean()) {
      ObjectNode n = u.putObject("name");
      n.put("givenName", rnd.nextBoolean() ? "Ann" : "Bob");
      if (rnd.nextBoolean()) {
        n.put("familyName", "F");
      }
      if (rnd.nextBoolean()) {
        n.put("middleName", "kept"); // a sub-attribute the mapping does not manage
      }
    }
    return u;
  }
}
