package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.projection.Projection;
import dev.scimsync.core.resource.ETags;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.event.EventContext;
import dev.scimsync.server.event.outbox.Committed;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.UpdateResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one resource type: create, read, replace, patch and delete over its store. Searching is
 * {@link Search}'s, rendering {@link Renderer}'s, references (members, manager) {@link
 * References}', events {@link TypeEvents}'.
 */
public final class TypeHandler {

  /**
   * How often a PATCH without {@code If-Match} is re-applied when a concurrent write changed the
   * resource between read and write; after that the client gets 503 with {@code Retry-After}, never
   * a 412 it did not ask for.
   */
  private static final int PATCH_ATTEMPTS = 8;

  private final ResourceSchema schema;
  private final SchemaRegistry registry;
  private final ResourceStore store;
  private final boolean isUser;
  private final boolean isGroup;
  private final ServerOptions options;
  private final EventPublisher events;
  private final References references;
  private final Renderer renderer;
  private final Search search;
  private final TypeEvents typeEvents;
  private final Map<Tolerance, ResourceValidator> validators = new ConcurrentHashMap<>();
  private final Map<Tolerance, PatchEngine> engines = new ConcurrentHashMap<>();

  /**
   * @param groups the group store, used to fill a User's {@code groups} and to remove a deleted
   *     user from its groups; null when groups are not served
   * @param users the user store, to check group members against; null when users are not served
   */
  public TypeHandler(ResourceSchema schema, SchemaRegistry registry, ResourceStore store, GroupStore groups,
      ResourceStore users, ServerOptions options, Cursors cursors, EventPublisher events, Clock clock) {
    this.schema = schema;
    this.registry = registry;
    this.store = store;
    this.isUser = schema.resourceType().name().equals("User");
    this.isGroup = schema.resourceType().name().equals("Group");
    this.options = options;
    this.events = events;
    this.references = new References(groups, users, options);
    this.renderer = new Renderer(schema, groups, references);
    this.search = new Search(schema, store, groups, options, cursors, renderer);
    this.typeEvents = new TypeEvents(schema, groups, clock);
  }

  /** The schema of the type. */
  public ResourceSchema schema() {
    return schema;
  }

  /** The endpoint, e.g. {@code /Users}. */
  public String endpoint() {
    return schema.resourceType().endpoint();
  }

  private ResourceValidator validator(Call call) {
    return validators.computeIfAbsent(call.settings().tolerance(), t -> new ResourceValidator(schema, t));
  }

  private PatchEngine engine(Call call) {
    return engines.computeIfAbsent(call.settings().tolerance(), t -> new PatchEngine(schema, t));
  }

  // ---- create ----

  /** POST /{endpoint}. */
  public ScimResponse create(Call call, ObjectNode body, QueryParams q) {
    MessageUrns.check(registry, body, schema.schemaUrns(), "a " + schema.resourceType().name());
    ScimResource resource = validator(call).forCreate(body);
    checkReferences(call, null, null, resource);
    ScimResource toStore = withoutComputedMemberFields(resource);
    ScimResource stored = commit(call, EventContext.Operation.CREATE, () -> {
      ScimResource s = store.create(call.store(), toStore);
      return new Committed<>(s, typeEvents.created(call, s));
    });
    String location = call.location(endpoint(), stored.id());
    // with references checked, every member of a group exists, so a new id is in no group yet
    ObjectNode rendered = options.checkMemberReferences() ? renderer.renderCreated(call, stored, projection(q))
        : renderer.render(call, stored, projection(q));
    return Responses.json(201, rendered, "Location", location, "ETag",
        stored.version());
  }

  // ---- read ----

  /** GET /{endpoint}/{id}. */
  public ScimResponse get(Call call, String id, QueryParams q) {
    Projection projection = projection(q);
    ScimResource r = load(call, id, renderer.omitFor(projection));
    String ifNoneMatch = call.request().header("If-None-Match");
    if (ifNoneMatch != null && ETags.matches(ifNoneMatch, r.version())) {
      return Responses.empty(304, "ETag", r.version());
    }
    return Responses.json(200, renderer.render(call, r, projection), "ETag", r.version());
  }

