package dev.scimsync.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random trees for the round-trip properties; every tree is one the printer can express. */
final class FilterGenerators {

  private FilterGenerators() {}

  private static final List<String> KNOWN_SCHEMAS = List.of(
      Trees.CORE_USER,
      "urn:ietf:params:scim:schemas:core:2.0:Group",
      Trees.ENTERPRISE_USER,
      "URN:Example:Custom:1.0");

  /** Keywords, operators and literal words, which are all legal attribute names. */
  private static final List<String> KEYWORD_NAMES = List.of(
      "and", "or", "not", "NOT", "Not", "pr", "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le",
      "true", "FALSE", "null", "$ref", "urn");

  static Arbitrary<String> attributeName() {
    Arbitrary<String> plain = Combinators.combine(
            Arbitraries.chars().range('a', 'z').range('A', 'Z'),
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('-', '_').ofMaxLength(8))
        .as((first, rest) -> first + rest);
    return Arbitraries.frequencyOf(
        Tuple.of(6, plain),
        Tuple.of(1, Arbitraries.of(KEYWORD_NAMES)));
  }

  static Arbitrary<String> schema() {
    Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withCharRange('0', '9').withChars('.', '-', '_').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> random = segment.list().ofMinSize(1).ofMaxSize(4)
        .map(segments -> "urn:" + String.join(":", segments));
    return Arbitraries.oneOf(Arbitraries.of(KNOWN_SCHEMAS), random);
  }

  static Arbitrary<AttributePath> attributePath(boolean subAllowed) {
    Arbitrary<String> sub = subAllowed ? attributeName().injectNull(0.6) : Arbitraries.just(null);
    return Combinators.combine(schema().injectNull(0.7), attributeName(), sub).as(AttributePath::new);
  }

  static Arbitrary<String> anyString() {
    Arbitrary<String> tricky = Arbitraries.strings()
        .withChars('"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', ' ', '(', ')',
            '[', ']', 'a', 'n', 'd', 'u', '\u2028', '\ufeff', '\ud83d', '\ude00')
        .ofMaxLength(12);
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12), tricky);
  }

  static Arbitrary<BigDecimal> anyNumber() {
    return Combinators.combine(
            Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
            Arbitraries.integers().between(-40, 40))
        .as(BigDecimal::new);
  }

  static Arbitrary<Literal> literalFor(ComparisonOperator op) {
    Arbitrary<Literal> string = anyString().map(Literal.StringLiteral::new);
    Arbitrary<Literal> number = anyNumber().map(Literal.NumberLiteral::new);
    Arbitrary<Literal> bool = Arbitraries.of(Literal.TRUE, Literal.FALSE);
    Arbitrary<Literal> nul = Arbitraries.just(Literal.NULL);
    if (op.isSubstring()) {
      return string;
    }
    if (op.isOrdering()) {
      return Arbitraries.oneOf(string, number);
    }
    return Arbitraries.oneOf(string, number, bool, nul);
  }

  static Arbitrary<Filter> atom() {
    Arbitrary<Filter> comparison = Arbitraries.of(ComparisonOperator.class).flatMap(op ->
        Combinators.combine(attributePath(true), literalFor(op))
            .as((path, value) -> (Filter) new ComparisonFilter(path, op, value)));
    Arbitrary<Filter> present = attributePath(true).map(PresentFilter::new);
    return Arbitraries.frequencyOf(Tuple.of(4, comparison), Tuple.of(1, present));
  }

  /** A filter of bounded depth; value paths only where not inside another value path. */
  static Arbitrary<Filter> filter(int depth, boolean valuePathAllowed) {
    Arbitrary<Filter> leaf = valuePathAllowed
        ? Arbitraries.frequencyOf(Tuple.of(4, atom()), Tuple.of(1, valuePath(depth)))
        : atom();
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Filter> inner = Arbitraries.lazy(() -> filter(depth - 1, valuePathAllowed));
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaf),
        Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(4).map(AndFilter::new)),
        Tuple.of(1, inner.list().ofMinSize(2).ofMaxSize(4).map(OrFilter::new)),
        Tuple.of(1, inner.map(NotFilter::new)));
  }

  static Arbitrary<Filter> valuePath(int depth) {
    return Combinators.combine(attributePath(false), Arbitraries.lazy(() -> filter(Math.max(0, depth - 1), false)))
        .as(ValuePathFilter::new);
  }

  static Arbitrary<PatchPath> patchPath() {
    Arbitrary<PatchPath> plain = attributePath(true).map(PatchPath::of);
    Arbitrary<PatchPath> filtered = Combinators.combine(
            attributePath(false), filter(2, false), attributeName().injectNull(0.5))
        .as(PatchPath::new);
    return Arbitraries.oneOf(plain, filtered);
  }
}
