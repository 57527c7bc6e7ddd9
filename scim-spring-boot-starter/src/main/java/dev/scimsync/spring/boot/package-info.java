/**
 * The application-facing types of the Spring Boot starter: the {@code scim.*} properties and the
 * beans an application may declare to adapt the auto-configured SCIM endpoint.
 */
@org.jspecify.annotations.NullMarked
package dev.scimsync.spring.boot;
