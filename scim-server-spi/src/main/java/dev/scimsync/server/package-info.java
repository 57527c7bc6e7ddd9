/**
 * The SCIM 2.0 service provider: {@link dev.scimsync.server.ScimServer} answers {@link
 * dev.scimsync.server.ScimRequest}s with {@link dev.scimsync.server.ScimResponse}s, configured by
 * {@link dev.scimsync.server.ServerOptions}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server;

import org.jspecify.annotations.NullMarked;
