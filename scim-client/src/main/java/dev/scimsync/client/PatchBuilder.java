package dev.scimsync.client;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PATCH request under construction, e.g. {@code users.patch(id).replace("active", false).send()}.
 * Immutable: each method returns a new builder. Paths are parsed with scim-filter's strict parser
 * when added, so an invalid path fails (400 invalidPath) before anything is sent. Values may be
 * JSON nodes, strings, booleans, numbers, scim-core value types ({@code MultiValue}, {@code Reference},
 * ...), collections (JSON arrays) or maps (JSON objects).
 *
 * @param <T> the resource type
 */
public final class PatchBuilder<T> {

  private final ResourceClient<T> owner;
  private final String id;
  private final List<PatchOperation> operations;
  private final String ifMatch;

  PatchBuilder(ResourceClient<T> owner, String id, List<PatchOperation> operations, String ifMatch) {
    this.owner = owner;
    this.id = id;
    this.operations = List.copyOf(operations);
    this.ifMatch = ifMatch;
  }

  private PatchBuilder<T> with(PatchOperation op) {
    List<PatchOperation> ops = new ArrayList<>(operations);
    ops.add(op);
    return new PatchBuilder<>(owner, id, ops, ifMatch);
  }

  /** Adds an {@code add} of {@code value} at {@code path} (null path: merge into the resource). */
  public PatchBuilder<T> add(String path, Object value) {
    return with(PatchOperation.add(path, Values.toJson(value)));
  }

  /** Adds a {@code replace} with {@code value} at {@code path} (null path: the listed attributes). */
  public PatchBuilder<T> replace(String path, Object value) {
    return with(PatchOperation.replace(path, Values.toJson(value)));
  }

  /** Adds a {@code remove} of what {@code path} selects, e.g. {@code members[value eq "2819c223"]}. */
  public PatchBuilder<T> remove(String path) {
    return with(PatchOperation.remove(path));
  }

  /** Adds a {@code remove} of the listed values at {@code path} (Entra ID's form of member removal). */
  public PatchBuilder<T> remove(String path, Object values) {
    return with(PatchOperation.of(dev.scimsync.core.message.PatchOperation.Op.REMOVE, path, Values.toJson(values)));
  }

  /** Sends {@code If-Match: version}, so the PATCH fails with 412 if the resource changed. */
  public PatchBuilder<T> ifMatch(String version) {
    return new PatchBuilder<>(owner, id, operations, version);
  }

  /** The request built so far. */
  public PatchRequest request() {
    return new PatchRequest(operations);
  }

  /**
   * Sends the request; see {@link ResourceClient#patch(String, PatchRequest, String)}: the resource
   * when the server returns it (200), empty for 204.
   */
  public Optional<T> send() {
    return owner.patch(id, request(), ifMatch);
  }

  /** Sends the request and returns the resource, reading it with a GET when the server sent 204. */
  public T sendAndGet() {
    return send().orElseGet(() -> owner.get(id));
  }
}
