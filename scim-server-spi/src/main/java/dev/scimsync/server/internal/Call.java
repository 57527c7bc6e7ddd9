package dev.scimsync.server.internal;

import dev.scimsync.server.ScimRequest;
import dev.scimsync.server.TenantSettings;
import dev.scimsync.server.auth.Principal;
import dev.scimsync.server.store.StoreContext;

/**
 * One authenticated request on its way through the server.
 *
 * @param request the request
 * @param principal who sent it
 * @param settings the tenant's settings
 * @param requestId the id used in logs and echoed in {@code X-Request-Id}
 * @param baseUrl the public URL of the SCIM root for this tenant, without trailing '/'
 */
public record Call(ScimRequest request, Principal principal, TenantSettings settings, String requestId,
    String baseUrl) {

  /** The tenant. */
  public String tenant() {
    return principal.tenantId();
  }

  /** The store context of this call. */
  public StoreContext store() {
    return new StoreContext(principal.tenantId(), requestId);
  }

  /** The URL of resource {@code id} at {@code endpoint}. */
  public String location(String endpoint, String id) {
    return baseUrl + endpoint + "/" + id;
  }
}
