/**
 * A store written the way an application writes its own: a small map-based {@code UserStore} and
 * {@code GroupStore} on nothing but the public SPI, checked by the store contract kit
 * ({@code scim-store-tck}) in this module's tests. Not tuned for size: every search scans the
 * tenant's resources, and one lock serialises all writes.
 */
package dev.scimsync.examples.store;
