package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.internal.Access;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.projection.Projection;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.Sorting;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterParser;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.server.ServerOptions;
import dev.scimsync.server.store.GroupStore;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.server.store.StoreContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Searches one resource type: parses and checks the filter and {@code sortBy} (never on a
 * write-only attribute, {@link SecretAttributes}), hides inactive users where the tenant asks,
 * pushes the query down to the store when it can answer it, and otherwise filters, sorts ({@link
 * Sorting}) and pages in memory up to {@link ServerOptions#inMemoryFilterCap()}.
 */
final class Search {

  private final ResourceSchema schema;
  private final ResourceStore store;
  private final GroupStore groups;
  private final ServerOptions options;
  private final Cursors cursors;
  private final Renderer renderer;
  private final boolean isUser;
  private final Map<Boolean, FilterEvaluator> evaluators = new ConcurrentHashMap<>();

  Search(ResourceSchema schema, ResourceStore store, GroupStore groups, ServerOptions options, Cursors cursors,
      Renderer renderer) {
    this.schema = schema;
    this.store = store;
    this.groups = groups;
    this.options = options;
    this.cursors = cursors;
    this.renderer = renderer;
    this.isUser = schema.resourceType().name().equals("User");
  }

  private String endpoint() {
    return schema.resourceType().endpoint();
  }

  private FilterEvaluator evaluator(Call call) {
    return evaluators.computeIfAbsent(call.settings().tolerance().stringBooleans(),
        t -> FilterEvaluator.builder().schema(schema).tolerant(t).build());
  }

  /** One page of results as a ListResponse. */
  ListResponse page(Call call, SearchSpec spec) {
    Projection projection = projection(spec.attributes(), spec.excludedAttributes());
    Filter filter = parseFilter(call, spec.filter());
    if (isUser && call.settings().hideInactiveUsers()) {
      Filter visible = Filter.eq("active", false).negate();
      filter = filter == null ? visible : AndFilter.of(filter, visible);
    }
    AttributePath sortBy = sortBy(spec.sortBy());
    SortOrder order = spec.descending() ? SortOrder.DESCENDING : SortOrder.ASCENDING;
    int count = spec.count() == null ? options.defaultPageSize() : Math.max(0, Math.min(spec.count(), options.maxPageSize()));
    int startIndex = spec.startIndex() == null || spec.startIndex() < 1 ? 1 : spec.startIndex();
    var omit = renderer.omitFor(projection);
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
      page = filterInMemory(call, compile(call, filter), sortBy, order, startIndex, count, omit);
    }
    List<ScimResource> rendered = new ArrayList<>(page.resources().size());
    for (ObjectNode node : renderer.renderAll(call, page.resources(), projection)) {
      rendered.add(Access.wrap(node)); // rendered for this response alone: nobody else holds it
    }
    if (page.totalResults() > Integer.MAX_VALUE) {
      throw new ScimException(ScimType.TOO_MANY, "the result is too large; narrow the filter");
    }
    int total = (int) page.totalResults();
    if (spec.cursor() != null) {
      String next = page.nextCursor() == null ? null : cursors.wrap(call.tenant(), fingerprint, page.nextCursor());
      String prev = page.previousCursor() == null ? null
          : cursors.wrap(call.tenant(), fingerprint, page.previousCursor());
      return ListResponse.ofResources(total, null, rendered, next, prev);
    }
    return ListResponse.ofResources(total, startIndex, rendered, null, null);
  }

  /**
   * For a store that cannot evaluate the filter: read candidates, filter (a User with its {@code
   * groups} filled in), sort and page here.
   */
  private ResourcePage filterInMemory(Call call, Predicate<JsonNode> predicate, AttributePath sortBy, SortOrder order,
      int startIndex, int count, java.util.Set<String> omit) {
    StoreContext ctx = call.store();
    int cap = options.inMemoryFilterCap();
    ResourcePage first = store.search(ctx, new ResourceQuery(null, null, SortOrder.ASCENDING, 1, 0, null, omit));
    if (first.totalResults() > cap) {
      throw new ScimException(ScimType.TOO_MANY, "this filter would have to be checked against "
          + first.totalResults() + " resources here, more than the limit of " + cap + "; narrow it");
    }
    boolean withGroups = isUser && groups != null;
    List<ScimResource> matches = new ArrayList<>();
    int chunk = 500;
    for (int at = 1; at <= first.totalResults(); at += chunk) {
      ResourcePage p = store.search(ctx, new ResourceQuery(null, null, SortOrder.ASCENDING, at, chunk, null, omit));
      Map<String, List<GroupStore.Membership>> memberships = null;
      if (withGroups) {
        List<String> ids = new ArrayList<>();
        p.resources().forEach(r -> ids.add(r.id()));
        memberships = groups.groupsOf(ctx, ids);
      }
      for (ScimResource r : p.resources()) {
        boolean match = memberships == null ? r.matches(predicate)
            : predicate.test(Renderer.withGroups(call, r.json(), memberships.getOrDefault(r.id(), List.of())));
        if (match) {
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
    Filter f;
    try {
      f = parser.parseFilter(text);
    } catch (FilterException e) {
      throw ScimException.from(e);
    }
    SecretAttributes.checkFilter(schema, f);
    return f;
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
    AttributePath p;
    try {
      p = FilterParser.DEFAULT.parseAttributePath(text.trim());
    } catch (FilterException e) {
      throw ScimException.invalidValue("sortBy is not an attribute path: " + e.getMessage());
    }
    if (schema.resolve(p) == null) {
      throw ScimException.invalidValue("sortBy names '" + text + "', which " + schema.resourceType().name()
          + " does not have");
    }
    SecretAttributes.checkSortBy(schema, p);
    return p;
  }

  /** The request's projection, capped in size and indexed once for this schema. */
  Projection projection(String attributes, String excludedAttributes) {
    if (attributes == null && excludedAttributes == null) {
      return Projection.DEFAULT;
    }
    // A client (a sync, a provisioning IdP) asks for the same few projections on every request:
    // parsing and indexing them once saves a few percent of each write. Bounded: the keys are
    // the client's text.
    List<String> key = java.util.Arrays.asList(attributes, excludedAttributes);
    Projection p = projections.get(key);
    if (p == null) {
      p = Projection.of(attributes, excludedAttributes, options.maxProjectionPaths()).restrictedTo(schema);
      if (projections.size() >= 64) {
        projections.clear();
      }
      projections.put(key, p);
    }
    return p;
  }

  private final java.util.concurrent.ConcurrentHashMap<List<String>, Projection> projections =
      new java.util.concurrent.ConcurrentHashMap<>();
}
