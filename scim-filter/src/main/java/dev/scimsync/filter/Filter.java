package dev.scimsync.filter;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM filter expression (RFC 7644 §3.4.2.2) as an immutable syntax tree.
 *
 * <p>Every node is a record, so two filters are equal when their trees are equal. {@link Object#toString() toString()}
 * renders canonical filter text that parses back to an equal tree. Use {@link FilterParser} to read
 * filter text and the static factories here to build filters in code, where values are always
 * literals and never spliced into text.
 */
public sealed interface Filter
    permits AndFilter, OrFilter, NotFilter, ComparisonFilter, PresentFilter, ValuePathFilter {

  /** Dispatches to the visitor method for this node type. */
  <R extends @Nullable Object> R accept(FilterVisitor<R> visitor);

  /** Parses {@code text} with the strict default {@link FilterParser}. */
  static Filter parse(String text) {
    return FilterParser.DEFAULT.parseFilter(text);
  }

  /** {@code this and other}; nested conjunctions are kept as written. */
  default Filter and(Filter other) {
    return new AndFilter(List.of(this, other));
  }

  /** {@code this or other}. */
  default Filter or(Filter other) {
    return new OrFilter(List.of(this, other));
  }

  /** {@code not (this)}. */
  default Filter negate() {
    return new NotFilter(this);
  }

  /** {@code path eq value}; {@code value} may be a String, Number, Boolean or null. */
  static Filter eq(String path, @Nullable Object value) {
    return compare(path, ComparisonOperator.EQ, value);
  }

  /** {@code path ne value}. */
  static Filter ne(String path, @Nullable Object value) {
    return compare(path, ComparisonOperator.NE, value);
  }

  /** {@code path co value}. */
  static Filter co(String path, String value) {
    return compare(path, ComparisonOperator.CO, value);
  }

  /** {@code path sw value}. */
  static Filter sw(String path, String value) {
    return compare(path, ComparisonOperator.SW, value);
  }

  /** {@code path ew value}. */
  static Filter ew(String path, String value) {
    return compare(path, ComparisonOperator.EW, value);
  }

  /** {@code path gt value}. */
  static Filter gt(String path, Object value) {
    return compare(path, ComparisonOperator.GT, value);
  }

  /** {@code path ge value}. */
  static Filter ge(String path, Object value) {
    return compare(path, ComparisonOperator.GE, value);
  }

  /** {@code path lt value}. */
  static Filter lt(String path, Object value) {
    return compare(path, ComparisonOperator.LT, value);
  }

  /** {@code path le value}. */
  static Filter le(String path, Object value) {
    return compare(path, ComparisonOperator.LE, value);
  }

  /** {@code path pr}. */
  static Filter pr(String path) {
    return new PresentFilter(AttributePath.parse(path));
  }

  /** {@code attribute[filter]}: some value of the multi-valued {@code attribute} matches {@code filter}. */
  static Filter has(String attribute, Filter filter) {
    return new ValuePathFilter(AttributePath.parse(attribute), filter);
  }

  /** A comparison whose operator and value are validated as the parser would validate them. */
  static Filter compare(String path, ComparisonOperator operator, @Nullable Object value) {
    return new ComparisonFilter(AttributePath.parse(path), operator, Literal.of(value));
  }
}
