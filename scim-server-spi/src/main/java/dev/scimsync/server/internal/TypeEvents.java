package dev.scimsync.server.internal;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.patch.ChangeSet;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.store.GroupStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provisioning events of one resource type's writes: what a create, update or delete means
 * for a User (deactivation, reactivation, leaving its groups), a Group (rename, members added and
 * removed) or a resource of another type. The one place where the type of resource changes what
 * is reported.
 */
final class TypeEvents {

  private final ResourceSchema schema;
  private final boolean isUser;
  private final boolean isGroup;
  private final GroupStore groups;
  private final Clock clock;

  TypeEvents(ResourceSchema schema, GroupStore groups, Clock clock) {
    this.schema = schema;
    this.isUser = schema.resourceType().name().equals("User");
    this.isGroup = schema.resourceType().name().equals("Group");
    this.groups = groups;
    this.clock = clock;
  }

  /** The events of a create. */
  List<ProvisioningEvent> created(Call call, ScimResource stored) {
    List<ProvisioningEvent> evs = new ArrayList<>();
    Instant now = clock.instant();
    String actor = call.principal().subject();
    if (isUser) {
      evs.add(new ProvisioningEvent.UserCreated(call.tenant(), stored.id(), now, actor, stored));
    } else if (isGroup) {
      evs.add(new ProvisioningEvent.GroupCreated(call.tenant(), stored.id(), now, actor, stored));
      Set<String> members = memberIds(stored);
      if (!members.isEmpty()) {
        evs.add(new ProvisioningEvent.GroupMembersAdded(call.tenant(), stored.id(), now, actor, members));
      }
    } else {
      evs.add(new ProvisioningEvent.ResourceChanged(call.tenant(), schema.resourceType().name(), stored.id(), now,
          actor, ProvisioningEvent.ResourceChanged.Change.CREATED, Set.of(), stored));
    }
    return evs;
  }

  /**
   * The events of a delete, after removing the deleted user or group from every group it was a
   * member of.
   */
  List<ProvisioningEvent> deleted(Call call, String id) {
    List<ProvisioningEvent> evs = new ArrayList<>();
    Instant now = clock.instant();
    String actor = call.principal().subject();
    if (isUser) {
      List<String> left = groups == null ? List.of() : groups.removeFromAllGroups(call.store(), id);
      evs.add(new ProvisioningEvent.UserDeleted(call.tenant(), id, now, actor, new LinkedHashSet<>(left)));
      for (String g : left) {
        evs.add(new ProvisioningEvent.GroupMembersRemoved(call.tenant(), g, now, actor, Set.of(id)));
      }
    } else if (isGroup) {
      evs.add(new ProvisioningEvent.GroupDeleted(call.tenant(), id, now, actor));
      // a group nested in others leaves them
      for (String parent : groups == null ? List.<String>of() : groups.removeFromAllGroups(call.store(), id)) {
        evs.add(new ProvisioningEvent.GroupMembersRemoved(call.tenant(), parent, now, actor, Set.of(id)));
      }
    } else {
      evs.add(new ProvisioningEvent.ResourceChanged(call.tenant(), schema.resourceType().name(), id, now, actor,
          ProvisioningEvent.ResourceChanged.Change.DELETED, Set.of(), null));
    }
    return evs;
  }

  /** The member ids of a group resource. */
  static Set<String> memberIds(ScimResource group) {
    Set<String> ids = new LinkedHashSet<>();
    JsonNode members = group.get("members");
    if (members != null && members.isArray()) {
      for (JsonNode m : members) {
        JsonNode v = m.get("value");
        if (v != null && v.isString()) {
          ids.add(v.stringValue());
        }
      }
    }
    return ids;
  }

