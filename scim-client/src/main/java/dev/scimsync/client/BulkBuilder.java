package dev.scimsync.client;

import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.resource.Group;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A bulk request under construction (RFC 7644 §3.7), e.g.
 * {@code scim.bulk().create(alice, "alice").patch("/Groups", gid, p -> p.addMembers("bulkId:alice")).send()}.
 * Mutable and fluent, like the resource builders and {@link PatchBuilder}; not thread-safe. A
 * resource created earlier in the same request is referred to as {@code bulkId:<bulkId>}.
 */
public final class BulkBuilder {

  private final ScimClient client;
  private final List<BulkOperation> operations = new ArrayList<>();
  private @Nullable Integer failOnErrors;

  BulkBuilder(ScimClient client) {
    this.client = client;
  }

  /** Adds a POST of {@code user} to {@code /Users}, known in this request as {@code bulkId:<bulkId>}. */
  public BulkBuilder create(User user, String bulkId) {
    return create("/Users", user.toResource(), bulkId);
  }

  /** Adds a POST of {@code group} to {@code /Groups}, known in this request as {@code bulkId:<bulkId>}. */
  public BulkBuilder create(Group group, String bulkId) {
    return create("/Groups", group.toResource(), bulkId);
  }

  /** Adds a POST of {@code resource} to {@code endpoint} (e.g. {@code /Devices}). */
  public BulkBuilder create(String endpoint, ScimResource resource, String bulkId) {
    Objects.requireNonNull(bulkId, "bulkId");
    return add(new BulkOperation(BulkMethod.POST, bulkId, null, endpoint(endpoint), resource.json()));
  }

  /** Adds a PUT of {@code user}, which carries its id; its {@code meta.version} becomes the operation's version. */
  public BulkBuilder replace(User user) {
    return replace("/Users", user.toResource());
  }

  /** Adds a PUT of {@code group}, which carries its id; its {@code meta.version} becomes the operation's version. */
  public BulkBuilder replace(Group group) {
    return replace("/Groups", group.toResource());
  }

  /** Adds a PUT of {@code resource} (which carries its id) at {@code endpoint}. */
  public BulkBuilder replace(String endpoint, ScimResource resource) {
    String id = resource.id();
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("the resource to replace has no id");
    }
    return add(new BulkOperation(BulkMethod.PUT, null, resource.version(), endpoint(endpoint) + "/" + id,
        resource.json()));
  }

  /** Adds a PATCH of the resource {@code id} at {@code endpoint} with {@code request}. */
  public BulkBuilder patch(String endpoint, String id, PatchRequest request) {
    return patch(endpoint, id, request, null);
  }

  /** Adds a PATCH with {@code version} as the operation's version ({@code If-Match}); null for none. */
  public BulkBuilder patch(String endpoint, String id, PatchRequest request, @Nullable String version) {
    Objects.requireNonNull(request, "request");
    return add(new BulkOperation(BulkMethod.PATCH, null, version, endpoint(endpoint) + "/" + requireId(id),
        request.toJson()));
  }

  /**
   * Adds a PATCH built with the same {@link PatchBuilder} as single requests, e.g. {@code
   * patch("/Groups", gid, p -> p.addMembers("bulkId:alice"))}.
   */
  public BulkBuilder patch(String endpoint, String id, Consumer<PatchBuilder<ScimResource>> operations) {
    PatchBuilder<ScimResource> p = client.resources(endpoint).patch(requireId(id));
    operations.accept(p);
    return patch(endpoint, id, p.request());
  }

  /** Adds a DELETE of the resource {@code id} at {@code endpoint}. */
  public BulkBuilder delete(String endpoint, String id) {
    return add(new BulkOperation(BulkMethod.DELETE, null, null, endpoint(endpoint) + "/" + requireId(id), null));
  }

  /** Stops after {@code n} errors (RFC 7644 {@code failOnErrors}); by default every operation is tried. */
  public BulkBuilder failOnErrors(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("failOnErrors must be at least 1: " + n);
    }
    this.failOnErrors = n;
    return this;
  }

  /** A snapshot of the request built so far. */
  public BulkRequest request() {
    return new BulkRequest(failOnErrors, operations);
  }

  /** Runs the request; see {@link ScimClient#bulk(BulkRequest)}. */
  public BulkResult send() {
    return client.bulk(request());
  }

  private BulkBuilder add(BulkOperation op) {
    operations.add(op);
    return this;
  }

  private static String endpoint(String endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String e = endpoint.startsWith("/") ? endpoint : "/" + endpoint;
    return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
  }

  private static String requireId(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("the id is blank");
    }
    return id;
  }
}
