package dev.scimsync.server.store.memory;

import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.schema.AttributeInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The search planner: which resources may match a filter, taken from the indexes ({@code id}, the
 * hash indexes, the delegated attribute's reverse index) instead of a scan. Always a superset of
 * the matches: the store evaluates the whole filter on each candidate.
 */
final class QueryPlanner {

  private final ResourceSchema schema;
  private final List<IndexSpec> indexes;
  private final @Nullable String delegated;
  private final boolean delegatedCaseExact;

  QueryPlanner(ResourceSchema schema, List<IndexSpec> indexes, @Nullable String delegated) {
    this.schema = schema;
    this.indexes = indexes;
    this.delegated = delegated;
    AttributeInfo value = delegated == null ? null : schema.attribute(null, delegated, "value");
    this.delegatedCaseExact = value != null && value.caseExact();
  }

  /**
   * The ids of the resources that may match {@code f}, or null when no indexed equality bounds it
   * and every resource must be tested.
   */
  @Nullable Set<String> candidateIds(Tenant t, Filter f) {
    if (f instanceof ComparisonFilter c) {
      return lookup(t, c.path(), c);
    }
    if (f instanceof ValuePathFilter v && v.filter() instanceof ComparisonFilter c
        && c.path().schema() == null && c.path().subAttribute() == null && c.path().name().equalsIgnoreCase("value")) {
      return lookup(t, v.attribute().withSubAttribute("value"), c);
    }
    if (f instanceof AndFilter and) {
      Set<String> best = null;
      for (Filter o : and.operands()) {
        Set<String> s = candidateIds(t, o);
        if (s != null && (best == null || s.size() < best.size())) {
          best = s;
        }
      }
      return best;
    }
    if (f instanceof OrFilter or) {
      Set<String> union = new LinkedHashSet<>();
      for (Filter o : or.operands()) {
        Set<String> s = candidateIds(t, o);
        if (s == null) {
          return null;
        }
        union.addAll(s);
      }
      return union;
    }
    return null;
  }

  /** The ids an {@code eq} on {@code path} can match, or null when no index answers it. */
  private @Nullable Set<String> lookup(Tenant t, AttributePath path, ComparisonFilter c) {
    if (c.operator() != ComparisonOperator.EQ || !(c.value() instanceof Literal.StringLiteral lit)) {
      return null;
    }
    if (path.schema() != null && !schema.isCoreUrn(path.schema())) {
      return null;
    }
    String value = lit.value();
    String name = path.name();
    String sub = path.subAttribute();
    if (sub == null && name.equalsIgnoreCase("id")) {
      AttributeInfo info = schema.attribute(null, "id", null);
      if (info != null && !info.caseExact()) {
        return null;
      }
      return t.byId.containsKey(value) ? Set.of(value) : Set.of();
    }
    if (delegated != null && name.equalsIgnoreCase(delegated) && (sub == null || sub.equalsIgnoreCase("value"))) {
      return delegatedCaseExact ? t.byMember.getOrDefault(value, Set.of()) : null;
    }
    for (int i = 0; i < indexes.size(); i++) {
      IndexSpec spec = indexes.get(i);
      if (spec.covers(name, sub)) {
        if (spec.caseExact()) {
          // an exact key answers only an exact comparison, else it would miss matches
          AttributeInfo info = schema.attribute(null, spec.name(), spec.sub());
          if (info == null || !info.caseExact()) {
            return null;
          }
        }
        return t.index.get(i).getOrDefault(spec.key(value), Set.of());
      }
    }
    return null;
  }

  /** Whether {@code f} reads attribute {@code name}. */
  static boolean mentions(Filter f, String name) {
    if (f instanceof ComparisonFilter c) {
      return c.path().name().equalsIgnoreCase(name);
    }
    if (f instanceof PresentFilter p) {
      return p.path().name().equalsIgnoreCase(name);
    }
    if (f instanceof ValuePathFilter v) {
      return v.attribute().name().equalsIgnoreCase(name);
    }
    if (f instanceof NotFilter n) {
      return mentions(n.operand(), name);
    }
    if (f instanceof AndFilter a) {
      return a.operands().stream().anyMatch(o -> mentions(o, name));
    }
    if (f instanceof OrFilter o) {
      return o.operands().stream().anyMatch(x -> mentions(x, name));
    }
    return true;
  }
}
