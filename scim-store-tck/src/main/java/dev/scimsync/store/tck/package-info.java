/**
 * The store contract test kit. To check your own {@link dev.scimsync.server.store.UserStore} and
 * {@link dev.scimsync.server.store.GroupStore}, extend {@link
 * dev.scimsync.store.tck.UserStoreContract} and {@link dev.scimsync.store.tck.GroupStoreContract}
 * in your test sources and implement their factory method; JUnit 5 runs every inherited test.
 *
 * <p>The kit is not a named module (it is meant for the test class path); its jar declares the
 * automatic module name {@code dev.scimsync.store.tck}. Tests use the tenants {@code
 * tck-tenant-a}, {@code tck-tenant-b} and {@code tck-empty}; each test asks the factory for a new
 * store and expects those tenants to be empty in it. The whole kit runs in a few seconds against
 * the in-memory stores; concurrency tests use 8 threads.
 */
package dev.scimsync.store.tck;
