/**
 * The store SPI: what an application implements to keep SCIM resources in its own database
 * ({@link dev.scimsync.server.store.UserStore}, {@link dev.scimsync.server.store.GroupStore}), and
 * the values passed across it, and forwarding stores for decorating one ({@link
 * dev.scimsync.server.store.ForwardingUserStore}). Checked by the store contract kit
 * (scim-store-tck). Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.scimsync.server.store;

import org.jspecify.annotations.NullMarked;
