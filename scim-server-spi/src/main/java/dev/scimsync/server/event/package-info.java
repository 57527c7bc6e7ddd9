/**
 * Provisioning events the server publishes after committed changes, and their listeners. Nothing
 * is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server.event;

import org.jspecify.annotations.NullMarked;
