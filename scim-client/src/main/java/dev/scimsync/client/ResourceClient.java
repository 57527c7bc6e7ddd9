package dev.scimsync.client;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.internal.Access;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations on one resource type endpoint, e.g. {@code /Users}, typed as {@code T} ({@link
 * dev.scimsync.core.resource.User}, {@link dev.scimsync.core.resource.Group}, or {@link
 * ScimResource} for any type). Immutable and thread-safe; obtain from {@link ScimClient}.
 *
 * <p>Every method throws {@link ScimClientException} (or a subclass: {@link ScimNotFoundException},
 * {@link ScimConflictException}, {@link ScimPreconditionFailedException}, {@link
 * ScimRateLimitedException}, {@link ScimServiceUnavailableException}, {@link
 * ScimConnectionException}, {@link ScimOutcomeUnknownException}) when the request fails.
 *
 * <p>Writes stay exactly-once when a response is lost: a retried PUT or PATCH with {@code If-Match}
 * that gets 412 is checked against the resource read back, a retried DELETE that gets 404 has
 * succeeded, and a POST is repeated only after the uniqueness lookup of {@link #create} shows the
 * resource absent.
 *
 * @param <T> the Java type of the resources
 */
public final class ResourceClient<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceClient.class);

  private final ScimClient client;
  private final ResourceMapper<T> mapper;
  private final List<String> segments;

  ResourceClient(ScimClient client, ResourceMapper<T> mapper) {
    this.client = client;
    this.mapper = mapper;
    this.segments = mapper.segments();
  }

  /** The endpoint relative to the base URL, e.g. {@code /Users}. */
  public String endpoint() {
    return mapper.endpoint();
  }

  // ---------------------------------------------------------------- create

  /**
   * Creates {@code resource} (POST) and returns it as stored, with {@code id} and {@code meta}.
   *
   * <p>After a connection failure that may have reached the server, the POST is retried only if a
   * lookup shows the resource was not created: for users by {@code userName} (else {@code
   * externalId}), for groups by {@code externalId} (else {@code displayName}). If the lookup finds
   * it, that resource is returned. Types without a derivable filter are not retried; use {@link
   * #create(Object, Filter)}.
   */
  public T create(T resource) {
    Objects.requireNonNull(resource, "resource");
    return create(resource, mapper.uniqueness().apply(resource));
  }

  /**
   * Creates {@code resource}; after a connection failure, {@code uniqueness} (a filter that
   * matches this resource only, e.g. {@code externalId eq "..."}; null for none) decides as {@link
   * #create(Object)} describes.
   */
  public T create(T resource, @Nullable Filter uniqueness) {
    ObjectNode body = mapper.write().apply(resource).json();
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        HttpResult r = client.transport().send(Transport.Req.post().path(segments).body(body));
        return readCreated(r);
      } catch (ScimClientException e) {
        // a connection failure or a 500/502/504 the policy retries: the POST may have been applied
        if (e.giveUpReason() != GiveUpReason.UNSAFE_TO_RETRY || uniqueness == null) {
          throw e;
        }
        List<T> found = search(uniqueness).pageSize(2).firstPage().resources();
        if (found.size() == 1) {
          LOG.info("POST {} may have been processed ({}), and the resource exists: returning it", endpoint(),
            e.status() == 0 ? "connection failure" : e.status());
          return found.get(0);
        }
        if (found.size() > 1) {
          throw new ScimClientException(e.status(), e.scimType(), "the POST may have been processed and the "
              + "uniqueness lookup found " + found.size() + " resources, so it is not retried", e.requestId(), "POST",
              e.path(), e);
        }
        if (!client.transport().retryAfterFailure(attempt, "POST", e.path())) {
          throw e;
        }
        LOG.info("POST {} may have been processed, but the resource does not exist: retrying", endpoint());
      }
    }
  }

  private T readCreated(HttpResult r) {
    if (!r.hasBody()) {
      String location = r.header("Location");
      if (location != null) {
        String id = location.substring(location.lastIndexOf('/') + 1);
        return get(id);
      }
      throw r.unreadable("the server created the resource but returned neither a body nor a Location");
    }
    return read(r);
  }

  // ---------------------------------------------------------------- read

  /** The resource with {@code id}, with the server's default attributes. */
  public T get(String id) {
    return get(id, AttributeSelection.defaults());
  }

  /** The resource with {@code id}, with the attributes {@code selection} asks for. */
  public T get(String id, AttributeSelection selection) {
    return read(client.transport().send(getReq(id, selection)));
  }

  /** The resource with {@code id}, or empty when the server answers 404. */
  public Optional<T> find(String id) {
    try {
      return Optional.of(get(id));
    } catch (ScimNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The resource with {@code id} if its version differs from {@code version} ({@code
   * If-None-Match}); empty when the server answers 304 Not Modified.
   */
  public Optional<T> getIfModified(String id, String version) {
    Objects.requireNonNull(version, "version");
    HttpResult r = client.transport().send(getReq(id, AttributeSelection.defaults()).header("If-None-Match", version));
    if (r.status() == 304) {
      return Optional.empty();
    }
    return Optional.of(read(r));
  }

  private Transport.Req getReq(String id, AttributeSelection selection) {
    Objects.requireNonNull(selection, "selection");
    return Transport.Req.get().path(segments).path(requireId(id))
        .query("attributes", selection.attributesParam())
        .query("excludedAttributes", selection.excludedParam());
  }

  // ---------------------------------------------------------------- replace

  /**
   * Replaces the resource (PUT) with {@code resource}, which must carry its {@code id}. When it
   * carries {@code meta.version}, that is sent as {@code If-Match}, so that a concurrent change
   * gives {@link ScimPreconditionFailedException} instead of being overwritten.
   */
  public T replace(T resource) {
    ScimResource r = mapper.write().apply(resource);
    return replace(resource, r.version());
  }

  /** Replaces the resource (PUT); {@code ifMatch} is sent as {@code If-Match} unless null. */
  public T replace(T resource, @Nullable String ifMatch) {
    ScimResource r = mapper.write().apply(resource);
    String id = r.id();
    if (id == null) {
      throw new IllegalArgumentException("the resource to replace has no id");
    }
    return putResource(id, r, ifMatch);
  }

  /**
   * A PUT that was refused with 412 after an earlier attempt may have been applied (its response
   * was lost) is checked by reading the resource: when it holds every attribute that was sent, the
   * write succeeded and the resource is returned; otherwise {@link ScimOutcomeUnknownException}.
   */
  private T putResource(String id, ScimResource r, @Nullable String ifMatch) {
    HttpResult res;
    try {
      res = client.transport().send(Transport.Req.put().path(segments).path(id).body(r.json())
          .header("If-Match", ifMatch));
    } catch (ScimPreconditionFailedException e) {
      if (!e.earlierAttemptMayHaveApplied()) {
        throw e;
      }
      ScimResource current = readResource(client.transport().send(getReq(id, AttributeSelection.defaults())));
      if (WrittenState.holds(r.json(), current.json())) {
        LOG.info("PUT {}/{}: the retry got 412, but the resource holds what was written: the first attempt applied",
            endpoint(), id);
        return mapper.read().apply(current);
      }
      throw new ScimOutcomeUnknownException("the PUT may have been applied by an attempt whose response was lost; "
          + "the retry was refused (412) and the resource does not hold the written state", "PUT", e.path(), e);
    }
    return res.hasBody() ? read(res) : get(id);
  }

  // ---------------------------------------------------------------- patch

  /** A fluent PATCH of the resource with {@code id}; paths are checked when added. */
  public PatchBuilder<T> patch(String id) {
    return new PatchBuilder<>(this, requireId(id));
  }

  /** {@link #patch(String, PatchRequest, String)} without {@code If-Match}. */
  public PatchResponse<T> patch(String id, PatchRequest request) {
    return patch(id, request, null);
  }

  /**
   * Modifies the resource (PATCH). Returns the status, the new version (the {@code ETag} header,
   * also after 204 No Content) and the resource when the server sends it (200); use {@link
   * PatchBuilder#sendAndGet()} to always get the resource (one more GET after a 204). No GET is made
   * here, so a caller that does not need the result pays for none.
   *
   * <p>When a PATCH with {@code If-Match} is retried after an attempt whose response was lost and
   * the retry gets 412 (the first attempt may have changed the version), the resource is read and
   * the operations are applied to it locally: when that changes nothing, the first attempt was
   * applied and the resource read is returned; otherwise {@link ScimOutcomeUnknownException}.
   *
   * <p>When the server does not support PATCH ({@code patch.supported} false in its
   * ServiceProviderConfig, or 405/501 to a PATCH), the operations are applied locally with
   * scim-core's {@link PatchEngine} to a fresh GET and sent as a PUT with {@code If-Match} of the
   * version read (repeated up to three times on 412 when the caller gave no {@code ifMatch}); the
   * result is then always present.
   *
   * @param ifMatch sent as {@code If-Match} unless null
   */
  public PatchResponse<T> patch(String id, PatchRequest request, @Nullable String ifMatch) {
    requireId(id);
    Objects.requireNonNull(request, "request");
    if (!client.patchSupported()) {
      return viaPut(id, request, ifMatch);
    }
    HttpResult r;
    try {
      r = client.transport().send(Transport.Req.patch().path(segments).path(id).body(request.toJson())
          .header("If-Match", ifMatch));
    } catch (ScimPreconditionFailedException e) {
      if (!e.earlierAttemptMayHaveApplied()) {
        throw e;
      }
      return patchAlreadyApplied(id, request, e);
    } catch (ScimClientException e) {
      if (e.status() == 405 || e.status() == 501) {
        LOG.info("{} answered {} to PATCH; falling back to GET and PUT", endpoint(), e.status());
        client.markPatchUnsupported();
        return viaPut(id, request, ifMatch);
      }
      throw e;
    }
    if (r.status() == 204 || !r.hasBody()) {
      return new PatchResponse<>(r.status(), r.header("ETag"), null);
    }
    ScimResource resource = readResource(r);
    return new PatchResponse<>(r.status(), resource.version(), mapper.read().apply(resource));
  }

  private PatchResponse<T> viaPut(String id, PatchRequest request, @Nullable String ifMatch) {
    T t = patchViaPut(id, request, ifMatch);
    return new PatchResponse<>(200, mapper.write().apply(t).version(), t);
  }

  private PatchResponse<T> patchAlreadyApplied(String id, PatchRequest request, ScimPreconditionFailedException e) {
    ResourceSchema schema = client.resourceSchema(endpoint());
    ScimResource current = readResource(client.transport().send(getReq(id, AttributeSelection.defaults())));
    boolean holds = false;
    if (schema != null) {
      try {
        holds = new PatchEngine(schema, Tolerance.lenient()).apply(current, request).changes().isEmpty();
      } catch (ScimException notApplicable) {
        holds = false;
      }
    }
    if (holds) {
      LOG.info("PATCH {}/{}: the retry got 412, but the resource already holds the patch: the first attempt applied",
          endpoint(), id);
      return new PatchResponse<>(200, current.version(), mapper.read().apply(current));
    }
    throw new ScimOutcomeUnknownException("the PATCH may have been applied by an attempt whose response was lost; "
        + "the retry was refused (412) and " + (schema == null ? "the schema of " + endpoint() + " is unknown"
        : "the resource does not hold the patched state"), "PATCH", e.path(), e);
  }

  private T patchViaPut(String id, PatchRequest request, @Nullable String ifMatch) {
    ResourceSchema schema = client.resourceSchema(endpoint());
    if (schema == null) {
      throw new ScimClientException(501, null, "the server does not support PATCH and the schema of "
          + endpoint() + " is unknown, so the patch cannot be applied locally", null, "PATCH", endpoint(), null);
    }
    List<PatchOperation> ops = request.operations();
    PatchEngine engine = new PatchEngine(schema, Tolerance.lenient());
    int tries = ifMatch == null ? 3 : 1;
    for (int i = 1; ; i++) {
      HttpResult current = client.transport().send(getReq(id, AttributeSelection.defaults()));
      ScimResource resource = readResource(current);
      ScimResource patched = engine.apply(resource, ops).resource();
      String version = ifMatch != null ? ifMatch : resource.version();
      try {
        return putResource(id, patched, version);
      } catch (ScimPreconditionFailedException e) {
        if (i >= tries) {
          throw e;
        }
        LOG.debug("{} changed while patching via PUT; reading it again", endpoint());
      }
    }
  }

  // ---------------------------------------------------------------- delete

  /** Deletes the resource with {@code id}. */
  public void delete(String id) {
    delete(id, null);
  }

  /** Deletes the resource with {@code id}; {@code ifMatch} is sent as {@code If-Match} unless null. */
  public void delete(String id, @Nullable String ifMatch) {
    try {
      client.transport().send(Transport.Req.delete().path(segments).path(requireId(id)).header("If-Match", ifMatch));
    } catch (ScimNotFoundException e) {
      if (!e.earlierAttemptMayHaveApplied()) {
        throw e;
      }
      // the earlier attempt deleted it; its response was lost
      LOG.info("DELETE {}/{}: the retry got 404 after an attempt that may have been applied: deleted", endpoint(), id);
    }
  }

  // ---------------------------------------------------------------- search

  /** A query for the resources matching {@code filter}; its text is printed by scim-filter. */
  public Query<T> search(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    return new Query<>(this, filter.toString());
  }

  /**
   * A query for the resources matching the filter text {@code filter}, which is parsed (strictly)
   * first and sent in canonical form.
   *
   * @throws ScimClientException 400 invalidFilter, before any request, when the text does not parse
   */
  public Query<T> search(String filter) {
    Objects.requireNonNull(filter, "filter");
    try {
      return search(Filter.parse(filter));
    } catch (FilterException e) {
      ScimException se = ScimException.from(e);
      throw new ScimClientException(se.status(), se.scimType(), se.detail(), null, "GET", endpoint(), e);
    }
  }

  /** A query for all resources of this type. */
  public Query<T> all() {
    return new Query<>(this, null);
  }

  /**
   * The one resource matching {@code filter}, or empty.
   *
   * @throws IllegalStateException when more than one resource matches
   */
  public Optional<T> findOne(Filter filter) {
    Page<T> page = search(filter).pageSize(2).firstPage();
    if (page.resources().size() > 1) {
      throw new IllegalStateException("the filter matched " + Math.max(page.totalResults(), page.resources().size())
          + " resources of " + endpoint() + ", not one");
    }
    return page.resources().stream().findFirst();
  }

  // ---------------------------------------------------------------- internals

  ScimClient client() {
    return client;
  }

  List<String> segments() {
    return segments;
  }

  T read(HttpResult r) {
    return mapper.read().apply(readResource(r));
  }

  T fromJson(ObjectNode json) {
    return mapper.read().apply(ScimResource.of(json));
  }

  T fromResource(ScimResource resource) {
    return mapper.read().apply(resource);
  }

  private static ScimResource readResource(HttpResult r) {
    ObjectNode json = r.jsonObject();
    if (json == null) {
      throw r.unreadable("the response has no body where a resource was expected");
    }
    // parsed for this call alone: nobody else holds it, so it is not copied (a copy would also
    // turn the reader's nodes into the mapper's, which a PATCH of it scans more slowly)
    ScimResource resource = Access.wrap(json);
    String etag = r.header("ETag");
    if (resource.version() == null && etag != null) {
      resource = resource.withMeta(resource.meta().withVersion(etag));
    }
    return resource;
  }

  private static String requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("the id is blank");
    }
    return id;
  }
}
