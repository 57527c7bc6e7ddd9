/**
 * Standard Webhooks: secrets ({@code whsec_...}), signing, an HTTP transport for the delivery
 * engine, and a verifier for receivers. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.events.webhook;

import org.jspecify.annotations.NullMarked;
