package dev.scimsync.server.store;

import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Storage for one resource type, implemented by the application on its own database (or the
 * in-memory store). The server has already authenticated, validated and normalised everything a
 * store receives; the store keeps data, enforces uniqueness and versions atomically, and answers
 * queries. Every method takes a {@link StoreContext} and must only see that tenant's data.
 *
 * <p>Contract, checked by the store contract test kit:
 *
 * <ul>
 *   <li><b>ids</b>: {@link #create} assigns a new, unique, case-exact, never reused {@code id} (not
 *       containing "bulkId") and {@code meta.created}, {@code meta.lastModified}, {@code
 *       meta.resourceType} and {@code meta.version}. {@code meta.location} is the server's.
 *   <li><b>reads return what writes returned</b>: the resource that {@link #create}, {@link
 *       #replace} and {@link #update} return equals what a later {@link #get} returns, exactly
 *       (attribute for attribute, including {@code meta} and the order of multi-valued values).
 *   <li><b>timestamps</b>: {@code meta.created} and {@code meta.lastModified} have millisecond
 *       precision: a store truncates them to milliseconds (or coarser, e.g. a database column of
 *       seconds) before it stores them, and returns the truncated value from the write too.
 *   <li><b>versions</b>: every write that changes the resource sets a new {@code meta.version} (an
 *       entity tag such as {@code W/"3"}); a write that changes nothing (a PUT of the same
 *       content, a PATCH re-adding a member it already has) keeps it, so that writers using
 *       {@code If-Match} get no needless 412. A write with a non-null {@code expectedVersion}
 *       that is not the current version fails with status 412 and changes nothing. Check and
 *       write are one atomic step.
 *   <li><b>passwords</b>: a User's {@code password} reaches the store in clear text (the server
 *       never logs it). A store keeps only a salted, slow hash of it (e.g. PBKDF2, bcrypt,
 *       argon2) or nothing, and must never return it, in clear text or hashed, from {@link
 *       #get}, {@link #search} or any other method ({@code returned: never}, RFC 7643 §4.1.1). A
 *       PUT or PATCH without a password keeps the stored one. The server refuses filters and
 *       {@code sortBy} on {@code password}, so a store never receives one.
 *   <li><b>uniqueness</b>: writes that would give two resources of the tenant the same value of a
 *       unique attribute fail with status 409 and scimType {@code uniqueness}, also under
 *       concurrent requests (exactly one of two racing creates wins).
 *   <li><b>not found</b>: reads return empty and writes fail with 404 for ids the tenant does not have.
 *   <li><b>queries</b>: results match the filter, follow the sort (ties broken by a stable order,
 *       e.g. id), and pages are stable: paging through an unchanged store visits each match once.
 *       {@code totalResults} counts all matches. A store is asked only for filters it {@linkplain
 *       #supportsFilter supports}; among them, filters on {@code meta.resourceType} (always the
 *       store's {@link #resourceType()}), {@code meta.created} and {@code meta.lastModified}.
 *   <li><b>multi-valued values</b>: values of a multi-valued attribute come back in any order (RFC
 *       7643 §2.4), but in the same order on every read. Adding a value that is already there
 *       (same {@code value}) merges its sub-attributes into the existing value instead of adding a
 *       second one, also when the change comes as a {@link dev.scimsync.core.patch.ValueDelta}.
 * </ul>
 *
 * <p>Errors: throw {@link dev.scimsync.core.error.ScimException} with the status named on each
 * method ({@code ScimException.notFound}, {@code uniqueness}, {@code preconditionFailed}); any
 * other exception becomes a 500 without details.
 */
public interface ResourceStore {

  /** The resource type this store holds, e.g. {@code User}. */
  String resourceType();

  /**
   * Stores a new resource and returns it as stored, with {@code id} and {@code meta}.
   *
   * @throws dev.scimsync.core.error.ScimException 409 uniqueness
   */
  ScimResource create(StoreContext ctx, ScimResource resource);

  /**
   * The resource with {@code id}, or empty. Attributes named in {@code omit} may be left out.
   */
  Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit);

  /** The resource with {@code id} with every attribute, or empty. */
  default Optional<ScimResource> get(StoreContext ctx, String id) {
    return get(ctx, id, Set.of());
  }

  /**
   * The resources among {@code ids} that exist in the tenant, by id (ids that do not exist are
   * missing from the map); attributes named in {@code omit} may be left out. The server resolves
   * group members with it ({@code display}, {@code type}, {@code $ref}, and the check that a member
   * exists), so a store on a database should answer many ids with few queries. The default asks
   * {@link #get(StoreContext, String, Set)} once per id.
   */
  default Map<String, ScimResource> getAll(StoreContext ctx, Collection<String> ids, Set<String> omit) {
    Map<String, ScimResource> out = new LinkedHashMap<>();
    for (String id : ids) {
      if (!out.containsKey(id)) {
        get(ctx, id, omit).ifPresent(r -> out.put(id, r));
      }
    }
    return out;
  }

  /**
   * Replaces every attribute of resource {@code id} with those of {@code resource} (PUT); {@code
   * id} and {@code meta.created} stay.
   *
   * @param expectedVersion the version the client saw ({@code If-Match}), or null for no check
   * @throws dev.scimsync.core.error.ScimException 404, 409 uniqueness, 412
   */
  ScimResource replace(StoreContext ctx, String id, ScimResource resource, @Nullable String expectedVersion);

  /**
   * Writes the result of a PATCH. With {@code deltaAttribute} null, {@code patch.resource()} is the
   * whole resource and replaces the stored one, as {@link #replace} does. Otherwise {@code
   * patch.resource()} holds every attribute but {@code deltaAttribute} (which is {@link
   * #deltaAttribute()}, e.g. {@code members}): the store replaces those and applies the {@link
   * dev.scimsync.core.patch.ValueDelta} {@code patch.changes().delta(deltaAttribute)} to the stored
   * values of {@code deltaAttribute} — without reading or rewriting its other values. A store
   * whose {@link #deltaAttribute()} is null may implement this as {@link #replace}.
   *
   * @param deltaAttribute the attribute whose changes come as a delta (its values were not
   *     loaded), or null when {@code patch.resource()} is complete
   * @throws dev.scimsync.core.error.ScimException 404, 409 uniqueness, 412
   */
  UpdateResult update(StoreContext ctx, String id, PatchResult patch, @Nullable String deltaAttribute,
      @Nullable String expectedVersion);

  /**
   * Deletes resource {@code id}.
   *
   * @throws dev.scimsync.core.error.ScimException 404, 412
   */
  void delete(StoreContext ctx, String id, @Nullable String expectedVersion);

  /** One page of the resources matching {@code query}. */
  ResourcePage search(StoreContext ctx, ResourceQuery query);

  /**
   * Whether {@link #search} evaluates {@code filter} itself. When false, the server never passes
   * {@code filter} to {@link #search}: it asks for candidates without a filter and evaluates it in
   * memory, up to {@code ServerOptions.inMemoryFilterCap()}. The default evaluates nothing
   * natively, so a store may start by answering only unfiltered searches; the store contract kit
   * then checks that unfiltered searches return every resource the filter would match.
   */
  default boolean supportsFilter(Filter filter) {
    return false;
  }

  /**
   * The attributes whose values this store keeps unique per tenant (409 uniqueness), as paths
   * such as {@code userName} or {@code externalId}; {@code /Schemas} publishes them with {@code
   * uniqueness: server}. The default is none.
   */
  default Set<String> uniqueAttributes() {
    return Set.of();
  }

  /** Whether {@link #search} supports cursor pagination. */
  default boolean supportsCursors() {
    return false;
  }

  /**
   * The multi-valued attribute this store can update by delta in {@link #update} (e.g. {@code
   * members}), or null when every PATCH should come with the whole resource.
   */
  default @Nullable String deltaAttribute() {
    return null;
  }
}
