/**
 * Serving a {@link dev.scimsync.server.ScimServer} with the JDK's built-in HTTP server: {@link
 * dev.scimsync.server.jdkhttp.JdkHttpServerAdapter}. Nothing is null unless marked {@code
 * @Nullable}.
 */
@NullMarked
package dev.scimsync.server.jdkhttp;

import org.jspecify.annotations.NullMarked;
