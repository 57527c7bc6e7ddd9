/**
 * The delivery engine and its parts: endpoints with their subscriptions, transports, outcomes and
 * the retry policy. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.events;

import org.jspecify.annotations.NullMarked;
