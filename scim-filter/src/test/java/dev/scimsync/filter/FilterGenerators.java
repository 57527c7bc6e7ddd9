package dev.scimsync.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

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

  static Gen<String> attributeName() {
    Gen<Character> first = Generate.oneOf(Generate.characters('a', 'z'), Generate.characters('A', 'Z'));
    Gen<Character> rest = Generate.oneOf(Generate.characters('a', 'z'), Generate.characters('A', 'Z'),
        Generate.characters('0', '9'), Gens.charsOf("-_"));
    Gen<String> plain = first.zip(Gens.strings(rest, 0, 8), (f, r) -> f + r);
    return Generate.frequency(Pair.of(6, plain), Pair.of(1, Generate.pick(KEYWORD_NAMES)));
  }

  static Gen<String> schema() {
    Gen<Character> segmentChar = Generate.oneOf(Generate.characters('a', 'z'), Generate.characters('A', 'Z'),
        Generate.characters('0', '9'), Gens.charsOf(".-_"));
    Gen<String> random = Gens.lists(Gens.strings(segmentChar, 1, 6), 1, 4)
        .map(segments -> "urn:" + String.join(":", segments));
    return Generate.oneOf(Generate.pick(KNOWN_SCHEMAS), random);
  }

  static Gen<AttributePath> attributePath(boolean subAllowed) {
    Gen<String> sub = subAllowed ? Gens.nullable(attributeName(), 60) : Generate.constant((String) null);
    return Gens.nullable(schema(), 70).zip(attributeName(), sub, AttributePath::new);
  }

  static Gen<String> anyString() {
    Gen<String> tricky = Gens.strings(
        Gens.charsOf("\"\\/\b\f\n\r\t\u0000\u001f\u007f ()[]andu\u2028\ufeff\ud83d\ude00"), 0, 12);
    return Generate.oneOf(Gens.strings(Gens.anyChar(), 0, 12), tricky);
  }

  static Gen<BigDecimal> anyNumber() {
    BigInteger bound = BigInteger.TEN.pow(30);
    // unscaled values from -10^30 to 10^30: a random long scaled by a random power of ten, plus the bounds
    Gen<BigInteger> unscaled = Generate.frequency(
        Pair.of(8, SourceDSL.longs().all().zip(SourceDSL.integers().between(0, 11),
            (l, p) -> BigInteger.valueOf(l).multiply(BigInteger.TEN.pow(p)))),
        Pair.of(1, Generate.pick(List.of(bound, bound.negate(), BigInteger.ZERO))));
    return unscaled.zip(SourceDSL.integers().between(-40, 40), BigDecimal::new);
  }

  static Gen<Literal> literalFor(ComparisonOperator op) {
    Gen<Literal> string = anyString().map(Literal.StringLiteral::new);
    Gen<Literal> number = anyNumber().map(Literal.NumberLiteral::new);
    Gen<Literal> bool = Generate.pick(List.of(Literal.TRUE, Literal.FALSE));
    Gen<Literal> nul = Generate.constant(Literal.NULL);
    if (op.isSubstring()) {
      return string;
    }
    if (op.isOrdering()) {
      return Generate.oneOf(string, number);
    }
    return Generate.oneOf(string, number, bool, nul);
  }

  static Gen<Filter> atom() {
    Gen<Filter> comparison = Generate.enumValues(ComparisonOperator.class).flatMap(op ->
        attributePath(true).zip(literalFor(op), (path, value) -> (Filter) new ComparisonFilter(path, op, value)));
    Gen<Filter> present = attributePath(true).map(PresentFilter::new);
    return Generate.frequency(Pair.of(4, comparison), Pair.of(1, present));
  }

  /** A filter of bounded depth; value paths only where not inside another value path. */
  static Gen<Filter> filter(int depth, boolean valuePathAllowed) {
    Gen<Filter> leaf = valuePathAllowed
        ? Generate.frequency(Pair.of(4, atom()), Pair.of(1, valuePath(depth)))
        : atom();
    if (depth == 0) {
      return leaf;
    }
    Gen<Filter> inner = Gens.lazy(() -> filter(depth - 1, valuePathAllowed));
    return Generate.frequency(
        Pair.of(3, leaf),
        Pair.of(1, Gens.lists(inner, 2, 4).map(AndFilter::new)),
        Pair.of(1, Gens.lists(inner, 2, 4).map(OrFilter::new)),
        Pair.of(1, inner.map(NotFilter::new)));
  }

  static Gen<Filter> valuePath(int depth) {
    return attributePath(false).zip(Gens.lazy(() -> filter(Math.max(0, depth - 1), false)), ValuePathFilter::new);
  }

  static Gen<PatchPath> patchPath() {
    Gen<PatchPath> plain = attributePath(true).map(PatchPath::of);
    Gen<PatchPath> filtered = attributePath(false).zip(filter(2, false), Gens.nullable(attributeName(), 50),
        PatchPath::new);
    return Generate.oneOf(plain, filtered);
  }
}
