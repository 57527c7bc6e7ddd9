package dev.scimsync.server.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Storage for Groups, with membership as a first-class operation so that a store on a database
 * never rewrites a 50,000-member group to add one member. Beyond {@link ResourceStore}: {@code
 * displayName} is unique per tenant (case-insensitively), as Microsoft Entra ID requires; {@code
 * externalId}, when present, is unique per tenant too; and {@link #deltaAttribute()} is
 * {@code members}. When a member is deleted (a user, or a group nested in others), the server
 * calls {@link #removeFromAllGroups}.
 */
public interface GroupStore extends ResourceStore {

  /**
   * A group a member belongs to, for the User's read-only {@code groups} attribute.
   *
   * @param groupId the group's id
   * @param displayName the group's displayName, or null when it has none
   */
  record Membership(String groupId, @Nullable String displayName) {}

  @Override
  default String resourceType() {
    return "Group";
  }

  @Override
  default @Nullable String deltaAttribute() {
    return "members";
  }

  /** The groups that {@code memberId} is a direct member of, in a stable order. */
  List<Membership> groupsOf(StoreContext ctx, String memberId);

  /**
   * The direct groups of each of {@code memberIds}, for rendering a page of users with their
   * {@code groups}; a member without groups may be missing from the map. The default asks {@link
   * #groupsOf(StoreContext, String)} once per member; a store on a database should answer with
   * one query.
   */
  default Map<String, List<Membership>> groupsOf(StoreContext ctx, Collection<String> memberIds) {
    Map<String, List<Membership>> out = new LinkedHashMap<>();
    for (String id : memberIds) {
      out.put(id, groupsOf(ctx, id));
    }
    return out;
  }

  /**
   * Removes {@code memberId} from every group of the tenant (a deleted user leaves its groups).
   *
   * @return the ids of the groups it was removed from
   */
  List<String> removeFromAllGroups(StoreContext ctx, String memberId);
}
