package dev.scimsync.server.store;

/**
 * Storage for Users. Beyond {@link ResourceStore}: {@code userName} is unique per tenant, compared
 * case-insensitively; {@code externalId}, when present, is unique per tenant too. A deactivated
 * user ({@code active: false}) stays readable and searchable.
 */
public interface UserStore extends ResourceStore {

  @Override
  default String resourceType() {
    return "User";
  }
}
