/**
 * The store contract test kit. To check your own {@link dev.scimsync.server.store.UserStore} and
 * {@link dev.scimsync.server.store.GroupStore}, extend {@link
 * dev.scimsync.store.tck.UserStoreContract} and {@link dev.scimsync.store.tck.GroupStoreContract}
 * in your test sources and implement their factory method; JUnit 5 runs every inherited test.
 *
 * <h2>Setup</h2>
 *
 * <p>The kit is written for JUnit 5 (Jupiter) and built and tested with JUnit 5.14. Add {@code
 * dev.scimsync:scim-store-tck} with {@code test} scope: it brings {@code junit-jupiter-api}, {@code
 * junit-jupiter-params} and {@code assertj-core}. Add a Jupiter engine ({@code
 * junit-jupiter-engine}, or the {@code junit-jupiter} aggregate) to run the tests, and import
 * {@code org.junit:junit-bom} in {@code dependencyManagement} so that every JUnit artifact has one
 * version:
 *
 * <pre>{@code
 * <dependencyManagement>
 *   <dependencies>
 *     <dependency>
 *       <groupId>org.junit</groupId>
 *       <artifactId>junit-bom</artifactId>
 *       <version>5.14.4</version>
 *       <type>pom</type>
 *       <scope>import</scope>
 *     </dependency>
 *   </dependencies>
 * </dependencyManagement>
 * <dependencies>
 *   <dependency>
 *     <groupId>dev.scimsync</groupId>
 *     <artifactId>scim-store-tck</artifactId>
 *     <scope>test</scope>
 *   </dependency>
 *   <dependency>
 *     <groupId>org.junit.jupiter</groupId>
 *     <artifactId>junit-jupiter-engine</artifactId>
 *     <scope>test</scope>
 *   </dependency>
 * </dependencies>
 * }</pre>
 *
 * <p>Then, in a class Maven Surefire runs (named {@code *Test}):
 *
 * <pre>{@code
 * class MyUserStoreContractTest extends UserStoreContract {
 *   @Override
 *   protected UserStore newUserStore() {
 *     return new MyUserStore(dataSource);   // a new store, without data of the kit's tenants
 *   }
 * }
 * }</pre>
 *
 * <p>{@code GroupStoreContract} works the same way ({@code newGroupStore()}); override its {@code
 * memberId(int)} when your store checks that members exist, and {@code honorsOmitMembers()} when
 * it returns {@code members} even when asked to leave them out. Tests of optional features a store
 * does not declare (cursors) are skipped, not failed. The module {@code examples} of this project
 * runs the kit against a map-based store written only against the public SPI.
 *
 * <p>The kit is not a named module (it is meant for the test class path); its jar declares the
 * automatic module name {@code dev.scimsync.store.tck}. Tests use the tenants {@code
 * tck-tenant-a}, {@code tck-tenant-b} and {@code tck-empty}; each test asks the factory for a new
 * store and expects those tenants to be empty in it. The whole kit runs in a few seconds against
 * the in-memory stores; concurrency tests use 8 threads.
 */
@NullMarked
package dev.scimsync.store.tck;

import org.jspecify.annotations.NullMarked;
