package dev.scimsync.server.internal;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.Returned;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;

/**
 * Attributes with {@code returned: never} ({@code password}) stay write-only: a filter or {@code
 * sortBy} naming one would let a client recover the value one comparison at a time, so both are
 * refused (400 {@code invalidFilter} for a filter, also inside a value filter; 400 {@code
 * invalidValue} for {@code sortBy}, RFC 7644 §3.4.2.3 gives it no scimType of its own).
 */
final class SecretAttributes {

  private SecretAttributes() {}

  /** Throws when {@code filter} reads an attribute that is never returned. */
  static void checkFilter(ResourceSchema schema, Filter filter) {
    check(schema, filter, null);
  }

  /** Throws when {@code sortBy} names an attribute that is never returned. */
  static void checkSortBy(ResourceSchema schema, AttributePath sortBy) {
    if (sortBy != null && secret(schema, sortBy)) {
      throw ScimException.invalidValue("sortBy cannot name '" + sortBy + "': it is never returned (returned: never)");
    }
  }

  private static void check(ResourceSchema schema, Filter f, AttributePath parent) {
    if (f instanceof ComparisonFilter c) {
      path(schema, c.path(), parent);
    } else if (f instanceof PresentFilter p) {
      path(schema, p.path(), parent);
    } else if (f instanceof ValuePathFilter v) {
      path(schema, v.attribute(), null);
      check(schema, v.filter(), v.attribute());
    } else if (f instanceof NotFilter n) {
      check(schema, n.operand(), parent);
    } else if (f instanceof AndFilter a) {
      a.operands().forEach(o -> check(schema, o, parent));
    } else if (f instanceof OrFilter o) {
      o.operands().forEach(x -> check(schema, x, parent));
    }
  }

  private static void path(ResourceSchema schema, AttributePath p, AttributePath parent) {
    AttributePath full = parent == null ? p : parent.withSubAttribute(p.name());
    if (secret(schema, full) || (parent != null && secret(schema, p))) {
      throw new ScimException(ScimType.INVALID_FILTER, "cannot filter on '" + full
          + "': it is never returned (returned: never)");
    }
  }

  private static boolean secret(ResourceSchema schema, AttributePath p) {
    ResolvedAttribute r = schema.resolve(p);
    if (r == null) {
      return false;
    }
    AttributeDefinition leaf = r.leaf();
    return r.attribute().returned() == Returned.NEVER || (leaf != null && leaf.returned() == Returned.NEVER);
  }
}
