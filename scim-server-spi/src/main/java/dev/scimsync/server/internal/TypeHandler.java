package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.patch.ChangeSet;
import dev.scimsync.core.patch.Operation;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.projection.Projection;
import dev.scimsync.core.resource.ETags;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.Sorting;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterParser;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.server.ScimResponse;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.event.ProvisioningEvent;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.SortOrder;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Serves one resource type: create, read, replace, patch, delete and search over its store. */
public final class TypeHandler {

  /** How often a PATCH is retried internally when a concurrent write changed the version. */
  private static final int PATCH_RETRIES = 8;

  private final ResourceSchema schema;
  private final ResourceStore store;
  private final GroupStore groups;
  private final ResourceStore users;
  private final boolean isUser;
  private final boolean isGroup;
  private final ServerOptions options;
  private final Cursors cursors;
  private final EventPublisher events;
  private final Clock clock;
  private final Map<Tolerance, ResourceValidator> validators = new ConcurrentHashMap<>();
  private final Map<Tolerance, PatchEngine> engines = new ConcurrentHashMap<>();
  private final Map<Boolean, FilterEvaluator> evaluators = new ConcurrentHashMap<>();

  /**
   * @param groups the group store, used to fill a User's {@code groups} and to remove a deleted
   *     user from its groups; null when groups are not served
   * @param users the user store, to check group members against; null when users are not served
   */
  public TypeHandler(ResourceSchema schema, ResourceStore store, GroupStore groups, ResourceStore users,
      ServerOptions options, Cursors cursors, EventPublisher events, Clock clock) {
    this.schema = schema;
    this.store = store;
    this.groups = groups;
    this.users = users;
    this.isUser = schema.resourceType().name().equals("User");
    this.isGroup = schema.resourceType().name().equals("Group");
    this.options = options;
    this.cursors = cursors;
    this.events = events;
    this.clock = clock;
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

  private FilterEvaluator evaluator(Call call) {
    return evaluators.computeIfAbsent(call.settings().tolerance().stringBooleans(),
        t -> FilterEvaluator.builder().schema(schema).tolerant(t).build());
  }

  // ---- create ----

  /** POST /{endpoint}. */
  public ScimResponse create(Call call, ObjectNode body, QueryParams q) {
    ScimResource resource = validator(call).forCreate(body);
    checkMembers(call, null, memberIds(resource));
    ScimResource stored = store.create(call.store(), resource);
    List<ProvisioningEvent> evs = new ArrayList<>();
    Instant now = clock.instant();
    String actor = call.principal().subject();
    if (isUser) {
      evs.add(new ProvisioningEvent.UserCreated(call.tenant(), stored.id(), now, actor, stored));
    } else if (isGroup) {
      evs.add(new ProvisioningEvent.GroupCreated(call.tenant(), stored.id(), now, actor, stored));
      Set<String> members = memberIds(stored);
      if (!members.isEmpty()) {
        evs.add(new ProvisioningEvent.GroupMembersAdded(call.tenant(), stored.id(), now, actor, members));
      }
    } else {
      evs.add(new ProvisioningEvent.ResourceChanged(call.tenant(), schema.resourceType().name(), stored.id(), now,
          actor, ProvisioningEvent.ResourceChanged.Change.CREATED, Set.of(), stored));
    }
    events.publish(evs);
    String location = call.location(endpoint(), stored.id());
    return Responses.json(201, render(call, stored, projection(q)), "Location", location, "ETag", stored.version());
  }

  // ---- read ----

  /** GET /{endpoint}/{id}. */
  public ScimResponse get(Call call, String id, QueryParams q) {
    Projection projection = projection(q);
    ScimResource r = load(call, id, omitFor(projection));
    String ifNoneMatch = call.request().header("If-None-Match");
    if (ifNoneMatch != null && ETags.matches(ifNoneMatch, r.version())) {
      return Responses.empty(304, "ETag", r.version());
    }
    return Responses.json(200, render(call, r, projection), "ETag", r.version());
  }

  private Set<String> omitFor(Projection projection) {
    if (isGroup && projection.excludes(schema, AttributePath.of("members"))) {
      return Set.of("members");
    }
    return Set.of();
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
    ScimResource existing = load(call, id, Set.of());
    String expected = precondition(call, existing);
    ScimResource replacement = validator(call).forReplace(existing, body);
    Set<String> added = memberIds(replacement);
    added.removeAll(memberIds(existing));
    checkMembers(call, id, added);
    ScimResource stored = store.replace(call.store(), id, replacement, expected);
    events.publish(updateEvents(call, existing, stored, changedBetween(existing, stored), null));
    return Responses.json(200, render(call, stored, projection(q)), "ETag", stored.version());
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
      throw new ScimException(412, null, "the resource has changed: its version is no longer " + ifMatch.trim());
    }
    return existing.version();
  }

