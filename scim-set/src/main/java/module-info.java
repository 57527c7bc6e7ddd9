/**
 * SCIM events as Security Event Tokens (RFC 9967 over RFC 8417): provisioning events encoded as
 * signed SETs, delivered by push (RFC 8935) or offered for poll (RFC 8936).
 */
module dev.scimsync.set {
  requires static org.jspecify;
  requires transitive dev.scimsync.server;
  requires transitive dev.scimsync.events;
  requires transitive com.nimbusds.jose.jwt;
  requires org.slf4j;
  requires java.net.http;
  requires static jdk.httpserver;
  // only dev.scimsync.set.jdbc needs them; scim-store-jdbc is an optional dependency
  requires static dev.scimsync.store.jdbc;
  requires static java.sql;

  exports dev.scimsync.set;
  exports dev.scimsync.set.jdbc;
}