  private ScimResource load(Call call, String id, Set<String> omit) {
    ScimResource r = store.get(call.store(), id, omit).orElseThrow(() -> notFound(id));
    if (hidden(call, r)) {
      throw notFound(id);
    }
    return r;
  }

  private boolean hidden(Call call, ScimResource r) {
    if (!isUser || !call.settings().hideInactiveUsers()) {
      return false;
    }
    JsonNode active = r.get("active");
    return active != null && active.isBoolean() && !active.booleanValue();
  }

  private ScimException notFound(String id) {
    return ScimException.notFound(schema.resourceType().name() + " " + id + " not found");
  }

  // ---- replace ----

  /** PUT /{endpoint}/{id}. */
  public ScimResponse replace(Call call, String id, ObjectNode body, QueryParams q) {
    MessageUrns.check(registry, body, schema.schemaUrns(), "a " + schema.resourceType().name());
    ScimResource existing = load(call, id, Set.of());
    String expected = precondition(call, existing);
    ScimResource replacement = validator(call).forReplace(existing, body);
    checkReferences(call, id, existing, replacement);
    ScimResource toStore = withoutComputedMemberFields(replacement);
    ScimResource stored = commit(call, EventContext.Operation.REPLACE, () -> {
      ScimResource s = store.replace(call.store(), id, toStore, expected);
      return new Committed<>(s, typeEvents.updated(call, existing, s, typeEvents.changedBetween(existing, s), null));
    });
    return Responses.json(200, renderer.render(call, stored, projection(q)), "ETag", stored.version());
  }

  /** Members being added (groups) and a new manager (users) must exist in this tenant. */
  private void checkReferences(Call call, String id, ScimResource before, ScimResource after) {
    if (isGroup) {
      Set<String> added = TypeEvents.memberIds(after);
      if (before != null) {
        added.removeAll(TypeEvents.memberIds(before));
      }
      references.checkMembers(call, id, added);
    } else if (isUser) {
      references.checkManager(call, id, before, after);
    }
  }

  private ScimResource withoutComputedMemberFields(ScimResource r) {
    if (!isGroup) {
      return r;
    }
    ObjectNode json = r.json();
    References.dropComputed(json.get("members"));
    return ScimResource.of(json);
  }

  /**
   * The version a write must find: the one from {@code If-Match}, if sent (412 when the stored one
   * differs), else null.
   */
  private String precondition(Call call, ScimResource existing) {
    String ifMatch = call.request().header("If-Match");
    if (ifMatch == null) {
      return null;
    }
    if (!ETags.matches(ifMatch, existing.version())) {
      throw ScimException.preconditionFailed("the resource has changed: its version is no longer " + ifMatch.trim());
    }
    return existing.version();
  }

  // ---- patch ----

  /**
   * PATCH /{endpoint}/{id}. With {@code If-Match}, one attempt: a concurrent change is the client's
   * 412. Without it, the read-patch-write is repeated when a concurrent write got in between (the
   * version read guards the write), up to {@link #PATCH_ATTEMPTS} times; then 503 with {@code
   * Retry-After}, so that the client retries later instead of seeing a 412 it never asked for.
   */
  public ScimResponse patch(Call call, String id, ObjectNode body, QueryParams q) {
    MessageUrns.check(registry, body, List.of(MessageUrns.PATCH_OP), "a PATCH request");
    PatchEngine engine = engine(call);
    List<PatchOperation> ops = engine.read(body, options.maxPatchOperations()).operations();
    String delegated = store.deltaAttribute();
    boolean delegate = delegated != null && engine.canApplyAsDelta(ops, delegated);
    boolean clientPrecondition = call.request().header("If-Match") != null;
    ScimResource after = null;
    for (int attempt = 1; after == null; attempt++) {
      try {
        after = patchOnce(call, id, ops, engine, delegate ? delegated : null);
      } catch (ScimException e) {
        if (e.status() != 412 || clientPrecondition) {
          throw e;
        }
        if (attempt == PATCH_ATTEMPTS) {
          throw new ScimException(503, null, "the resource kept changing under concurrent writes; retry the PATCH");
        }
      }
    }
    if (isGroup && options.groupPatchReturnsNoContent() && !q.has("attributes") && !q.has("excludedAttributes")) {
      return Responses.empty(204, "ETag", after.version());
    }
    ScimResource full = delegate ? load(call, id, renderer.omitFor(projection(q))) : after;
    return Responses.json(200, renderer.render(call, full, projection(q)), "ETag", full.version());
  }

