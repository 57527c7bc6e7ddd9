package dev.scimsync.client;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.resource.Reference;

import dev.scimsync.filter.Filter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A PATCH request under construction, e.g. {@code users.patch(id).replace("active", false).send()}.
 *
 * <p>Mutable and fluent, like {@code User.Builder} and {@code Group.Builder}: each method adds to
 * this builder and returns it, so {@code p.replace(...)} on a line of its own is not lost (with an
 * immutable builder, forgetting {@code p = p.replace(...)} silently dropped the operation). Not
 * thread-safe; {@link #request()} takes an immutable snapshot.
 *
 * <p>Paths are parsed with scim-filter's strict parser when added, so an invalid path fails (400
 * invalidPath) before anything is sent. Value filters are given as {@link Filter}s ({@code
 * remove("members", Filter.eq("value", id))}), never spliced into strings. Values may be JSON
 * nodes, strings, booleans, numbers, scim-core value types ({@code MultiValue}, {@code Reference},
 * ...), collections (JSON arrays) or maps (JSON objects).
 *
 * @param <T> the resource type
 */
public final class PatchBuilder<T> {

  private final ResourceClient<T> owner;
  private final String id;
  private final List<PatchOperation> operations = new ArrayList<>();
  private @Nullable String ifMatch;

  PatchBuilder(ResourceClient<T> owner, String id) {
    this.owner = owner;
    this.id = id;
  }

  private PatchBuilder<T> with(PatchOperation op) {
    operations.add(op);
    return this;
  }

  /** Adds an {@code add} of {@code value} at {@code path} (null path: merge into the resource). */
  public PatchBuilder<T> add(String path, Object value) {
    return with(PatchOperation.add(path, Values.toJson(value)));
  }

  /** Adds a {@code replace} with {@code value} at {@code path} (null path: the listed attributes). */
  public PatchBuilder<T> replace(String path, Object value) {
    return with(PatchOperation.replace(path, Values.toJson(value)));
  }

  /**
   * Adds a {@code replace} of the values of {@code attribute} that {@code valueFilter} selects,
   * e.g. {@code replace("emails", Filter.eq("type", "work"), Map.of("value", "b@example.com"))}.
   */
  public PatchBuilder<T> replace(String attribute, Filter valueFilter, Object value) {
    return replace(valuePath(attribute, valueFilter), value);
  }

  /** Adds a {@code remove} of what {@code path} selects, e.g. {@code title}. */
  public PatchBuilder<T> remove(String path) {
    return with(PatchOperation.remove(path));
  }

  /**
   * Adds a {@code remove} of the values of {@code attribute} that {@code valueFilter} selects, e.g.
   * {@code remove("members", Filter.eq("value", id))}; the filter is printed by scim-filter, so
   * quotes in values are escaped.
   */
  public PatchBuilder<T> remove(String attribute, Filter valueFilter) {
    return remove(valuePath(attribute, valueFilter));
  }

  /** Adds a {@code remove} of the listed values at {@code path} (Entra ID's form of member removal). */
  public PatchBuilder<T> remove(String path, Object values) {
    return with(PatchOperation.of(PatchOperation.Op.REMOVE, path, Values.toJson(values)));
  }

  /** Adds an {@code add} of the resources with {@code ids} to {@code members}. */
  public PatchBuilder<T> addMembers(String... ids) {
    return add("members", Arrays.stream(ids).map(Reference::of).toList());
  }

  /**
   * Adds one {@code remove} per id of {@code members[value eq "<id>"]} (RFC 7644 §3.5.2.2), the
   * form every server understands.
   */
  public PatchBuilder<T> removeMembers(String... ids) {
    for (String memberId : ids) {
      remove("members", Filter.eq("value", Objects.requireNonNull(memberId, "id")));
    }
    return this;
  }

  /** Sends {@code If-Match: version}, so the PATCH fails with 412 if the resource changed. */
  public PatchBuilder<T> ifMatch(String version) {
    this.ifMatch = version;
    return this;
  }

  /** A snapshot of the request built so far. */
  public PatchRequest request() {
    return new PatchRequest(operations);
  }

  /**
   * Sends the request; see {@link ResourceClient#patch(String, PatchRequest, String)}: the status,
   * the new version (also after 204) and the resource when the server returns it.
   */
  public PatchResponse<T> send() {
    return owner.patch(id, request(), ifMatch);
  }

  /** Sends the request and returns the resource, reading it with a GET when the server sent 204. */
  public T sendAndGet() {
    return send().resource().orElseGet(() -> owner.get(id));
  }

  private static String valuePath(String attribute, Filter valueFilter) {
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(valueFilter, "valueFilter");
    return attribute + "[" + valueFilter + "]";
  }
}
