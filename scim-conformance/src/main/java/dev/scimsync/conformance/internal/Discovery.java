package dev.scimsync.conformance.internal;

import dev.scimsync.core.message.ServiceProviderConfig;
import java.util.Map;
import java.util.Set;

/**
 * What the endpoint says about itself ({@code /ServiceProviderConfig}, {@code /ResourceTypes},
 * {@code /Schemas}), read once before the checks run.
 *
 * @param config the service provider configuration (defaults when unreadable)
 * @param endpoints resource type name to endpoint, e.g. {@code User -> /Users}
 * @param schemas the schema URNs offered
 * @param notes what could not be read, for the skip reasons
 */
public record Discovery(ServiceProviderConfig config, Map<String, String> endpoints, Set<String> schemas, String notes) {
  /** The enterprise user extension URN. */
  public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** Copies the collections. */
  public Discovery {
    endpoints = Map.copyOf(endpoints);
    schemas = Set.copyOf(schemas);
  }

  /** Whether the endpoint serves groups (listed in /ResourceTypes, or /ResourceTypes unreadable). */
  public boolean groups() {
    return endpoints.isEmpty() || endpoints.containsKey("Group");
  }

  /** Whether the enterprise extension is offered (listed in /Schemas, or /Schemas unreadable). */
  public boolean enterprise() {
    return schemas.isEmpty() || schemas.contains(ENTERPRISE);
  }
}