  // ---- patch ----

  /** PATCH /{endpoint}/{id}. */
  public ScimResponse patch(Call call, String id, ObjectNode body, QueryParams q) {
    Tolerance tolerance = call.settings().tolerance();
    List<Operation> ops = PatchEngine.operations(PatchRequest.fromJson(body, tolerance, options.maxPatchOperations()));
    PatchEngine engine = engine(call);
    String delegated = store.delegatedAttribute();
    boolean delegate = delegated != null && engine.canDelegate(ops, delegated);
    boolean clientPrecondition = call.request().header("If-Match") != null;
    for (int attempt = 1; ; attempt++) {
      ScimResource existing = load(call, id, delegate ? Set.of(delegated) : Set.of());
      String expected = precondition(call, existing);
      PatchResult result = delegate ? engine.applyDelegating(existing, ops, delegated) : engine.apply(existing, ops);
      ScimResource after;
      Map<String, ValueDelta> applied;
      if (result.changes().isEmpty()) {
        after = existing;
        applied = Map.of();
      } else {
        checkMembers(call, id, result.changes().delta("members").added().keySet());
        try {
          // Without If-Match, the version read above still guards against lost updates; on a
          // conflict the whole read-patch-write is repeated.
          // Membership deltas commute, so a PATCH that only changes members needs no version
          // check unless the client asked for one.
          boolean onlyMembers = delegate && result.changes().attributes().stream()
              .allMatch(a -> a.equalsIgnoreCase(delegated));
          String guard = expected != null ? expected : onlyMembers ? null : existing.version();
          UpdateResult u = store.update(call.store(), id, result, delegate ? delegated : null, guard);
          after = u.resource();
          applied = u.applied();
        } catch (ScimException e) {
          if (e.status() == 412 && !clientPrecondition && attempt < PATCH_RETRIES) {
            continue;
          }
          throw e;
        }
        Map<String, ValueDelta> deltas = delegate ? applied : result.changes().deltas();
        events.publish(updateEvents(call, existing, after, result.changes().attributes(), deltas));
      }
      if (isGroup && options.groupPatchReturnsNoContent() && !q.has("attributes") && !q.has("excludedAttributes")) {
        return Responses.empty(204, "ETag", after.version());
      }
      ScimResource full = delegate ? load(call, id, omitFor(projection(q))) : after;
      return Responses.json(200, render(call, full, projection(q)), "ETag", full.version());
    }
  }

