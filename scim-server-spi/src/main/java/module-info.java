/**
 * A framework-neutral SCIM 2.0 service provider: request handling over pluggable stores, an
 * in-memory store, multi-tenancy, bearer-token authentication, provisioning events, and thin
 * adapters for the JDK HTTP server and Jakarta Servlet.
 */
module dev.scimsync.server {
  requires static org.jspecify;
  requires transitive dev.scimsync.core;
  requires org.slf4j;
  // optional adapters: an application that uses one has that module on its path anyway
  requires static jdk.httpserver;
  requires static jakarta.servlet;
  // JWT access tokens only: an application using dev.scimsync.server.auth.jwt adds nimbus-jose-jwt
  // (and, on the module path, requires com.nimbusds.jose.jwt)
  requires static com.nimbusds.jose.jwt;

  exports dev.scimsync.server;
  exports dev.scimsync.server.auth;
  exports dev.scimsync.server.auth.jwt;
  exports dev.scimsync.server.event;
  exports dev.scimsync.server.event.outbox;
  exports dev.scimsync.server.jdkhttp;
  exports dev.scimsync.server.servlet;
  exports dev.scimsync.server.store;
  exports dev.scimsync.server.store.memory;
  // PEM keys for SET signing (scim-set)
  exports dev.scimsync.server.internal to dev.scimsync.set;
}
