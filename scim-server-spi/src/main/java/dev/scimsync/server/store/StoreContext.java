package dev.scimsync.server.store;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The context of one store call: the tenant whose data it may touch and the request it serves.
 * A store must confine every read and write to {@link #tenantId()}; the server never lets a
 * request choose another tenant's id.
 *
 * @param tenantId the tenant; never null
 * @param requestId an id for logs and audit, or null
 */
public record StoreContext(String tenantId, @Nullable String requestId) {

  /** Requires a tenant. */
  public StoreContext {
    Objects.requireNonNull(tenantId, "tenantId");
  }

  /** A context for {@code tenantId} without request id (tests, jobs). */
  public static StoreContext of(String tenantId) {
    return new StoreContext(tenantId, null);
  }
}
