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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns a filter tree into a tree of {@link Node}s, resolving paths and types once. */
final class Compiler implements FilterVisitor<Node> {

  private final FilterSchema schema;
  private final boolean tolerant;
  /** Inside a value filter: the multi-valued attribute's schema and name; null at the top. */
  private final @Nullable String parentSchema;
  private final @Nullable String parentName;
  /** When not null, names are looked up exactly, in their spelling there. */
  private final @Nullable NameSpellings spellings;

  Compiler(FilterSchema schema, boolean tolerant, @Nullable String parentSchema, @Nullable String parentName,
      @Nullable NameSpellings spellings) {
    this.schema = schema;
    this.tolerant = tolerant;
    this.parentSchema = parentSchema;
    this.parentName = parentName;
    this.spellings = spellings;
  }

  private Node[] all(List<Filter> filters) {
    Node[] ps = new Node[filters.size()];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = filters.get(i).accept(this);
    }
    return ps;
  }

  @Override
  public Node visitAnd(AndFilter f) {
    return new Node.And(all(f.operands()));
  }

  @Override
  public Node visitOr(OrFilter f) {
    // `path eq "a" or path eq "b" or ...` on one case-exact text attribute (the id lists of a
    // reconciliation) is one look-up of the path and a set, instead of a look-up and a comparison
    // per literal: some value equals some literal either way
    List<Filter> operands = f.operands();
    boolean[] grouped = new boolean[operands.size()];
    Map<String, Set<String>> sets = new LinkedHashMap<>();
    for (int i = 0; i < grouped.length; i++) {
      if (operands.get(i) instanceof ComparisonFilter c && caseExactTextEquality(c)) {
        grouped[i] = true;
        sets.computeIfAbsent(c.path().toString(), k -> new HashSet<>()).add(((Literal.StringLiteral) c.value()).value());
      }
    }
    if (sets.values().stream().allMatch(set -> set.size() < 2)) {
      return new Node.Or(all(operands));
    }
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < grouped.length; i++) {
      Filter operand = operands.get(i);
      if (!grouped[i]) {
        nodes.add(operand.accept(this));
        continue;
      }
      ComparisonFilter c = (ComparisonFilter) operand;
      Set<String> set = sets.remove(c.path().toString());
      if (set != null) { // the first operand of its path stands for all of them
        nodes.add(set.size() == 1 ? operand.accept(this)
            : new Node.Compare(locator(c.path()), new ValueTests.InSet(set), false));
      }
    }
    return nodes.size() == 1 ? nodes.get(0) : new Node.Or(nodes.toArray(new Node[0]));
  }

  /**
   * Whether {@code c} is {@code path eq "text"} on a case-exact text attribute of the schema, whose
   * test is exactly {@link String#equals} on text values and false on anything else.
   */
  private boolean caseExactTextEquality(ComparisonFilter c) {
    if (c.operator() != ComparisonOperator.EQ || !(c.value() instanceof Literal.StringLiteral)) {
      return false;
    }
    AttributeInfo info = info(c.path());
    if (info == null || !info.caseExact()) {
      return false;
    }
    AttributeType type = info.type();
    return type == AttributeType.STRING || type == AttributeType.REFERENCE || type == AttributeType.BINARY;
  }

  @Override
  public Node visitNot(NotFilter f) {
    return new Node.Not(f.operand().accept(this));
  }

  @Override
  public Node visitPresent(PresentFilter f) {
    return new Node.Present(locator(f.path()));
  }

  @Override
  public Node visitValuePath(ValuePathFilter f) {
    if (parentName != null) {
      throw new FilterException(FilterException.INVALID_FILTER,
          "a value filter cannot be nested inside another value filter: " + f, -1);
    }
    AttributePath attr = f.attribute();
    return new Node.ValuePath(locator(attr), FilterEvaluator.valueFilter(schema, tolerant, attr, f.filter(), spellings));
  }

  @Override
  public Node visitComparison(ComparisonFilter f) {
    AttributePath path = f.path();
    Locator loc = locator(path);
    AttributeInfo info = info(path);
    ComparisonOperator op = f.operator();
    Literal lit = f.value();
    if (lit instanceof Literal.NullLiteral) {
      // eq null: nothing there; ne null: something there
      return new Node.Compare(loc, v -> true, op == ComparisonOperator.EQ);
    }
    boolean negate = op == ComparisonOperator.NE;
    ComparisonOperator effective = negate ? ComparisonOperator.EQ : op;
    return new Node.Compare(loc, ValueTests.of(path.toString(), effective, lit, info, tolerant), negate);
  }

  private Locator locator(AttributePath path) {
    if (parentName != null) {
      return new Locator(null, path.name(), path.subAttribute(), true, spellings);
    }
    String extension = null;
    if (path.schema() != null) {
      if (schema.isExtension(path.schema())) {
        extension = path.schema();
      }
    } else {
      extension = schema.extensionOf(path.name());
    }
    return new Locator(extension, path.name(), path.subAttribute(), false, spellings);
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
