package dev.scimsync.filter;

import java.math.BigDecimal;
import java.util.List;

/**
 * Builds expected trees straight from the records, never through the parser, so that an expected
 * value in a test cannot inherit a parser bug.
 */
final class Trees {

  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private Trees() {}

  static AttributePath attr(String name) {
    return new AttributePath(null, name, null);
  }

  static AttributePath attr(String name, String sub) {
    return new AttributePath(null, name, sub);
  }

  static AttributePath urn(String schema, String name) {
    return new AttributePath(schema, name, null);
  }

  static AttributePath urn(String schema, String name, String sub) {
    return new AttributePath(schema, name, sub);
  }

  /** {@code dotted} is "name" or "name.sub", never schema-qualified. */
  static AttributePath dotted(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0 ? attr(dotted) : attr(dotted.substring(0, dot), dotted.substring(dot + 1));
  }

  static Literal str(String s) {
    return new Literal.StringLiteral(s);
  }

  static Literal num(String decimal) {
    return new Literal.NumberLiteral(new BigDecimal(decimal));
  }

  static ComparisonFilter cmp(AttributePath path, ComparisonOperator op, Literal value) {
    return new ComparisonFilter(path, op, value);
  }

  static ComparisonFilter cmp(String dotted, ComparisonOperator op, Literal value) {
    return new ComparisonFilter(dotted(dotted), op, value);
  }

  static ComparisonFilter eq(String dotted, String value) {
    return cmp(dotted, ComparisonOperator.EQ, str(value));
  }

  static ComparisonFilter cmp(String dotted, ComparisonOperator op, String value) {
    return cmp(dotted, op, str(value));
  }

  static PresentFilter pr(String dotted) {
    return new PresentFilter(dotted(dotted));
  }

  static AndFilter and(Filter... operands) {
    return new AndFilter(List.of(operands));
  }

  static OrFilter or(Filter... operands) {
    return new OrFilter(List.of(operands));
  }

  static NotFilter not(Filter operand) {
    return new NotFilter(operand);
  }

  static ValuePathFilter has(String attribute, Filter filter) {
    return new ValuePathFilter(attr(attribute), filter);
  }

  static ValuePathFilter has(AttributePath attribute, Filter filter) {
    return new ValuePathFilter(attribute, filter);
  }

  static PatchPath path(AttributePath attribute) {
    return new PatchPath(attribute, null, null);
  }

  static PatchPath path(String attribute, Filter valueFilter, String sub) {
    return new PatchPath(attr(attribute), valueFilter, sub);
  }
}
