package dev.scimsync.examples.store;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.patch.ValueDelta;
import dev.scimsync.core.resource.Meta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.Sorting;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ResourceStore} on a map per tenant, in creation order. Every method holds the store's
 * lock, so a version check and its write, or a uniqueness check and its write, are one step.
 */
public abstract class MapResourceStore implements ResourceStore {

  private final ResourceSchema schema;
  private final String nameAttribute;
  private final FilterEvaluator evaluator;
  private final Clock clock;
  private final Map<String, Map<String, ObjectNode>> tenants = new HashMap<>();
  private long versions;

  /**
   * A store of resources of {@code schema} whose {@code nameAttribute} is unique per tenant,
   * compared case-insensitively.
   */
  protected MapResourceStore(ResourceSchema schema, String nameAttribute, Clock clock) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.nameAttribute = Objects.requireNonNull(nameAttribute, "nameAttribute");
    this.evaluator = FilterEvaluator.builder().schema(schema).build();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized ScimResource create(StoreContext ctx, ScimResource resource) {
    Map<String, ObjectNode> tenant = tenants.computeIfAbsent(ctx.tenantId(), t -> new LinkedHashMap<>());
    ObjectNode json = resource.json();
    checkUnique(tenant, json, null);
    String id = UUID.randomUUID().toString();
    Instant now = now();
    json.put("id", id);
    json.set("meta", new Meta(resourceType(), now, now, null, nextVersion()).toJson());
    tenant.put(id, json);
    return ScimResource.of(json);
  }

  @Override
  public synchronized Optional<ScimResource> get(StoreContext ctx, String id, Set<String> omit) {
    ObjectNode json = tenant(ctx).get(id);
    return json == null ? Optional.empty() : Optional.of(render(json, omit));
  }

  @Override
  public synchronized ScimResource replace(StoreContext ctx, String id, ScimResource resource, String expectedVersion) {
    ObjectNode stored = existing(ctx, id, expectedVersion);
    ObjectNode json = resource.json();
    checkUnique(tenant(ctx), json, id);
    return ScimResource.of(write(ctx, stored, json));
  }

  @Override
  public synchronized UpdateResult update(StoreContext ctx, String id, PatchResult patch, String deltaAttribute,
      String expectedVersion) {
    if (deltaAttribute == null) {
      return new UpdateResult(replace(ctx, id, patch.resource(), expectedVersion), Map.of());
    }
    if (!deltaAttribute.equalsIgnoreCase(deltaAttribute())) {
      throw new IllegalArgumentException(resourceType() + " store does not take '" + deltaAttribute + "' as a delta");
    }
    ObjectNode stored = existing(ctx, id, expectedVersion);
    ObjectNode json = patch.resource().json();
    json.remove(deltaAttribute());
    checkUnique(tenant(ctx), json, id);
    Map<String, ObjectNode> values = byValue(stored.get(deltaAttribute()));
    ValueDelta applied = apply(values, patch.changes().delta(deltaAttribute()));
    if (!values.isEmpty()) {
      json.putArray(deltaAttribute()).addAll(List.copyOf(values.values()));
    }
    ObjectNode written = write(ctx, stored, json);
    return new UpdateResult(render(written, Set.of(deltaAttribute())), Map.of(deltaAttribute(), applied));
  }

  @Override
  public synchronized void delete(StoreContext ctx, String id, String expectedVersion) {
    existing(ctx, id, expectedVersion);
    tenant(ctx).remove(id);
  }

  @Override
  public synchronized ResourcePage search(StoreContext ctx, ResourceQuery query) {
    Predicate<JsonNode> matches;
    try {
      matches = query.filter() == null ? r -> true : evaluator.compile(query.filter());
    } catch (FilterException e) {
      throw ScimException.from(e);
    }
    List<ObjectNode> hits = new ArrayList<>();
    for (ObjectNode json : tenant(ctx).values()) {
      if (matches.test(json)) {
        hits.add(json);
      }
    }
    if (query.sortBy() != null) {
      // a stable sort: ties keep creation order, so pages never overlap
      Comparator<JsonNode> order = Sorting.nodeComparator(schema, query.sortBy());
      hits.sort(query.sortOrder() == SortOrder.ASCENDING ? order::compare : order.reversed()::compare);
    }
    int from = Math.min(hits.size(), query.startIndex() - 1);
    int to = Math.min(hits.size(), from + query.count());
    List<ScimResource> page = new ArrayList<>();
    for (ObjectNode json : hits.subList(from, to)) {
      page.add(render(json, query.omit()));
    }
    return ResourcePage.of(page, hits.size());
  }

