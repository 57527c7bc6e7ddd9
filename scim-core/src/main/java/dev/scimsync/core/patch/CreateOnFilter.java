package dev.scimsync.core.patch;

import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.ResolvedAttribute;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.Literal;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The Entra ID rule ({@link Tolerance#filteredPathCreatesValue()}): an add or replace on {@code
 * emails[type eq "work"].value} that matches no value creates the value the filter describes.
 */
final class CreateOnFilter {

  private CreateOnFilter() {}

  /**
   * The value a filter such as {@code type eq "work" and primary eq true} describes, normalised, or
   * null when the filter is not a conjunction of equalities on sub-attributes.
   */
  static @Nullable ObjectNode template(ResourceValidator validator, ResolvedAttribute r, Filter f) {
    List<Filter> terms = f instanceof AndFilter and ? and.operands() : List.of(f);
    ObjectNode o = WorkingCopy.NODES.objectNode();
    for (Filter term : terms) {
      if (!(term instanceof ComparisonFilter c) || c.operator() != ComparisonOperator.EQ
          || c.path().subAttribute() != null || c.value() instanceof Literal.NullLiteral) {
        return null;
      }
      AttributeDefinition sub = r.attribute().subAttribute(c.path().name());
      if (sub == null) {
        return null;
      }
      JsonNode lit = WorkingCopy.NODES.pojoNode(null);
      Object jv = c.value().javaValue();
      if (jv instanceof String s) {
        lit = WorkingCopy.NODES.stringNode(s);
      } else if (jv instanceof Boolean b) {
        lit = WorkingCopy.NODES.booleanNode(b);
      } else if (jv instanceof java.math.BigDecimal d) {
        lit = WorkingCopy.NODES.numberNode(d);
      }
      JsonNode nv = validator.normalizeValue(new ResolvedAttribute(r.schemaUri(), r.extension(), r.attribute(), sub),
          lit, r.attribute().name() + "." + sub.name());
      if (nv == null) {
        return null;
      }
      o.set(sub.name(), nv);
    }
    return o;
  }
}
