package dev.scimsync.server.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The request behind a {@link ProvisioningEvent}: its id (the {@code X-Request-Id} echoed to the
 * client), the client's address and which SCIM operation made the change, so that an audit trail
 * can say who called from where and a Security Event Token can tell a PUT from a PATCH (RFC 9967
 * §2.4.2, §2.4.3). Delivered to {@link ProvisioningListener#onEvent(ProvisioningEvent,
 * EventContext)}.
 *
 * @param requestId the request id; shared by every event of one request
 * @param clientAddress the client's address as the adapter reported it, or null (in-process calls)
 * @param operation the operation that made the change
 */
public record EventContext(String requestId, @Nullable String clientAddress, Operation operation) {

  /** The SCIM operation behind an event (a bulk request's operations each have their own). */
  public enum Operation {
    /** POST on a resource type. */
    CREATE,
    /** PUT on a resource. */
    REPLACE,
    /** PATCH on a resource. */
    PATCH,
    /** DELETE of a resource. */
    DELETE,
    /** Not known: the event was published outside a request. */
    UNKNOWN
  }

  /** Requires the id and the operation. */
  public EventContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(operation, "operation");
  }

  /** A context for an event published outside any request. */
  public static EventContext unknown() {
    return new EventContext("", null, Operation.UNKNOWN);
  }
}