  /** Top-level attributes whose values differ (for PUT, where no change set exists). */
  Set<String> changedBetween(ScimResource before, ScimResource after) {
    ObjectNode a = before.json();
    ObjectNode b = after.json();
    Set<String> keys = new HashSet<>();
    a.propertyNames().forEach(keys::add);
    b.propertyNames().forEach(keys::add);
    Set<String> changed = new LinkedHashSet<>();
    for (String k : keys) {
      if (k.equals("meta") || k.equals("schemas")) {
        continue;
      }
      JsonNode va = a.get(k);
      JsonNode vb = b.get(k);
      if (schema.extension(k) != null) {
        Set<String> sub = new HashSet<>();
        if (va != null) {
          va.propertyNames().forEach(sub::add);
        }
        if (vb != null) {
          vb.propertyNames().forEach(sub::add);
        }
        for (String s : sub) {
          if (!Objects.equals(va == null ? null : va.get(s), vb == null ? null : vb.get(s))) {
            changed.add(k + ":" + s);
          }
        }
      } else if (!Objects.equals(va, vb)) {
        changed.add(k);
      }
    }
    return changed;
  }

  /**
   * Events for an update: deactivation/reactivation and the update itself for users; rename,
   * update and membership changes for groups.
   *
   * @param deltas membership changes as applied; null to derive them from before/after (PUT)
   */
  List<ProvisioningEvent> updated(Call call, ScimResource before, ScimResource after,
      Set<String> changed, Map<String, ValueDelta> deltas) {
    List<ProvisioningEvent> evs = new ArrayList<>();
    if (changed.isEmpty() && (deltas == null || deltas.isEmpty())) {
      return evs;
    }
    Instant now = clock.instant();
    String actor = call.principal().subject();
    String id = after.id();
    if (isUser) {
      boolean wasActive = isActive(before);
      boolean nowActive = isActive(after);
      evs.add(new ProvisioningEvent.UserUpdated(call.tenant(), id, now, actor, changed, after));
      if (wasActive && !nowActive) {
        evs.add(new ProvisioningEvent.UserDeactivated(call.tenant(), id, now, actor, after));
      } else if (!wasActive && nowActive) {
        evs.add(new ProvisioningEvent.UserReactivated(call.tenant(), id, now, actor, after));
      }
      return evs;
    }
    if (isGroup) {
      Set<String> other = new LinkedHashSet<>(changed);
      other.removeIf(a -> a.equalsIgnoreCase("members"));
      String oldName = before.text("displayName");
      String newName = after.text("displayName");
      if (!Objects.equals(oldName, newName) && newName != null) {
        evs.add(new ProvisioningEvent.GroupRenamed(call.tenant(), id, now, actor, oldName, newName));
      }
      if (!other.isEmpty()) {
        evs.add(new ProvisioningEvent.GroupUpdated(call.tenant(), id, now, actor, other, after));
      }
      ValueDelta d = deltas == null ? diffMembers(before, after) : new ChangeSet(Set.of(), deltas).delta("members");
      Set<String> removed = new LinkedHashSet<>(d.removed());
      removed.removeAll(d.added().keySet());
      if (!d.added().isEmpty()) {
        evs.add(new ProvisioningEvent.GroupMembersAdded(call.tenant(), id, now, actor, d.added().keySet()));
      }
      if (!removed.isEmpty()) {
        evs.add(new ProvisioningEvent.GroupMembersRemoved(call.tenant(), id, now, actor, removed));
      }
      return evs;
    }
    evs.add(new ProvisioningEvent.ResourceChanged(call.tenant(), schema.resourceType().name(), id, now, actor,
        ProvisioningEvent.ResourceChanged.Change.UPDATED, changed, after));
    return evs;
  }

  private static ValueDelta diffMembers(ScimResource before, ScimResource after) {
    Set<String> was = memberIds(before);
    Set<String> now = memberIds(after);
    Set<String> removed = new LinkedHashSet<>(was);
    removed.removeAll(now);
    Map<String, ObjectNode> added = new LinkedHashMap<>();
    for (String n : now) {
      if (!was.contains(n)) {
        added.put(n, ScimJson.object().put("value", n));
      }
    }
    return new ValueDelta(false, removed, added);
  }

  private static boolean isActive(ScimResource r) {
    JsonNode a = r.get("active");
    return a == null || !a.isBoolean() || a.booleanValue();
  }
}
