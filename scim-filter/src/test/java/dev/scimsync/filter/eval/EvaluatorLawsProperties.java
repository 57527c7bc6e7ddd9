package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;

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
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.schema.FilterSchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import dev.scimsync.filter.Gens;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Boolean laws of RFC 7644 §3.4.2.2's logical operators, checked on random filters over a small
 * vocabulary and random resources in which any attribute may be present, absent, an explicit
 * {@code null}, an empty string, an empty array or an empty object (the cases where filter
 * evaluation goes wrong). The evaluator is two-valued (an absent value makes a comparison false,
 * never "unknown"), so the laws must hold exactly. Property tests on QuickTheories; {@link Gens}
 * says how to replay a failure's seed.
 */
class EvaluatorLawsProperties {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  static final FilterSchema SCHEMA = MapSchema.create()
      .attr("userName", AttributeType.STRING)
      .attr("externalId", AttributeType.STRING, false, true)
      .attr("active", AttributeType.BOOLEAN)
      .attr("loginCount", AttributeType.INTEGER)
      .attr("score", AttributeType.DECIMAL)
      .attr("lastLogin", AttributeType.DATE_TIME)
      .attr("emails", AttributeType.COMPLEX, true, false)
      .attr("emails.value", AttributeType.STRING, true, false)
      .attr("emails.type", AttributeType.STRING, true, false)
      .attr("emails.primary", AttributeType.BOOLEAN, true, false);

  static final FilterEvaluator TYPED = FilterEvaluator.builder().schema(SCHEMA).build();
  /** Everything inferred from the JSON values. */
  static final FilterEvaluator UNTYPED = FilterEvaluator.builder().schema(FilterSchema.none()).build();

  static final List<String> WORDS = List.of("a", "A", "ab", "Ab", "b", "ba", "abc", "x@y.org", "X@Y.ORG", "");
  static final List<String> TYPES = List.of("work", "home", "Work", "other");
  static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");

  // ---- generators ---------------------------------------------------------------------------

  static String word(Random r) {
    return WORDS.get(r.nextInt(WORDS.size()));
  }

