/**
 * Spring Boot 4 auto-configuration for a scimsync SCIM 2.0 endpoint: the servlet adapter under a
 * prefix, the server built from store beans and {@code scim.*} properties, token or Spring
 * Security authentication, provisioning events as application events, scheduled directory sync,
 * Micrometer metrics and an Actuator health indicator.
 *
 * <p>Open, since Spring reads and instantiates the configuration classes reflectively; only the
 * API package is exported.
 */
open module dev.scimsync.spring.boot {
  requires static org.jspecify;
  requires transitive dev.scimsync.server;
  requires org.slf4j;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires spring.context;
  requires spring.beans;
  requires spring.core;
  requires java.sql;
  // each switches on a part of the auto-configuration when the application has it
  requires static jakarta.servlet;
  requires static dev.scimsync.store.jdbc;
  requires static dev.scimsync.sync;
  requires static spring.security.core;
  requires static spring.security.web;
  requires static spring.security.config;
  requires static micrometer.core;
  requires static spring.boot.health;

  exports dev.scimsync.spring.boot;
}
