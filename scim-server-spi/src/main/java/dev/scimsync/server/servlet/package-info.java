/**
 * Serving a {@link dev.scimsync.server.ScimServer} in a Jakarta Servlet container: {@link
 * dev.scimsync.server.servlet.ScimServlet}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server.servlet;

import org.jspecify.annotations.NullMarked;