  static String dateTime(Random r) {
    Instant t = BASE.plusSeconds(r.nextInt(5) * 1800L).plusMillis(r.nextInt(3) * 500L);
    ZoneOffset off = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHoursMinutes(-5, -30)).get(r.nextInt(3));
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(t, off));
  }

  static BigDecimal number(Random r, boolean decimal) {
    int i = r.nextInt(7) - 3;
    return decimal && r.nextBoolean() ? BigDecimal.valueOf(i).add(new BigDecimal("0.5")) : BigDecimal.valueOf(i);
  }

  /**
   * How an attribute appears: mostly a proper value, otherwise absent, an explicit null or an
   * empty value of the wrong shape.
   */
  enum Shape { VALUE, ABSENT, NULL, EMPTY_STRING, EMPTY_ARRAY, EMPTY_OBJECT }

  static Shape shape(Random r) {
    return r.nextInt(3) == 0 ? Shape.values()[1 + r.nextInt(Shape.values().length - 1)] : Shape.VALUE;
  }

  /** Sets {@code name} to {@code value} or to one of the degenerate shapes. */
  static void put(Random r, ObjectNode o, String name, JsonNode value) {
    switch (shape(r)) {
      case VALUE -> o.set(name, value);
      case ABSENT -> { }
      case NULL -> o.putNull(name);
      case EMPTY_STRING -> o.put(name, "");
      case EMPTY_ARRAY -> o.putArray(name);
      case EMPTY_OBJECT -> o.putObject(name);
    }
  }

  static JsonNode resource(Random r) {
    ObjectNode o = JSON.createObjectNode();
    put(r, o, "userName", F.stringNode(word(r)));
    put(r, o, "externalId", F.stringNode(word(r)));
    put(r, o, "active", F.booleanNode(r.nextBoolean()));
    put(r, o, "loginCount", F.numberNode(number(r, false).intValue()));
    put(r, o, "score", F.numberNode(number(r, true)));
    put(r, o, "lastLogin", F.stringNode(dateTime(r)));
    ArrayNode emails = JSON.createArrayNode();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(6) == 0) {
        emails.add(r.nextBoolean() ? JSON.createObjectNode() : F.nullNode());
        continue;
      }
      ObjectNode e = emails.addObject();
      put(r, e, "value", F.stringNode(word(r)));
      put(r, e, "type", F.stringNode(TYPES.get(r.nextInt(TYPES.size()))));
      put(r, e, "primary", F.booleanNode(r.nextBoolean()));
    }
    put(r, o, "emails", emails);
    return o;
  }

  static final ComparisonOperator[] OPS = ComparisonOperator.values();
  static final ComparisonOperator[] EQUALITY_AND_ORDER = {
      ComparisonOperator.EQ, ComparisonOperator.NE, ComparisonOperator.GT,
      ComparisonOperator.GE, ComparisonOperator.LT, ComparisonOperator.LE};

  static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  static Filter compare(String path, ComparisonOperator op, Object value) {
    return new ComparisonFilter(AttributePath.parse(path), op, Literal.of(value));
  }

  /** A comparison or pr that is well typed for {@link #SCHEMA}; inside a value path on emails. */
  static Filter atom(Random r, boolean insideEmails) {
    if (r.nextInt(8) == 0) {
      String p = insideEmails ? pick(r, new String[] {"value", "type", "primary"})
          : pick(r, new String[] {"userName", "externalId", "active", "loginCount", "score", "lastLogin",
              "emails", "emails.value", "emails.type"});
      return new PresentFilter(AttributePath.parse(p));
    }
    int kind = r.nextInt(insideEmails ? 3 : 8);
    if (insideEmails) {
      return switch (kind) {
        case 0 -> compare("value", pick(r, OPS), word(r));
        case 1 -> compare("type", pick(r, OPS), TYPES.get(r.nextInt(TYPES.size())));
        default -> compare("primary", r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE, r.nextBoolean());
      };
    }
    return switch (kind) {
      case 0 -> compare("userName", pick(r, OPS), word(r));
      case 1 -> compare("externalId", pick(r, OPS), word(r));
      case 2 -> compare("active", r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE, r.nextBoolean());
      case 3 -> compare(r.nextBoolean() ? "loginCount" : "score", pick(r, EQUALITY_AND_ORDER), number(r, true));
      case 4 -> compare("lastLogin", pick(r, EQUALITY_AND_ORDER), dateTime(r));
      case 5 -> compare(pick(r, new String[] {"emails", "emails.value"}), pick(r, OPS), word(r));
      case 6 -> compare("emails.type", pick(r, OPS), TYPES.get(r.nextInt(TYPES.size())));
      default -> new ValuePathFilter(AttributePath.of("emails"), filter(r, 1, true));
    };
  }

  static Filter filter(Random r, int depth, boolean insideEmails) {
    int choice = depth <= 0 ? 0 : r.nextInt(5);
    return switch (choice) {
      case 1 -> new AndFilter(List.of(filter(r, depth - 1, insideEmails), filter(r, depth - 1, insideEmails)));
      case 2 -> new OrFilter(List.of(filter(r, depth - 1, insideEmails), filter(r, depth - 1, insideEmails)));
      case 3 -> new NotFilter(filter(r, depth - 1, insideEmails));
      default -> atom(r, insideEmails);
    };
  }

  static final Gen<Filter> FILTERS = Gens.fromRandom(r -> filter(r, 3, false));

  /** {@code eq} comparisons only. */
  static final Gen<Filter> EQUALITIES = Gens.fromRandom(r -> {
    Filter f;
    do {
      f = atom(r, false);
    } while (!(f instanceof ComparisonFilter c && c.operator() == ComparisonOperator.EQ));
    return f;
  });

  static final Gen<JsonNode> RESOURCES = Gens.fromRandom(EvaluatorLawsProperties::resource);

  static boolean eval(FilterEvaluator ev, Filter f, JsonNode r) {
    return ev.compile(f).test(r);
  }

  static final List<FilterEvaluator> BOTH = List.of(TYPED, UNTYPED);

  // ---- laws ---------------------------------------------------------------------------------

  @Test
  void notIsNegation() {
    qt().withExamples(400).forAll(FILTERS, RESOURCES).checkAssert((f, r) -> {
      for (FilterEvaluator ev : BOTH) {
        assertThat(eval(ev, f.negate(), r)).as("%s on %s", f, r).isEqualTo(!eval(ev, f, r));
      }
    });
  }

  @Test
  void andIsConjunction() {
    qt().withExamples(400).forAll(FILTERS, FILTERS, RESOURCES).checkAssert((f, g, r) -> {
      for (FilterEvaluator ev : BOTH) {
        assertThat(eval(ev, f.and(g), r)).as("%s and %s on %s", f, g, r)
            .isEqualTo(eval(ev, f, r) && eval(ev, g, r));
      }
    });
  }

  @Test
  void orIsDisjunction() {
    qt().withExamples(400).forAll(FILTERS, FILTERS, RESOURCES).checkAssert((f, g, r) -> {
      for (FilterEvaluator ev : BOTH) {
        assertThat(eval(ev, f.or(g), r)).as("%s or %s on %s", f, g, r)
            .isEqualTo(eval(ev, f, r) || eval(ev, g, r));
      }
    });
  }

  /** {@code ne} is {@code not eq}: the project's choice of "no value equals" for multi-valued attributes. */
  @Test
  void neIsNotEq() {
    qt().withExamples(400).forAll(EQUALITIES, RESOURCES).checkAssert((eq, r) -> {
      ComparisonFilter c = (ComparisonFilter) eq;
      Filter ne = new ComparisonFilter(c.path(), ComparisonOperator.NE, c.value());
      for (FilterEvaluator ev : BOTH) {
        assertThat(eval(ev, ne, r)).as("%s on %s", ne, r).isEqualTo(!eval(ev, eq, r));
        assertThat(eval(ev, ne, r)).isEqualTo(eval(ev, eq.negate(), r));
      }
    });
  }

  @Test
  void deMorgan() {
    qt().withExamples(400).forAll(FILTERS, FILTERS, RESOURCES).checkAssert((f, g, r) -> {
      for (FilterEvaluator ev : BOTH) {
        assertThat(eval(ev, f.and(g).negate(), r)).as("not (%s and %s) on %s", f, g, r)
            .isEqualTo(eval(ev, f.negate().or(g.negate()), r));
        assertThat(eval(ev, f.or(g).negate(), r)).as("not (%s or %s) on %s", f, g, r)
            .isEqualTo(eval(ev, f.negate().and(g.negate()), r));
      }
    });
  }

  @Test
  void printedFilterMeansTheSame() {
    qt().withExamples(300).forAll(FILTERS, RESOURCES).checkAssert((f, r) -> {
      Filter reparsed = Filter.parse(f.toString());
      assertThat(eval(TYPED, reparsed, r)).as("%s on %s", f, r).isEqualTo(eval(TYPED, f, r));
    });
  }

  @Test
  void wellTypedFiltersNeverThrow() {
    qt().withExamples(500).forAll(FILTERS, RESOURCES).checkAssert((f, r) -> {
      for (FilterEvaluator ev : BOTH) {
        assertThatCode(() -> ev.compile(f).test(r)).as("%s on %s", f, r).doesNotThrowAnyException();
        assertThatCode(() -> ev.compile(f).test(JSON.createObjectNode())).doesNotThrowAnyException();
      }
    });
  }
}
