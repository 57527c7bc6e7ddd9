package dev.scimsync.filter.eval;

import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.FilterVisitor;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.schema.AttributeInfo;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.schema.FilterSchema;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The evaluator as it was before the batch evaluation and the specialised lookups (issue 17), kept
 * unchanged as the reference that the property tests compare the optimised evaluator with.
 */
final class RefCompiler implements FilterVisitor<Predicate<JsonNode>> {

  /** The reference predicate for {@code filter}, as {@code FilterEvaluator.compile} made it. */
  static Predicate<JsonNode> compile(FilterSchema schema, boolean tolerant, Filter filter) {
    return filter.accept(new RefCompiler(schema, tolerant, null, null));
  }

  /** A value filter's predicate, when this compiler was made for one. */
  Predicate<JsonNode> compile(Filter filter) {
    return filter.accept(this);
  }

  private final FilterSchema schema;
  private final boolean tolerant;
  /** Inside a value filter: the multi-valued attribute's schema and name; null at the top. */
  private final @Nullable String parentSchema;
  private final @Nullable String parentName;

  RefCompiler(FilterSchema schema, boolean tolerant, @Nullable String parentSchema, @Nullable String parentName) {
    this.schema = schema;
    this.tolerant = tolerant;
    this.parentSchema = parentSchema;
    this.parentName = parentName;
  }

  @SuppressWarnings("unchecked")
  private Predicate<JsonNode>[] all(List<Filter> filters) {
    Predicate<JsonNode>[] ps = new Predicate[filters.size()];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = filters.get(i).accept(this);
    }
    return ps;
  }

  @Override
  public Predicate<JsonNode> visitAnd(AndFilter f) {
    Predicate<JsonNode>[] ps = all(f.operands());
    if (ps.length == 2) {
      Predicate<JsonNode> a = ps[0];
      Predicate<JsonNode> b = ps[1];
      return n -> a.test(n) && b.test(n);
    }
    return n -> {
      for (Predicate<JsonNode> p : ps) {
        if (!p.test(n)) {
          return false;
        }
      }
      return true;
    };
  }

  @Override
  public Predicate<JsonNode> visitOr(OrFilter f) {
    Predicate<JsonNode>[] ps = all(f.operands());
    if (ps.length == 2) {
      Predicate<JsonNode> a = ps[0];
      Predicate<JsonNode> b = ps[1];
      return n -> a.test(n) || b.test(n);
    }
    return n -> {
      for (Predicate<JsonNode> p : ps) {
        if (p.test(n)) {
          return true;
        }
      }
      return false;
    };
  }

  @Override
  public Predicate<JsonNode> visitNot(NotFilter f) {
    Predicate<JsonNode> p = f.operand().accept(this);
    return n -> !p.test(n);
  }

  @Override
  public Predicate<JsonNode> visitPresent(PresentFilter f) {
    RefLocator loc = locator(f.path());
    return loc::present;
  }

  @Override
  public Predicate<JsonNode> visitValuePath(ValuePathFilter f) {
    if (parentName != null) {
      throw new FilterException(FilterException.INVALID_FILTER,
          "a value filter cannot be nested inside another value filter: " + f, -1);
    }
    AttributePath attr = f.attribute();
    RefLocator loc = locator(attr);
    String owningSchema = attr.schema() != null ? attr.schema() : schema.extensionOf(attr.name());
    Predicate<JsonNode> inner = f.filter().accept(new RefCompiler(schema, tolerant, owningSchema, attr.name()));
    return n -> {
      JsonNode a = loc.attribute(n);
      if (a == null || a.isNull()) {
        return false;
      }
      if (a.isArray()) {
        for (JsonNode e : a) {
          if (!e.isNull() && inner.test(e)) {
            return true;
          }
        }
        return false;
      }
      return inner.test(a);
    };
  }

  @Override
  public Predicate<JsonNode> visitComparison(ComparisonFilter f) {
    AttributePath path = f.path();
    RefLocator loc = locator(path);
    AttributeInfo info = info(path);
    ComparisonOperator op = f.operator();
    Literal lit = f.value();
    if (lit instanceof Literal.NullLiteral) {
      // eq null: nothing there; ne null: something there
      RefLocator.ValueTest anything = v -> true;
      return op == ComparisonOperator.EQ ? n -> !loc.anyValue(n, anything) : n -> loc.anyValue(n, anything);
    }
    boolean negate = op == ComparisonOperator.NE;
    ComparisonOperator effective = negate ? ComparisonOperator.EQ : op;
    RefLocator.ValueTest test = RefValueTests.of(path.toString(), effective, lit, info, tolerant);
    return negate ? n -> !loc.anyValue(n, test) : n -> loc.anyValue(n, test);
  }

  private RefLocator locator(AttributePath path) {
    if (parentName != null) {
      return new RefLocator(null, path.name(), path.subAttribute(), true);
    }
    String extension = null;
    if (path.schema() != null) {
      if (schema.isExtension(path.schema())) {
        extension = path.schema();
      }
    } else {
      extension = schema.extensionOf(path.name());
    }
    return new RefLocator(extension, path.name(), path.subAttribute(), false);
  }

  /** The type of the leaf values the path compares, or null when unknown. */
  private @Nullable AttributeInfo info(AttributePath path) {
    if (parentName != null) {
      return path.subAttribute() == null ? schema.attribute(parentSchema, parentName, path.name()) : null;
    }
    if (path.subAttribute() != null) {
      return schema.attribute(path.schema(), path.name(), path.subAttribute());
    }
    AttributeInfo a = schema.attribute(path.schema(), path.name(), null);
    if (a != null && a.type() == AttributeType.COMPLEX) {
      // compared through its "value" sub-attribute; without one the complex type itself is
      // returned, so that the comparison is rejected as invalidFilter instead of being inferred
      AttributeInfo value = schema.attribute(path.schema(), path.name(), "value");
      return value != null ? value : a;
    }
    return a;
  }
}
