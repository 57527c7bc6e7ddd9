package dev.scimsync.server.store.memory;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.server.store.GroupStore;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A user's document with its computed {@code groups}, for filters on them. */
final class GroupsView {

  private GroupsView() {}

  /** A copy of {@code doc} with {@code groups} set from {@code memberships}; not to be mutated. */
  static ObjectNode with(ObjectNode doc, List<GroupStore.Membership> memberships) {
    ObjectNode out = doc.deepCopy();
    out.remove("groups");
    if (!memberships.isEmpty()) {
      ArrayNode arr = out.putArray("groups");
      for (GroupStore.Membership m : memberships) {
        ObjectNode g = arr.addObject().put("value", m.groupId()).put("type", "direct");
        if (m.displayName() != null) {
          g.put("display", m.displayName());
        }
      }
    }
    return out;
  }
}
