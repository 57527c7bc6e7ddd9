/**
 * The transactional outbox: the server hands each write's {@link
 * dev.scimsync.server.event.ProvisioningEvent}s to an {@link
 * dev.scimsync.server.event.outbox.EventOutbox} that records them atomically with the change, and
 * a delivery engine reads them back through a {@link
 * dev.scimsync.server.event.outbox.DeliveryLedger}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server.event.outbox;

import org.jspecify.annotations.NullMarked;
