package dev.scimsync.server.store;

import java.util.List;

/**
 * Storage for Groups, with membership as a first-class operation so that a store on a database
 * never rewrites a 50,000-member group to add one member. Beyond {@link ResourceStore}: {@code
 * displayName} is unique per tenant (case-insensitively), as Microsoft Entra ID requires, and
 * {@link #delegatedAttribute()} is {@code members}.
 */
public interface GroupStore extends ResourceStore {

  /** A group a member belongs to, for the User's read-only {@code groups} attribute. */
  record Membership(String groupId, String displayName) {}

  @Override
  default String resourceType() {
    return "Group";
  }

  @Override
  default String delegatedAttribute() {
    return "members";
  }

  /** The groups that {@code memberId} is a direct member of, in a stable order. */
  List<Membership> groupsOf(StoreContext ctx, String memberId);

  /**
   * Removes {@code memberId} from every group of the tenant (a deleted user leaves its groups).
   *
   * @return the ids of the groups it was removed from
   */
  List<String> removeFromAllGroups(StoreContext ctx, String memberId);
}
