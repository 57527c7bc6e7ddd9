package dev.scimsync.examples.store;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.StoreContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Groups in a map: {@code displayName} unique per tenant, case-insensitively; membership changes
 * arrive as deltas ({@link #deltaAttribute()} is {@code members}) and are applied under the
 * store's lock, so concurrent changes to one group lose nothing.
 */
public final class MapGroupStore extends MapResourceStore implements GroupStore {

  /** A store of groups of {@code schema} (e.g. the registry's {@code Group}). */
  public MapGroupStore(ResourceSchema schema) {
    super(schema, "displayName", Clock.systemUTC());
  }

  @Override
  public synchronized List<Membership> groupsOf(StoreContext ctx, String memberId) {
    List<Membership> out = new ArrayList<>();
    for (ObjectNode group : tenant(ctx).values()) {
      if (byValue(group.get("members")).containsKey(memberId)) {
        out.add(new Membership(group.get("id").asString(), group.path("displayName").asString(null)));
      }
    }
    return out;
  }

  @Override
  public synchronized List<String> removeFromAllGroups(StoreContext ctx, String memberId) {
    List<String> removedFrom = new ArrayList<>();
    for (ObjectNode group : tenant(ctx).values()) {
      Map<String, ObjectNode> members = byValue(group.get("members"));
      if (!members.containsKey(memberId)) {
        continue;
      }
      apply(members, new ValueDelta(false, Set.of(memberId), Map.of()));
      if (members.isEmpty()) {
        group.remove("members");
      } else {
        group.putArray("members").addAll(List.copyOf(members.values()));
      }
      touch(group);
      removedFrom.add(group.get("id").asString());
    }
    return removedFrom;
  }
}
