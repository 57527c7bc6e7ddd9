package dev.scimsync.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Whatever the text, the parser returns a tree or throws {@link FilterException} with the right
 * scimType and a position inside the text; never anything else, never a stack overflow. What it
 * accepts prints to canonical text that reads back to the same tree. Property tests on
 * QuickTheories; {@link Gens} says how to replay a failure's seed.
 */
class ParserNeverCrashesProperties {

  private static final FilterParser STRICT = FilterParser.strict();
  private static final FilterParser TOLERANT = FilterParser.tolerant();
  private static final FilterParser SHALLOW = FilterParser.builder().maxDepth(3).maxLength(200).build();

  private static final List<String> TOKENS = List.of(
      "(", ")", "[", "]", "\"", "\"x\"", "\"\\\"\"", "\"\\u00e9\"", "\\", "\\u", ".", ":", "$ref", "urn:",
      "urn:a:b:", "and", "or", "not", "NOT", "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr",
      "true", "False", "null", "0", "-1", "01", "1.5e-3", "1.", ".5", "+1", "1e999999999999", "userName",
      "emails", "name.givenName", "a.b.c", "value", ".value", "http://x:y", "1abc", " ", " ", " ", "\t", "\n",
      "\u0000", "\u00a0", "'", "é", "\ud83d\ude00", "\ud800");

  static Gen<String> anyText() {
    return Generate.oneOf(Gens.strings(Gens.anyChar(), 0, 40), Gens.strings(Generate.characters(0, 127), 0, 40));
  }

  static Gen<String> tokenSoup() {
    return Gens.lists(Generate.pick(TOKENS), 0, 24).map(parts -> String.join("", parts));
  }

  /** Canonical text of a valid filter with one random character inserted, deleted or replaced. */
  static Gen<String> mutatedFilters() {
    Gen<String> valid = FilterGenerators.filter(2, true).map(Filter::toString);
    Gen<Character> ch = Gens.charsOf("()[]\"\\ .:a1\u0000");
    return valid.zip(SourceDSL.integers().between(0, 1000), SourceDSL.integers().between(0, 2), ch,
        (text, at, kind, c) -> {
          int i = text.isEmpty() ? 0 : at % (text.length() + (kind == 0 ? 1 : 0));
          if (kind == 0 || text.isEmpty()) {
            return text.substring(0, Math.min(i, text.length())) + c + text.substring(Math.min(i, text.length()));
          }
          String rest = text.substring(Math.min(i + 1, text.length()));
          return text.substring(0, i) + (kind == 1 ? "" : String.valueOf(c)) + rest;
        });
  }

  @Test
  void arbitraryTextNeverCrashesTheParser() {
    qt().withExamples(2000).forAll(anyText()).checkAssert(ParserNeverCrashesProperties::checkAll);
  }

  @Test
  void grammarTokenSoupNeverCrashesTheParser() {
    qt().withExamples(3000).forAll(tokenSoup()).checkAssert(ParserNeverCrashesProperties::checkAll);
  }

  @Test
  void mutatedCanonicalFilterNeverCrashesTheParser() {
    qt().withExamples(1500).forAll(mutatedFilters()).checkAssert(ParserNeverCrashesProperties::checkAll);
  }

  private static void checkAll(String text) {
    for (FilterParser p : List.of(STRICT, TOLERANT, SHALLOW)) {
      check(text, p::parseFilter, "invalidFilter", f -> STRICT.parseFilter(f.toString()).equals(f));
      check(text, p::parsePath, "invalidPath", pp -> STRICT.parsePath(pp.toString()).equals(pp));
      check(text, p::parseAttributePath, "invalidPath",
          ap -> STRICT.parseAttributePath(ap.toString()).equals(ap));
    }
  }

  private static <T> void check(String text, Function<String, T> parse, String scimType,
      Predicate<T> roundTrips) {
    T result;
    try {
      result = parse.apply(text);
    } catch (FilterException e) {
      assertThat(e.scimType()).as("scimType for %s", text).isEqualTo(scimType);
      assertThat(e.position()).as("position for %s", text).isBetween(-1, text.length());
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(result).isNotNull();
    assertThat(roundTrips.test(result)).as("accepted %s, printed %s", text, result).isTrue();
  }
}
