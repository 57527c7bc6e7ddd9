package dev.scimsync.spring.boot;

import dev.scimsync.server.ScimServer;

/**
 * A bean that adjusts the auto-configured {@link ScimServer} before it is built: custom resource
 * types, another schema registry, {@code /Me}, anything the {@code scim.*} properties do not cover.
 * Applied after the properties, in bean order.
 */
@FunctionalInterface
public interface ScimServerCustomizer {

  /** Adjusts {@code builder}. */
  void customize(ScimServer.Builder builder);
}