  /** One read-patch-write; the stored result (without the delegated values when delegating). */
  private ScimResource patchOnce(Call call, String id, List<PatchOperation> ops, PatchEngine engine, String delegated) {
    ScimResource existing = load(call, id, delegated != null ? Set.of(delegated) : Set.of());
    String expected = precondition(call, existing);
    PatchResult result = delegated != null ? engine.applyAsDelta(existing, ops, delegated) : engine.apply(existing, ops);
    if (result.changes().isEmpty()) {
      return existing;
    }
    checkSize(result.resource(), delegated);
    if (isGroup) {
      references.checkMembers(call, id, result.changes().delta("members").added().keySet());
    } else if (isUser) {
      references.checkManager(call, id, existing, result.resource());
    }
    // Without If-Match, the version read above still guards against lost updates. Membership
    // deltas commute, so a PATCH that only changes members needs no version check unless the
    // client asked for one.
    boolean onlyMembers = delegated != null && result.changes().attributes().stream()
        .allMatch(a -> a.equalsIgnoreCase(delegated));
    String guard = expected != null ? expected : onlyMembers ? null : existing.version();
    PatchResult toStore = !isGroup ? result : delegated == null
        ? new PatchResult(withoutComputedMemberFields(result.resource()), result.changes())
        : References.withoutComputed(result, delegated);
    return commit(call, EventContext.Operation.PATCH, () -> {
      UpdateResult u = store.update(call.store(), id, toStore, delegated, guard);
      Map<String, ValueDelta> deltas = delegated != null ? u.applied() : result.changes().deltas();
      return new Committed<>(u.resource(),
          typeEvents.updated(call, existing, u.resource(), result.changes().attributes(), deltas));
    });
  }

  /**
   * 413 when a PATCH grows the resource (without the delegated attribute, whose values are capped
   * by count by the store) past {@link ServerOptions#maxBodyBytes()}: no client could PUT it back.
   */
  private void checkSize(ScimResource patched, String delegated) {
    ObjectNode json = patched.json();
    if (delegated != null) {
      json.remove(delegated);
    }
    int size = ScimJson.writeBytes(json).length;
    if (size > options.maxBodyBytes()) {
      throw ScimException.payloadTooLarge("the patched " + schema.resourceType().name() + " would be " + size
          + " bytes, more than the body limit (maxBodyBytes " + options.maxBodyBytes() + ")");
    }
  }

  // ---- delete ----

  /** DELETE /{endpoint}/{id}. */
  public ScimResponse delete(Call call, String id) {
    ScimResource existing = load(call, id, isGroup ? Set.of("members") : Set.of());
    String expected = precondition(call, existing);
    commit(call, EventContext.Operation.DELETE, () -> {
      store.delete(call.store(), id, expected);
      return new Committed<>(id, typeEvents.deleted(call, id));
    });
    return Responses.empty(204);
  }

  /**
   * Runs one write and the computation of its events in the outbox's unit of work (so that the
   * events are recorded with the write, or not at all), then tells the in-process listeners.
   */
  private <T> T commit(Call call, EventContext.Operation operation, Supplier<Committed<T>> write) {
    return events.commit(call, operation, write);
  }

  // ---- search ----

  /** GET /{endpoint} and POST /{endpoint}/.search. */
  public ScimResponse search(Call call, SearchSpec spec) {
    return Responses.json(200, searchPage(call, spec).toJsonBytes());
  }

  /** One page of results as a ListResponse. */
  public ListResponse searchPage(Call call, SearchSpec spec) {
    return search.page(call, spec);
  }

  // ---- output ----

  private Projection projection(QueryParams q) {
    return search.projection(q.get("attributes"), q.get("excludedAttributes"));
  }

  /** The resource as the client sees it. */
  ObjectNode render(Call call, ScimResource r, Projection projection) {
    return renderer.render(call, r, projection);
  }
}
