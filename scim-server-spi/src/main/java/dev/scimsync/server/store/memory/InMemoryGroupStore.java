package dev.scimsync.server.store.memory;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.StoreContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Groups in memory. Unique per tenant: {@code displayName} (case-insensitively) and {@code
 * externalId} (case-exactly, when present). Members are kept per group as a map from {@code value}
 * to the member object, in the order they were added, so adding or removing one member of a
 * 50,000-member group costs O(1); a reverse index from member to groups answers {@link #groupsOf},
 * {@link #removeFromAllGroups} and {@code members.value eq "x"} filters.
 *
 * <p>{@link #update} with delegated {@code members} applies the {@link
 * dev.scimsync.core.patch.ValueDelta} without reading the other members and reports in {@link
 * dev.scimsync.server.store.UpdateResult#applied()} only real changes: ids that were not members
 * before as added, ids that were as removed ({@code cleared} is expanded into the removed ids, so
 * the applied delta is never {@code cleared}). {@code get} and {@code search} with {@code omit}
 * containing {@code members} do not build the members array.
 */
public final class InMemoryGroupStore extends InMemoryStore implements GroupStore {

  /** A store for Groups of {@code schema} (e.g. {@code SchemaRegistry.standard().resourceSchema("Group")}), timed by the UTC clock. */
  public InMemoryGroupStore(ResourceSchema schema) {
    this(schema, Clock.systemUTC());
  }

  /** A store whose {@code meta} timestamps come from {@code clock}. */
  public InMemoryGroupStore(ResourceSchema schema, Clock clock) {
    this(schema, clock, StoreLimits.defaults());
  }

  /** A store with the per-tenant quotas {@code limits}. */
  public InMemoryGroupStore(ResourceSchema schema, Clock clock, StoreLimits limits) {
    super(schema, clock, List.of(
        new IndexSpec("displayName", null, false, true),
        new IndexSpec("externalId", null, true, true)), "members", limits);
  }

  /** The groups {@code memberId} is a direct member of, in the default (creation) order. */
  @Override
  public List<Membership> groupsOf(StoreContext ctx, String memberId) {
    List<Membership> out = new ArrayList<>();
    for (ObjectNode g : holdersOf(ctx, memberId)) {
      JsonNode name = Json.get(g, "displayName");
      out.add(new Membership(g.get("id").stringValue(), name != null && name.isString() ? name.stringValue() : null));
    }
    return out;
  }

  /** Removes the member from every group of the tenant, giving each a new version; in creation order. */
  @Override
  public List<String> removeFromAllGroups(StoreContext ctx, String memberId) {
    return removeEverywhere(ctx, memberId);
  }
}
