package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.patch.ChangeSet;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.CoreSchemas;
import dev.scimsync.filter.internal.Texts;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.StoreContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * References between resources: group members and the enterprise {@code manager}. With {@link
 * ServerOptions#checkMemberReferences()}, a member must be a User or Group of the same tenant (and
 * not the group itself), and a manager a User of the same tenant (and not the user itself). A
 * member's {@code $ref}, {@code type} and {@code display} are the server's: what a client sends
 * is dropped before storing, and a read computes them from the referenced resource, so that they
 * cannot point at another tenant, cannot be spoofed and follow renames.
 */
final class References {

  private static final Set<String> COMPUTED = Set.of("display", "$ref", "type");
  /** The longest member or manager id shown in an error message, "..." included. */
  private static final int SHOWN = 64;

  private final ResourceStore groups;
  private final ResourceStore users;
  private final ServerOptions options;

  /**
   * @param groups the group store, or null when groups are not served
   * @param users the user store, or null when users are not served
   */
  References(ResourceStore groups, ResourceStore users, ServerOptions options) {
    this.groups = groups;
    this.users = users;
    this.options = options;
  }

  /**
   * Every member being added is a User or Group of this tenant, and not the group itself; looked
   * up together ({@link ResourceStore#getAll}), not one query per member.
   */
  void checkMembers(Call call, String groupId, Set<String> added) {
    if (!options.checkMemberReferences() || added.isEmpty()) {
      return;
    }
    if (groupId != null && added.contains(groupId)) {
      throw ScimException.invalidValue("a group cannot be a member of itself");
    }
    Resolved found = resolve(call.store(), added);
    for (String member : added) {
      if (!found.users.containsKey(member) && !found.groups.containsKey(member)) {
        throw ScimException.invalidValue("member '" + Texts.abbreviate(member, SHOWN)
            + "' is not a User or Group of this tenant");
      }
    }
  }

  /** The users and groups of the tenant among {@code ids}: users first, groups for the rest. */
  private Resolved resolve(StoreContext ctx, Collection<String> ids) {
    Map<String, ScimResource> u = users == null ? Map.of() : users.getAll(ctx, ids, Set.of());
    List<String> rest = new ArrayList<>();
    for (String id : ids) {
      if (!u.containsKey(id)) {
        rest.add(id);
      }
    }
    Map<String, ScimResource> g = groups == null || rest.isEmpty() ? Map.of()
        : groups.getAll(ctx, rest, Set.of("members"));
    return new Resolved(u, g);
  }

  private record Resolved(Map<String, ScimResource> users, Map<String, ScimResource> groups) {}

  /** A new or changed {@code manager.value} names a User of this tenant other than {@code self}. */
  void checkManager(Call call, String self, ScimResource before, ScimResource after) {
    if (!options.checkMemberReferences() || users == null) {
      return;
    }
    String manager = managerOf(after);
    if (manager == null || (before != null && manager.equals(managerOf(before)))) {
      return;
    }
    if (manager.equals(self)) {
      throw ScimException.invalidValue("a user cannot be their own manager");
    }
    if (user(call.store(), manager).isEmpty()) {
      throw ScimException.invalidValue("manager '" + Texts.abbreviate(manager, SHOWN) + "' is not a User of this tenant");
    }
  }

  private static String managerOf(ScimResource r) {
    JsonNode ext = r.get(CoreSchemas.ENTERPRISE_USER_URN);
    JsonNode m = ext == null ? null : ext.get("manager");
    JsonNode v = m == null ? null : m.get("value");
    return v != null && v.isString() ? v.stringValue() : null;
  }

  /** Drops the client's {@code display}, {@code $ref} and {@code type} of each member object. */
  static void dropComputed(JsonNode members) {
    if (members != null && members.isArray()) {
      members.forEach(References::dropComputedOf);
    }
  }

  /** As {@link #dropComputed} for one member object. */
  static void dropComputedOf(JsonNode member) {
    if (member instanceof ObjectNode o) {
      java.util.List<String> drop = new java.util.ArrayList<>();
      o.propertyNames().forEach(k -> {
        if (COMPUTED.stream().anyMatch(c -> c.equalsIgnoreCase(k))) {
          drop.add(k);
        }
      });
      o.remove(drop);
    }
  }

  /** {@code result} with the client's computed fields dropped from the values its delta adds. */
  static PatchResult withoutComputed(PatchResult result, String delegated) {
    ValueDelta d = result.changes().delta(delegated);
    Map<String, ObjectNode> added = new LinkedHashMap<>();
    d.added().forEach((k, v) -> {
      ObjectNode copy = v.deepCopy();
      dropComputedOf(copy);
      added.put(k, copy);
    });
    Map<String, ValueDelta> deltas = new LinkedHashMap<>(result.changes().deltas());
    deltas.put(delegated, new ValueDelta(d.cleared(), d.removed(), added));
    return new PatchResult(result.resource(), new ChangeSet(result.changes().attributes(), deltas));
  }

  /**
   * Sets each member's {@code $ref}, {@code type} and {@code display} from what it references now,
   * looking the members up together ({@link ResourceStore#getAll}): a group of 50,000 members is a
   * few batched queries, not 50,000 lookups.
   */
  void fillMembers(Call call, ObjectNode group) {
    JsonNode members = group.get("members");
    if (members == null || !members.isArray() || members.isEmpty()) {
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode m : members) {
      JsonNode v = m.get("value");
      if (m instanceof ObjectNode && v != null && v.isString()) {
        ids.add(v.stringValue());
      }
    }
    Resolved found = resolve(call.store(), ids);
    for (JsonNode m : members) {
      JsonNode v = m.get("value");
      if (!(m instanceof ObjectNode o) || v == null || !v.isString()) {
        continue;
      }
      dropComputedOf(o);
      String id = v.stringValue();
      ScimResource u = found.users.get(id);
      if (u != null) {
        String name = u.text("displayName");
        set(o, call.location("/Users", id), "User", name != null ? name : u.text("userName"));
        continue;
      }
      ScimResource g = found.groups.get(id);
      if (g != null) {
        set(o, call.location("/Groups", id), "Group", g.text("displayName"));
      }
    }
  }

  private static void set(ObjectNode member, String ref, String type, String display) {
    if (display != null) {
      member.put("display", display);
    }
    member.put("$ref", ref);
    member.put("type", type);
  }

  private Optional<ScimResource> user(StoreContext ctx, String id) {
    return users == null ? Optional.empty() : users.get(ctx, id, Set.of());
  }
}
