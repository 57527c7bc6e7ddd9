package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.FilterException;
import dev.scimsync.filter.Gens;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.schema.AttributeType;
import dev.scimsync.filter.schema.FilterSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The optimised evaluator ({@link CompiledFilter#test}, and in batches {@link
 * CompiledFilter#matches} and {@link CompiledFilter#count}) answers exactly as the evaluator
 * before the optimisation ({@link RefCompiler}, kept unchanged in test scope) on random filters
 * and random documents: attribute names in any case (also the extension URN), absent attributes,
 * JSON nulls and empty values, single values where a list is expected and lists where a single
 * value is expected, text with Unicode case pairs (Kelvin sign, dotted and dotless I, long s,
 * sharp s, the sigmas, a supplementary Deseret pair), with and without schema, strict and
 * tolerant. A filter the reference rejects must be rejected with the same message.
 */
class OptimisedEvaluatorProperties {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static final FilterSchema TYPED = MapSchema.create()
      .attr("userName", AttributeType.STRING)
      .attr("title", AttributeType.STRING)
      .attr("externalId", AttributeType.STRING, false, true)
      .attr("active", AttributeType.BOOLEAN)
      .attr("loginCount", AttributeType.INTEGER)
      .attr("lastLogin", AttributeType.DATE_TIME)
      .attr("name", AttributeType.COMPLEX)
      .attr("name.familyName", AttributeType.STRING)
      .attr("emails", AttributeType.COMPLEX, true, false)
      .attr("emails.value", AttributeType.STRING, true, false)
      .attr("emails.type", AttributeType.STRING, true, false)
      .attr("emails.primary", AttributeType.BOOLEAN, true, false);

  record Setup(String label, FilterSchema schema, boolean tolerant) {
    FilterEvaluator evaluator() {
      return FilterEvaluator.builder().schema(schema).tolerant(tolerant).build();
    }
  }

  static final List<Setup> SETUPS = List.of(
      new Setup("defaults", FilterSchema.defaults(), false),
      new Setup("none, tolerant", FilterSchema.none(), true),
      new Setup("typed", TYPED, false),
      new Setup("typed, tolerant", TYPED, true));

  /** Text whose case-insensitive comparison is easy to get wrong. */
  static final List<String> WORDS = List.of("", "a", "A", "son", "SON", "Son", "\u017Fon", "Johnson", "JOHN\u017FON",
      "k", "K", "\u212A", "i", "I", "\u0130", "\u0131", "stra\u00DFe", "STRASSE", "\u03C3", "\u03A3", "\u03C2",
      "\u00E9t\u00E9", "\u00C9T\u00C9", "\uD801\uDC00", "\uD801\uDC28", "x\uD801\uDC00y", "J", "j", "@EXAMPLE.com",
      "bob@example.com", "2020-01-01T00:00:00Z", "2020-01-01T01:00:00+01:00", "true", "False", "7", "-2.5");
  static final List<String> TYPES = List.of("work", "Work", "home", "other");

  static String word(Random r) {
    String w = WORDS.get(r.nextInt(WORDS.size()));
    if (r.nextInt(4) == 0 && !w.isEmpty()) {
      // glue two words: matches in the middle and at the ends
      w = w + WORDS.get(r.nextInt(WORDS.size()));
    }
    return w;
  }

  /** {@code name} as written, or in a random mix of cases. */
  static String spell(Random r, String name) {
    if (r.nextInt(3) != 0) {
      return name;
    }
    StringBuilder b = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return b.toString();
  }

  static JsonNode scalar(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> F.booleanNode(r.nextBoolean());
      case 1 -> F.numberNode(r.nextInt(7) - 3);
      case 2 -> F.numberNode(new BigDecimal(r.nextInt(9) - 4).add(new BigDecimal("0.5")));
      default -> F.stringNode(word(r));
    };
  }

  static JsonNode email(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> F.nullNode();
      case 1 -> F.stringNode(word(r));
      case 2 -> JSON.createArrayNode().add(word(r));
      default -> {
        ObjectNode e = JSON.createObjectNode();
        EvaluatorLawsProperties.put(r, e, spell(r, "value"), F.stringNode(word(r)));
        EvaluatorLawsProperties.put(r, e, spell(r, "type"), F.stringNode(TYPES.get(r.nextInt(TYPES.size()))));
        EvaluatorLawsProperties.put(r, e, spell(r, "primary"), r.nextInt(4) == 0 ? F.stringNode("True") : F.booleanNode(r.nextBoolean()));
        yield e;
      }
    };
  }

  static JsonNode document(Random r) {
    ObjectNode o = JSON.createObjectNode();
    EvaluatorLawsProperties.put(r, o, spell(r, "userName"), F.stringNode(word(r)));
    EvaluatorLawsProperties.put(r, o, spell(r, "title"), scalar(r));
    EvaluatorLawsProperties.put(r, o, spell(r, "externalId"), F.stringNode(word(r)));
    EvaluatorLawsProperties.put(r, o, spell(r, "active"), r.nextInt(4) == 0 ? F.stringNode("false") : F.booleanNode(r.nextBoolean()));
    EvaluatorLawsProperties.put(r, o, spell(r, "loginCount"), r.nextInt(4) == 0 ? F.stringNode("2") : F.numberNode(r.nextInt(7) - 3));
    EvaluatorLawsProperties.put(r, o, spell(r, "lastLogin"), F.stringNode(r.nextBoolean() ? "2020-01-01T00:30:00Z" : word(r)));
    JsonNode name;
    if (r.nextInt(5) == 0) {
      name = r.nextBoolean() ? F.stringNode(word(r)) : JSON.createArrayNode().add(JSON.createObjectNode().put("familyName", word(r)));
    } else {
      ObjectNode n = JSON.createObjectNode();
      EvaluatorLawsProperties.put(r, n, spell(r, "familyName"), r.nextInt(6) == 0 ? JSON.createArrayNode().add(word(r)).add(word(r)) : F.stringNode(word(r)));
      EvaluatorLawsProperties.put(r, n, spell(r, "givenName"), F.stringNode(word(r)));
      name = n;
    }
    EvaluatorLawsProperties.put(r, o, spell(r, "name"), name);
    JsonNode emails;
    if (r.nextInt(6) == 0) {
      emails = email(r);
    } else {
      ArrayNode a = JSON.createArrayNode();
      for (int i = r.nextInt(4); i > 0; i--) {
        a.add(email(r));
      }
      emails = a;
    }
    EvaluatorLawsProperties.put(r, o, spell(r, "emails"), emails);
    if (r.nextBoolean()) {
      ObjectNode ext = JSON.createObjectNode();
      EvaluatorLawsProperties.put(r, ext, spell(r, "department"), F.stringNode(word(r)));
      ObjectNode manager = JSON.createObjectNode();
      EvaluatorLawsProperties.put(r, manager, spell(r, "value"), F.stringNode(word(r)));
      EvaluatorLawsProperties.put(r, ext, spell(r, "manager"), manager);
      EvaluatorLawsProperties.put(r, o, r.nextInt(4) == 0 ? ENTERPRISE.toUpperCase(Locale.ROOT) : ENTERPRISE, ext);
    }
    return o;
  }

  static final String[] PATHS = {"userName", "USERNAME", "title", "externalId", "active", "loginCount", "lastLogin",
      "name.familyName", "Name.FAMILYNAME", "name", "emails", "emails.value", "EMAILS.Type", "emails.primary",
      "id", "meta.created", ENTERPRISE + ":department", ENTERPRISE.toLowerCase(Locale.ROOT) + ":manager.value",
      "department", "urn:ietf:params:scim:schemas:core:2.0:User:userName"};
  static final String[] INSIDE = {"value", "VALUE", "type", "primary", "display"};

  static Literal literal(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> Literal.NULL;
      case 1 -> Literal.of(r.nextBoolean());
      case 2 -> Literal.of(new BigDecimal(r.nextInt(9) - 4));
      case 3 -> Literal.of(TYPES.get(r.nextInt(TYPES.size())));
      default -> Literal.of(word(r));
    };
  }

  static Filter atom(Random r, boolean inside) {
    String path = inside ? INSIDE[r.nextInt(INSIDE.length)] : PATHS[r.nextInt(PATHS.length)];
    if (r.nextInt(6) == 0) {
      return new PresentFilter(AttributePath.parse(path));
    }
    if (!inside && r.nextInt(6) == 0) {
      return new ValuePathFilter(AttributePath.of(r.nextBoolean() ? "emails" : "Emails"), filter(r, 1, true));
    }
    ComparisonOperator op = ComparisonOperator.values()[r.nextInt(ComparisonOperator.values().length)];
    Literal lit = literal(r);
    if (op.isSubstring() && !(lit instanceof Literal.StringLiteral)) {
      lit = Literal.of(word(r));
    }
    if (op.isOrdering() && (lit instanceof Literal.BooleanLiteral || lit instanceof Literal.NullLiteral)) {
      lit = Literal.of(word(r));
    }
    return new ComparisonFilter(AttributePath.parse(path), op, lit);
  }

  static Filter filter(Random r, int depth, boolean inside) {
    int choice = depth <= 0 ? 0 : r.nextInt(5);
    return switch (choice) {
      case 1 -> new AndFilter(operands(r, depth, inside));
      case 2 -> new OrFilter(operands(r, depth, inside));
      case 3 -> new NotFilter(filter(r, depth - 1, inside));
      default -> atom(r, inside);
    };
  }

  static List<Filter> operands(Random r, int depth, boolean inside) {
    List<Filter> fs = new ArrayList<>();
    for (int i = 2 + r.nextInt(2); i > 0; i--) {
      fs.add(filter(r, depth - 1, inside));
    }
    return fs;
  }

  static final Gen<Filter> FILTERS = Gens.fromRandom(r -> filter(r, 3, false));
  /** Up to 150 documents: no batch, part of one, one and more than two. */
  static final Gen<List<JsonNode>> DOCUMENTS = Gens.fromRandom(r -> {
    List<JsonNode> docs = new ArrayList<>();
    int n = r.nextInt(4) == 0 ? r.nextInt(150) : r.nextInt(70);
    for (int i = 0; i < n; i++) {
      docs.add(document(r));
    }
    return docs;
  });

  @Test
  void sameAnswersAsTheReferenceOneByOneAndInBatches() {
    qt().withExamples(600).forAll(FILTERS, DOCUMENTS, Gens.fromRandom(Random::nextLong)).checkAssert((f, docs, seed) -> {
      for (Setup s : SETUPS) {
        Predicate<JsonNode> ref;
        try {
          ref = RefCompiler.compile(s.schema(), s.tolerant(), f);
        } catch (FilterException e) {
          Throwable t = catchThrowable(() -> s.evaluator().compile(f));
          assertThat(t).as("%s with %s", f, s.label()).isInstanceOf(FilterException.class).hasMessage(e.getMessage());
          continue;
        }
        CompiledFilter ours = s.evaluator().compile(f);
        int expectedCount = 0;
        boolean[] expected = new boolean[docs.size()];
        for (int i = 0; i < docs.size(); i++) {
          expected[i] = ref.test(docs.get(i));
          expectedCount += expected[i] ? 1 : 0;
          assertThat(ours.test(docs.get(i))).as("%s with %s on %s", f, s.label(), docs.get(i)).isEqualTo(expected[i]);
        }
        assertThat(ours.count(docs)).as("count of %s with %s", f, s.label()).isEqualTo(expectedCount);
        // one batch call on a random window of an array with room on both sides
        Random r = new Random(seed);
        JsonNode[] array = new JsonNode[docs.size() + 3];
        for (int i = 0; i < docs.size(); i++) {
          array[i + 2] = docs.get(i);
        }
        int from = docs.isEmpty() ? 0 : r.nextInt(docs.size());
        int count = Math.min(CompiledFilter.MAX_BATCH, docs.size() - from);
        count = count == 0 ? 0 : 1 + r.nextInt(count);
        long bits = ours.matches(array, from + 2, count);
        for (int i = 0; i < 64; i++) {
          boolean want = i < count && expected[from + i];
          assertThat((bits >>> i & 1) == 1).as("bit %d of %s with %s", i, f, s.label()).isEqualTo(want);
        }
      }
    });
  }

  /** Value filters as the PATCH engine uses them, on single values of {@code emails}. */
  @Test
  void valueFiltersAgreeWithTheReference() {
    Gen<Filter> inner = Gens.fromRandom(r -> filter(r, 2, true));
    Gen<List<JsonNode>> values = Gens.fromRandom(r -> {
      List<JsonNode> vs = new ArrayList<>();
      for (int i = r.nextInt(6); i > 0; i--) {
        vs.add(email(r));
      }
      return vs;
    });
    qt().withExamples(400).forAll(inner, values).checkAssert((f, vs) -> {
      for (Setup s : SETUPS) {
        AttributePath emails = AttributePath.of("emails");
        Predicate<JsonNode> ref;
        try {
          ref = new RefCompiler(s.schema(), s.tolerant(), null, "emails").compile(f);
        } catch (FilterException e) {
          Throwable t = catchThrowable(() -> s.evaluator().compileValueFilter(emails, f));
          assertThat(t).as("%s with %s", f, s.label()).isInstanceOf(FilterException.class).hasMessage(e.getMessage());
          continue;
        }
        Predicate<JsonNode> ours = s.evaluator().compileValueFilter(emails, f);
        for (JsonNode v : vs) {
          if (!v.isNull()) {
            assertThat(ours.test(v)).as("%s with %s on %s", f, s.label(), v).isEqualTo(ref.test(v));
          }
        }
      }
    });
  }
}
