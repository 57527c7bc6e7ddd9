/**
 * SCIM events as Security Event Tokens (RFC 9967 over RFC 8417): {@link dev.scimsync.set.SetEncoder}
 * turns provisioning events into SETs, {@link dev.scimsync.set.SetSigner} signs them through
 * Nimbus JOSE+JWT, {@link dev.scimsync.set.SetPushTransport} pushes one (RFC 8935) and {@link
 * dev.scimsync.set.SetPollEndpoint} offers them for poll (RFC 8936) from a {@link
 * dev.scimsync.set.PendingSetStore}. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.set;

import org.jspecify.annotations.NullMarked;