  /**
   * With {@link ServerOptions#checkMemberReferences()}: every member being added is a User or
   * Group of this tenant, and not the group itself.
   */
  private void checkMembers(Call call, String groupId, Set<String> added) {
    if (!isGroup || !options.checkMemberReferences() || added.isEmpty()) {
      return;
    }
    StoreContext ctx = call.store();
    for (String member : added) {
      if (member.equals(groupId)) {
        throw ScimException.invalidValue("a group cannot be a member of itself");
      }
      boolean known = (users != null && users.get(ctx, member, Set.of()).isPresent())
          || store.get(ctx, member, Set.of("members")).isPresent();
      if (!known) {
        throw ScimException.invalidValue("member '" + abbreviate(member) + "' is not a User or Group of this tenant");
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 61) + "..." : s;
  }

  // ---- delete ----

  /** DELETE /{endpoint}/{id}. */
  public ScimResponse delete(Call call, String id) {
    ScimResource existing = load(call, id, isGroup ? Set.of("members") : Set.of());
    String expected = precondition(call, existing);
    store.delete(call.store(), id, expected);
    List<ProvisioningEvent> evs = new ArrayList<>();
    Instant now = clock.instant();
    String actor = call.principal().subject();
    if (isUser) {
      List<String> left = groups == null ? List.of() : groups.removeFromAllGroups(call.store(), id);
      evs.add(new ProvisioningEvent.UserDeleted(call.tenant(), id, now, actor, new LinkedHashSet<>(left)));
      for (String g : left) {
        evs.add(new ProvisioningEvent.GroupMembersRemoved(call.tenant(), g, now, actor, Set.of(id)));
      }
    } else if (isGroup) {
      evs.add(new ProvisioningEvent.GroupDeleted(call.tenant(), id, now, actor));
      // a group nested in others leaves them
      for (String parent : groups == null ? List.<String>of() : groups.removeFromAllGroups(call.store(), id)) {
        evs.add(new ProvisioningEvent.GroupMembersRemoved(call.tenant(), parent, now, actor, Set.of(id)));
      }
    } else {
      evs.add(new ProvisioningEvent.ResourceChanged(call.tenant(), schema.resourceType().name(), id, now, actor,
          ProvisioningEvent.ResourceChanged.Change.DELETED, Set.of(), null));
    }
    events.publish(evs);
    return Responses.empty(204);
  }

  // ---- search ----

  /** GET /{endpoint} and POST /{endpoint}/.search. */
  public ScimResponse search(Call call, SearchSpec spec) {
    return Responses.json(200, searchPage(call, spec).toJson());
  }

  /** One page of results as a ListResponse. */
  public ListResponse searchPage(Call call, SearchSpec spec) {
    Projection projection = projection(spec.attributes(), spec.excludedAttributes());
    Filter filter = parseFilter(call, spec.filter());
    if (isUser && call.settings().hideInactiveUsers()) {
      Filter visible = Filter.eq("active", false).negate();
      filter = filter == null ? visible : AndFilter.of(filter, visible);
    }
    Predicate<JsonNode> predicate = filter == null ? null : compile(call, filter);
    AttributePath sortBy = sortBy(spec.sortBy());
    SortOrder order = spec.descending() ? SortOrder.DESCENDING : SortOrder.ASCENDING;
    int count = spec.count() == null ? options.defaultPageSize() : Math.max(0, Math.min(spec.count(), options.maxPageSize()));
    int startIndex = spec.startIndex() == null || spec.startIndex() < 1 ? 1 : spec.startIndex();
    Set<String> omit = omitFor(projection);
    String fingerprint = schema.resourceType().name() + "|" + (filter == null ? "" : filter) + "|" + sortBy + "|" + order;

    ResourcePage page;
    if (spec.cursor() != null) {
      if (!store.supportsCursors() || (filter != null && !store.supportsFilter(filter))) {
        throw ScimException.invalidValue("cursor pagination is not available for " + endpoint()
            + "; use startIndex and count");
      }
      String storeCursor = spec.cursor().isEmpty() ? "" : cursors.unwrap(call.tenant(), fingerprint, spec.cursor());
      page = store.search(call.store(), new ResourceQuery(filter, sortBy, order, 1, count, storeCursor, omit));
    } else if (filter == null || store.supportsFilter(filter)) {
      page = store.search(call.store(), new ResourceQuery(filter, sortBy, order, startIndex, count, null, omit));
    } else {
      page = filterInMemory(call, predicate, sortBy, order, startIndex, count, omit);
    }
    Map<String, List<GroupStore.Membership>> memberships = null;
    if (wantsGroups(projection)) {
      List<String> ids = new ArrayList<>();
      page.resources().forEach(r -> ids.add(r.id()));
      memberships = groups.groupsOf(call.store(), ids);
    }
    List<ObjectNode> rendered = new ArrayList<>(page.resources().size());
    for (ScimResource r : page.resources()) {
      rendered.add(render(call, r, projection,
          memberships == null ? null : memberships.getOrDefault(r.id(), List.of())));
    }
    if (page.totalResults() > Integer.MAX_VALUE) {
      throw new ScimException(ScimType.TOO_MANY, "the result is too large; narrow the filter");
    }
    int total = (int) page.totalResults();
    if (spec.cursor() != null) {
      String next = page.nextCursor() == null ? null : cursors.wrap(call.tenant(), fingerprint, page.nextCursor());
      String prev = page.previousCursor() == null ? null
          : cursors.wrap(call.tenant(), fingerprint, page.previousCursor());
      return new ListResponse(total, null, rendered.size(), rendered, next, prev);
    }
    return new ListResponse(total, startIndex, rendered.size(), rendered, null, null);
  }

  /** For a store that cannot evaluate the filter: read candidates, filter, sort and page here. */
  private ResourcePage filterInMemory(Call call, Predicate<JsonNode> predicate, AttributePath sortBy, SortOrder order,
      int startIndex, int count, Set<String> omit) {
    StoreContext ctx = call.store();
    int cap = options.inMemoryFilterCap();
    ResourcePage first = store.search(ctx, new ResourceQuery(null, null, SortOrder.ASCENDING, 1, 0, null, omit));
    if (first.totalResults() > cap) {
      throw new ScimException(ScimType.TOO_MANY, "this filter would have to be checked against "
          + first.totalResults() + " resources here, more than the limit of " + cap + "; narrow it");
    }
    List<ScimResource> matches = new ArrayList<>();
    int chunk = 500;
    for (int at = 1; at <= first.totalResults(); at += chunk) {
      ResourcePage p = store.search(ctx, new ResourceQuery(null, null, SortOrder.ASCENDING, at, chunk, null, omit));
      for (ScimResource r : p.resources()) {
        if (r.matches(predicate)) {
          matches.add(r);
        }
      }
      if (p.resources().isEmpty()) {
        break;
      }
    }
    if (sortBy != null) {
      matches.sort(Sorting.comparator(schema, sortBy, order == SortOrder.ASCENDING));
    }
    int from = Math.min(matches.size(), startIndex - 1);
    int to = Math.min(matches.size(), from + count);
    return ResourcePage.of(matches.subList(from, to), matches.size());
  }

  private Filter parseFilter(Call call, String text) {
    if (text == null) {
      return null;
    }
    FilterParser parser = FilterParser.builder().maxLength(options.maxFilterLength())
        .maxDepth(options.maxFilterDepth()).tolerant(call.settings().tolerance().unquotedFilterValues()).build();
    try {
      return parser.parseFilter(text);
    } catch (FilterException e) {
      throw ScimException.from(e);
    }
  }

  private Predicate<JsonNode> compile(Call call, Filter filter) {
    try {
      return evaluator(call).compile(filter);
    } catch (FilterException e) {
      throw ScimException.from(e);
    }
  }

  private AttributePath sortBy(String text) {
    if (text == null) {
      return null;
    }
    try {
      AttributePath p = FilterParser.DEFAULT.parseAttributePath(text.trim());
      if (schema.resolve(p) == null) {
        throw ScimException.invalidValue("sortBy names '" + text + "', which " + schema.resourceType().name()
            + " does not have");
      }
      return p;
    } catch (FilterException e) {
      throw ScimException.invalidValue("sortBy is not an attribute path: " + e.getMessage());
    }
  }

  // ---- output ----

  private Projection projection(QueryParams q) {
    return projection(q.get("attributes"), q.get("excludedAttributes"));
  }

  /** The request's projection, capped in size and indexed once for this schema. */
  private Projection projection(String attributes, String excludedAttributes) {
    return Projection.of(attributes, excludedAttributes, options.maxProjectionPaths()).restrictedTo(schema);
  }

  private boolean wantsGroups(Projection projection) {
    return isUser && groups != null && !projection.excludes(schema, AttributePath.of("groups"));
  }

  /** The resource as the client sees it: groups filled in, meta.location set, projected. */
  ObjectNode render(Call call, ScimResource r, Projection projection) {
    return render(call, r, projection, wantsGroups(projection) ? groups.groupsOf(call.store(), r.id()) : null);
  }

  /** As {@link #render(Call, ScimResource, Projection)} with the user's memberships already read (or null). */
  private ObjectNode render(Call call, ScimResource r, Projection projection, List<GroupStore.Membership> memberships) {
    ObjectNode json = r.json();
    if (memberships != null) {
      json.remove("groups");
      if (!memberships.isEmpty()) {
        ArrayNode arr = ScimJson.array();
        for (GroupStore.Membership m : memberships) {
          ObjectNode g = arr.addObject();
          g.put("value", m.groupId());
          g.put("$ref", call.location("/Groups", m.groupId()));
          if (m.displayName() != null) {
            g.put("display", m.displayName());
          }
          g.put("type", "direct");
        }
        json.set("groups", arr);
      }
    }
    JsonNode meta = json.get("meta");
    ObjectNode m = meta instanceof ObjectNode mo ? mo : json.putObject("meta");
    m.put("resourceType", schema.resourceType().name());
    m.put("location", call.location(endpoint(), r.id()));
    return projection.apply(json, schema);
  }

  // ---- events ----

  private static Set<String> memberIds(ScimResource group) {
    Set<String> ids = new LinkedHashSet<>();
    JsonNode members = group.get("members");
    if (members != null && members.isArray()) {
      for (JsonNode m : members) {
        JsonNode v = m.get("value");
        if (v != null && v.isString()) {
          ids.add(v.stringValue());
        }
      }
    }
    return ids;
  }

  /** Top-level attributes whose values differ (for PUT, where no change set exists). */
  private Set<String> changedBetween(ScimResource before, ScimResource after) {
    ObjectNode a = before.json();
    ObjectNode b = after.json();
    Set<String> keys = new HashSet<>();
    a.propertyNames().forEach(keys::add);
    b.propertyNames().forEach(keys::add);
    Set<String> changed = new LinkedHashSet<>();
    for (String k : keys) {
      if (k.equals("meta") || k.equals("schemas")) {
        continue;
      }
      JsonNode va = a.get(k);
      JsonNode vb = b.get(k);
      if (schema.extension(k) != null) {
        Set<String> sub = new HashSet<>();
        if (va != null) {
          va.propertyNames().forEach(sub::add);
        }
        if (vb != null) {
          vb.propertyNames().forEach(sub::add);
        }
        for (String s : sub) {
          if (!Objects.equals(va == null ? null : va.get(s), vb == null ? null : vb.get(s))) {
            changed.add(k + ":" + s);
          }
        }
      } else if (!Objects.equals(va, vb)) {
        changed.add(k);
      }
    }
    return changed;
  }

  /**
   * Events for an update: deactivation/reactivation and the update itself for users; rename,
   * update and membership changes for groups.
   *
   * @param deltas membership changes as applied; null to derive them from before/after (PUT)
   */
  private List<ProvisioningEvent> updateEvents(Call call, ScimResource before, ScimResource after,
      Set<String> changed, Map<String, ValueDelta> deltas) {
    List<ProvisioningEvent> evs = new ArrayList<>();
    if (changed.isEmpty() && (deltas == null || deltas.isEmpty())) {
      return evs;
    }
    Instant now = clock.instant();
    String actor = call.principal().subject();
    String id = after.id();
    if (isUser) {
      boolean wasActive = isActive(before);
      boolean nowActive = isActive(after);
      evs.add(new ProvisioningEvent.UserUpdated(call.tenant(), id, now, actor, changed, after));
      if (wasActive && !nowActive) {
        evs.add(new ProvisioningEvent.UserDeactivated(call.tenant(), id, now, actor, after));
      } else if (!wasActive && nowActive) {
        evs.add(new ProvisioningEvent.UserReactivated(call.tenant(), id, now, actor, after));
      }
      return evs;
    }
    if (isGroup) {
      Set<String> other = new LinkedHashSet<>(changed);
      other.removeIf(a -> a.equalsIgnoreCase("members"));
      String oldName = before.text("displayName");
      String newName = after.text("displayName");
      if (!Objects.equals(oldName, newName) && newName != null) {
        evs.add(new ProvisioningEvent.GroupRenamed(call.tenant(), id, now, actor, oldName, newName));
      }
      if (!other.isEmpty()) {
        evs.add(new ProvisioningEvent.GroupUpdated(call.tenant(), id, now, actor, other, after));
      }
      ValueDelta d = deltas == null ? diffMembers(before, after) : new ChangeSet(Set.of(), deltas).delta("members");
      Set<String> removed = new LinkedHashSet<>(d.removed());
      removed.removeAll(d.added().keySet());
      if (!d.added().isEmpty()) {
        evs.add(new ProvisioningEvent.GroupMembersAdded(call.tenant(), id, now, actor, d.added().keySet()));
      }
      if (!removed.isEmpty()) {
        evs.add(new ProvisioningEvent.GroupMembersRemoved(call.tenant(), id, now, actor, removed));
      }
      return evs;
    }
    evs.add(new ProvisioningEvent.ResourceChanged(call.tenant(), schema.resourceType().name(), id, now, actor,
        ProvisioningEvent.ResourceChanged.Change.UPDATED, changed, after));
    return evs;
  }

  private static ValueDelta diffMembers(ScimResource before, ScimResource after) {
    Set<String> was = memberIds(before);
    Set<String> now = memberIds(after);
    Set<String> removed = new LinkedHashSet<>(was);
    removed.removeAll(now);
    Map<String, ObjectNode> added = new java.util.LinkedHashMap<>();
    for (String n : now) {
      if (!was.contains(n)) {
        added.put(n, ScimJson.object().put("value", n));
      }
    }
    return new ValueDelta(false, removed, added);
  }

  private static boolean isActive(ScimResource r) {
    JsonNode a = r.get("active");
    return a == null || !a.isBoolean() || a.booleanValue();
  }
}
