package dev.scimsync.server.internal;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.projection.Projection;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.server.store.GroupStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored resource as the client sees it: a User's read-only {@code groups} filled in from the
 * group store, a Group's member {@code $ref}, {@code type} and {@code display} computed ({@link
 * References}), {@code meta.resourceType} and {@code meta.location} set, projected.
 */
final class Renderer {

  private static final AttributePath META = AttributePath.of("meta");
  private static final AttributePath MEMBERS = AttributePath.of("members");

  private final ResourceSchema schema;
  private final GroupStore groups;
  private final References references;
  private final boolean isUser;
  private final boolean isGroup;

  Renderer(ResourceSchema schema, GroupStore groups, References references) {
    this.schema = schema;
    this.groups = groups;
    this.references = references;
    this.isUser = schema.resourceType().name().equals("User");
    this.isGroup = schema.resourceType().name().equals("Group");
  }

  /** The attributes a store may leave out for {@code projection}: a Group's members when excluded. */
  Set<String> omitFor(Projection projection) {
    if (isGroup && projection.excludes(schema, AttributePath.of("members"))) {
      return Set.of("members");
    }
    return Set.of();
  }

  /** Whether the User's {@code groups} must be read for {@code projection}. */
  boolean wantsGroups(Projection projection) {
    return isUser && groups != null && !projection.excludes(schema, AttributePath.of("groups"));
  }

  /** One resource. */
  ObjectNode render(Call call, ScimResource r, Projection projection) {
    return render(call, r, projection, wantsGroups(projection) ? groups.groupsOf(call.store(), r.id()) : null);
  }

  /**
   * A resource just created, when no group can have its new id as a member yet (members are
   * checked to exist): its {@code groups} need no reading.
   */
  ObjectNode renderCreated(Call call, ScimResource r, Projection projection) {
    return render(call, r, projection, wantsGroups(projection) ? List.of() : null);
  }

  /** A page of resources, their memberships read at once. */
  List<ObjectNode> renderAll(Call call, List<ScimResource> resources, Projection projection) {
    Map<String, List<GroupStore.Membership>> memberships = null;
    if (wantsGroups(projection)) {
      List<String> ids = new ArrayList<>();
      resources.forEach(r -> ids.add(r.id()));
      memberships = groups.groupsOf(call.store(), ids);
    }
    List<ObjectNode> out = new ArrayList<>(resources.size());
    for (ScimResource r : resources) {
      out.add(render(call, r, projection, memberships == null ? null : memberships.getOrDefault(r.id(), List.of())));
    }
    return out;
  }

  private ObjectNode render(Call call, ScimResource r, Projection projection, List<GroupStore.Membership> memberships) {
    if (memberships == null && projection.excludes(schema, META)
        && (!isGroup || projection.excludes(schema, MEMBERS))) {
      // Nothing to add to the stored resource (no groups, member references or meta), as when a
      // client asks for a few attributes (a sync's id or externalId lookups): project its own
      // node, which apply only reads, rather than a copy of the whole resource.
      return projection.apply(dev.scimsync.core.internal.Access.node(r), schema);
    }
    ObjectNode json = r.json();
    if (memberships != null) {
      withGroups(call, json, memberships);
    }
    if (isGroup) {
      references.fillMembers(call, json);
    }
    JsonNode meta = json.get("meta");
    ObjectNode m = meta instanceof ObjectNode mo ? mo : json.putObject("meta");
    m.put("resourceType", schema.resourceType().name());
    m.put("location", call.location(schema.resourceType().endpoint(), r.id()));
    return projection.apply(json, schema);
  }

  /** Sets the User's read-only {@code groups} in {@code json} from {@code memberships}. */
  static ObjectNode withGroups(Call call, ObjectNode json, List<GroupStore.Membership> memberships) {
    json.remove("groups");
    if (!memberships.isEmpty()) {
      ArrayNode arr = ScimJson.array();
      for (GroupStore.Membership m : memberships) {
        ObjectNode g = arr.addObject();
        g.put("value", m.groupId());
        g.put("$ref", call.location("/Groups", m.groupId()));
        if (m.displayName() != null) {
          g.put("display", m.displayName());
        }
        g.put("type", "direct");
      }
      json.set("groups", arr);
    }
    return json;
  }
}