  /** Every filter: {@link #search} evaluates them all itself. */
  @Override
  public boolean supportsFilter(Filter filter) {
    return true;
  }

  // ---- for subclasses -------------------------------------------------------------------------

  /** The stored resources of {@code ctx}'s tenant, in creation order; call it holding the lock. */
  protected Map<String, ObjectNode> tenant(StoreContext ctx) {
    return tenants.getOrDefault(ctx.tenantId(), Map.of());
  }

  /** Gives the stored {@code json} a new version and {@code lastModified}; call it holding the lock. */
  protected void touch(ObjectNode json) {
    Meta meta = Meta.from(json.get("meta"));
    json.set("meta", new Meta(meta.resourceType(), meta.created(), now(), null, nextVersion()).toJson());
  }

  /**
   * Applies {@code delta} to {@code values} (keyed by {@code value}) in its order — clear, remove,
   * add; an added value already present merges into it — and returns what really changed.
   */
  protected static ValueDelta apply(Map<String, ObjectNode> values, ValueDelta delta) {
    Map<String, ObjectNode> before = new LinkedHashMap<>(values);
    if (delta.cleared()) {
      values.clear();
    }
    delta.removed().forEach(values::remove);
    delta.added().forEach((value, added) -> {
      ObjectNode present = values.get(value);
      if (present == null) {
        values.put(value, added.deepCopy());
      } else {
        added.properties().forEach(p -> present.set(p.getKey(), p.getValue().deepCopy()));
      }
    });
    Map<String, ObjectNode> reallyAdded = new LinkedHashMap<>();
    values.forEach((value, v) -> {
      if (!before.containsKey(value)) {
        reallyAdded.put(value, v);
      }
    });
    List<String> reallyRemoved = before.keySet().stream().filter(v -> !values.containsKey(v)).toList();
    return new ValueDelta(false, Set.copyOf(reallyRemoved), reallyAdded);
  }

  /** The elements of the multi-valued attribute {@code array} keyed by their {@code value}, in order. */
  protected static Map<String, ObjectNode> byValue(JsonNode array) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (array != null && array.isArray()) {
      for (JsonNode v : array) {
        out.put(v.get("value").asString(), (ObjectNode) v.deepCopy());
      }
    }
    return out;
  }

  // ---- internals ------------------------------------------------------------------------------

  private ObjectNode existing(StoreContext ctx, String id, String expectedVersion) {
    ObjectNode stored = tenant(ctx).get(id);
    if (stored == null) {
      throw ScimException.notFound(resourceType() + " " + id + " not found");
    }
    String version = stored.get("meta").get("version").asString();
    if (expectedVersion != null && !expectedVersion.equals(version)) {
      throw ScimException.preconditionFailed(resourceType() + " " + id + " has version " + version + ", not " + expectedVersion);
    }
    return stored;
  }

  /** Stores {@code json} in place of {@code stored}; a write that changes nothing keeps the version. */
  private ObjectNode write(StoreContext ctx, ObjectNode stored, ObjectNode json) {
    String id = stored.get("id").asString();
    json.put("id", id);
    json.set("meta", stored.get("meta").deepCopy());
    if (json.equals(stored)) {
      return stored;
    }
    touch(json);
    tenants.get(ctx.tenantId()).put(id, json);
    return json;
  }

  private void checkUnique(Map<String, ObjectNode> tenant, ObjectNode json, String selfId) {
    String name = lower(json.get(nameAttribute));
    JsonNode externalId = json.get("externalId");
    for (ObjectNode other : tenant.values()) {
      if (other.get("id").asString().equals(selfId)) {
        continue;
      }
      if (name != null && name.equals(lower(other.get(nameAttribute)))) {
        throw ScimException.uniqueness(nameAttribute + " is already taken");
      }
      if (externalId != null && !externalId.isNull() && externalId.equals(other.get("externalId"))) {
        throw ScimException.uniqueness("externalId is already taken");
      }
    }
  }

  private static String lower(JsonNode text) {
    return text == null || !text.isString() ? null : text.asString().toLowerCase(Locale.ROOT);
  }

  private ScimResource render(ObjectNode json, Set<String> omit) {
    if (omit.isEmpty()) {
      return ScimResource.of(json);                 // of() copies
    }
    ObjectNode without = json.objectNode();        // shallow: of() copies what is kept
    json.properties().forEach(p -> {
      if (!omit.contains(p.getKey())) {
        without.set(p.getKey(), p.getValue());
      }
    });
    return ScimResource.of(without);
  }

  private String nextVersion() {
    return "W/\"" + (++versions) + "\"";
  }

  private Instant now() {
    // stored as text with millisecond precision, so what create returns equals what get reads
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
