package dev.scimsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.sync.mapping.Mapping;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Asserts that a target directory mirrors a source directory as the identity mapping says. */
final class Mirror {
  private Mirror() {}

  /**
   * Every source user and group is in the target (by externalId) with equal managed attributes and
   * members; target users whose source user is gone are inactive, unless listed in {@code
   * notYetRemoved} (deletions an incremental run cannot see).
   */
  static void assertMirrors(Directory source, Directory target, Set<String> notYetRemoved) {
    List<ObjectNode> su = source.all("/Users");
    List<ObjectNode> tu = target.all("/Users");
    Map<String, ObjectNode> byExt = new HashMap<>();
    for (ObjectNode u : tu) {
      String ext = u.path("externalId").asString(null);
      assertThat(ext).as("every target user came from the source").isNotNull();
      assertThat(byExt.put(ext, u)).as("no duplicate of " + ext).isNull();
    }
    Set<String> sourceIds = new HashSet<>();
    for (ObjectNode s : su) {
      String id = s.path("id").asString();
      sourceIds.add(id);
      ObjectNode t = byExt.get(id);
      assertThat(t).as("target user for " + s.path("userName").asString()).isNotNull();
      for (String a : Mapping.STANDARD_USER_ATTRIBUTES) {
        assertThat(t.get(a)).as(a + " of " + s.path("userName").asString()).isEqualTo(s.get(a));
      }
    }
    for (Map.Entry<String, ObjectNode> e : byExt.entrySet()) {
      if (!sourceIds.contains(e.getKey()) && !notYetRemoved.contains(e.getKey())) {
        assertThat(e.getValue().path("active").asBoolean(true)).as("removed at the source: inactive").isFalse();
      }
    }
    List<ObjectNode> sg = source.all("/Groups");
    Map<String, ObjectNode> tgByExt = new HashMap<>();
    for (ObjectNode g : target.all("/Groups")) {
      tgByExt.put(g.path("externalId").asString(null), g);
    }
    assertThat(tgByExt).hasSameSizeAs(sg);
    for (ObjectNode g : sg) {
      ObjectNode t = tgByExt.get(g.path("id").asString());
      assertThat(t).isNotNull();
      assertThat(t.path("displayName")).isEqualTo(g.path("displayName"));
      Set<String> want = new HashSet<>();
      for (JsonNode m : g.path("members")) {
        ObjectNode tm = byExt.get(m.path("value").asString());
        want.add(tm == null ? tgByExt.get(m.path("value").asString()).path("id").asString() : tm.path("id").asString());
      }
      Set<String> have = new HashSet<>();
      for (JsonNode m : t.path("members")) {
        String v = m.path("value").asString();
        String ext = null;
        for (ObjectNode u : tu) {
          if (u.path("id").asString().equals(v)) {
            ext = u.path("externalId").asString();
          }
        }
        if (ext == null || !notYetRemoved.contains(ext)) {
          have.add(v);
        }
      }
      assertThat(have).as("members of " + g.path("displayName").asString()).isEqualTo(want);
    }
  }
}
