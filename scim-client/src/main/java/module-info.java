/**
 * A SCIM 2.0 client over OkHttp: typed resource operations, filters, pagination, bulk requests,
 * discovery, conditional requests, retries and client-side rate limiting.
 */
module dev.scimsync.client {
  requires static org.jspecify;
  requires transitive dev.scimsync.core;
  requires transitive okhttp3;
  requires org.slf4j;

  exports dev.scimsync.client;
  exports dev.scimsync.client.auth;
}
