/**
 * In-memory stores: {@link dev.scimsync.server.store.memory.InMemoryUserStore}, {@link
 * dev.scimsync.server.store.memory.InMemoryGroupStore} and {@link
 * dev.scimsync.server.store.memory.InMemoryResourceStore} for custom types, one implementation
 * ({@link dev.scimsync.server.store.memory.InMemoryStore}) with per-type indexes, and {@link
 * dev.scimsync.server.store.memory.InMemorySnapshot} to keep their data across restarts.
 *
 * <h2>Tenants and locking</h2>
 * Each tenant has its own maps and indexes and one {@link
 * java.util.concurrent.locks.ReentrantReadWriteLock}: reads ({@code get}, {@code search}, {@code
 * groupsOf}) share it, every write holds it exclusively from the version and uniqueness checks to
 * the last index update, so check-and-write is one atomic step. Tenants never block one another.
 * Costly preparation (JSON sizes, password hashing) runs before the lock is taken.
 *
 * <h2>Ids, versions, metadata</h2>
 * Ids are random UUIDs. {@code meta} holds {@code resourceType}, {@code created}, {@code
 * lastModified} (instants of the store's {@link java.time.Clock}, ISO-8601) and {@code version}
 * {@code W/"n"}, where n counts the writes of the resource (1 on create). {@code meta.location} is
 * not stored; the server adds it. An {@code expectedVersion} is compared as an {@code If-Match}
 * header ({@link dev.scimsync.core.resource.ETags#matches}): weakly, and {@code *} matches.
 *
 * <h2>Indexes and the search planner</h2>
 * Hash indexes map the string values of indexed attributes to resource ids, keyed by the value's
 * case fold unless the attribute is {@code caseExact}: Users index {@code userName}, {@code
 * externalId}, {@code emails.value} and {@code displayName}; Groups {@code displayName}, {@code
 * externalId} and (as a reverse index member to groups) {@code members.value}; every store {@code
 * id}. The unique attributes' indexes also enforce uniqueness. The planner looks at the filter:
 * <ul>
 *   <li>{@code attr eq "text"} on an indexed attribute (also {@code emails[value eq "x"]} and
 *       {@code emails eq "x"}) takes its candidates from the index;
 *   <li>{@code a and b ...} takes the smallest candidate set among its indexed operands;
 *   <li>{@code a or b ...} takes the union when every operand is indexed;
 *   <li>anything else scans every resource of the tenant.
 * </ul>
 * The whole filter is then evaluated on each candidate, so the index only narrows, never decides.
 *
 * <h2>Scanning every resource</h2>
 * A tenant keeps its resources, in the default order, as the rows of a {@link
 * dev.scimsync.filter.eval.ResourceTable}: the first search that filters on a path makes a column
 * of what the path finds in every resource, every write updates the columns of its resource, and
 * a scan reads attributes from the columns, 32 rows at a time, instead of walking each resource's
 * tree from its root. The table keeps at most {@link dev.scimsync.filter.eval.ResourceTable#MAX_COLUMNS}
 * columns (one reference and one bit per resource each; not counted in the byte quota), dropping
 * the least recently used. It is made again by the next search after a transaction puts an
 * entry back in the middle of the order or after most of its rows were emptied by deletions.
 * A filter naming the delegated values (members) or the computed {@code groups} reads each
 * resource with those, without the table.
 *
 * <h2>Order and paging</h2>
 * The default order is creation order (a per-tenant sequence number, kept by replace and update).
 * {@code sortBy} sorts by {@link dev.scimsync.core.resource.Sorting}'s keys, the one definition
 * the server also uses for stores that cannot sort; descending is the reverse, except that ties keep
 * the default order in both directions. Index paging slices that order. Cursors are keyset
 * positions (sort key and sequence number of the last resource of the page), opaque base64url,
 * unsigned (the server signs them); a cursor the store cannot read gives 400 {@code invalidValue}.
 *
 * <h2>Quotas and passwords</h2>
 * {@link dev.scimsync.server.store.memory.StoreLimits} caps, per tenant, the number of resources
 * and their bytes (as compact JSON; 413 beyond) and the values of one multi-valued attribute (400
 * {@code invalidValue} beyond); one tenant reaching its quota does not affect another. A {@code
 * password} is kept only as a salted PBKDF2 hash, in memory and in snapshots.
 *
 * <h2>Writes that change nothing</h2>
 * A replace or update whose result equals the stored resource (a PATCH re-adding a member) keeps
 * its version and {@code lastModified}.
 *
 * <h2>Groups and users</h2>
 * Deleting a user does not touch groups: the server calls {@link
 * dev.scimsync.server.store.GroupStore#removeFromAllGroups}, which uses the reverse index and
 * gives every group it changes a new version.
 */
@NullMarked
package dev.scimsync.server.store.memory;

import org.jspecify.annotations.NullMarked;
