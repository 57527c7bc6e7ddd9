package dev.scimsync.server.store;

/**
 * Storage for Users. Beyond {@link ResourceStore}: {@code userName} is unique per tenant, compared
 * case-insensitively; {@code externalId}, when present, is unique per tenant too. A deactivated
 * user ({@code active: false}) stays readable and searchable.
 */
public interface UserStore extends ResourceStore {

  /**
   * Called once by the server when it serves Groups too, with the store that knows the
   * memberships. The User's {@code groups} attribute is read-only and computed from that store;
   * a user store that answers filters on it ({@code groups.value eq "<id>"}, {@code groups.display
   * eq "..."}, {@code groups pr}) reads them from {@code groups} (e.g. its reverse member index)
   * and says so in {@link #supportsFilter}. The default ignores it: the server then evaluates
   * filters naming {@code groups} itself.
   */
  default void useGroups(GroupStore groups) {}

  @Override
  default String resourceType() {
    return "User";
  }
}
