/**
 * Pull directory sync: a {@link dev.scimsync.sync.source.DirectorySource} read page by page, mapped,
 * and reconciled into a {@link dev.scimsync.sync.target.DirectoryTarget} (the application's own
 * stores through its {@code ScimServer}, or a remote SCIM service) by the
 * {@link dev.scimsync.sync.SyncEngine}, with resumable state, deletion safety, rate limits and a
 * scheduler for many directories.
 */
module dev.scimsync.sync {
  requires static org.jspecify;
  requires transitive dev.scimsync.core;
  requires transitive dev.scimsync.server;
  requires transitive dev.scimsync.client;
  requires dev.scimsync.filter;
  requires org.slf4j;
  requires java.naming;

  exports dev.scimsync.sync;
  exports dev.scimsync.sync.source;
  exports dev.scimsync.sync.target;
  exports dev.scimsync.sync.mapping;
  exports dev.scimsync.sync.state;
  exports dev.scimsync.sync.schedule;
  exports dev.scimsync.sync.scim;
  exports dev.scimsync.sync.ldap;
  exports dev.scimsync.sync.rest;
  requires java.net.http;
}
