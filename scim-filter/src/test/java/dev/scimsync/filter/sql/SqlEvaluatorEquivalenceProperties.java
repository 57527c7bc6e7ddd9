package dev.scimsync.filter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.filter.AndFilter;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.ComparisonFilter;
import dev.scimsync.filter.ComparisonOperator;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.Gens;
import dev.scimsync.filter.Literal;
import dev.scimsync.filter.NotFilter;
import dev.scimsync.filter.OrFilter;
import dev.scimsync.filter.PresentFilter;
import dev.scimsync.filter.ValuePathFilter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.filter.eval.MapSchema;
import dev.scimsync.filter.schema.AttributeType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SQL translation selects exactly the rows whose SCIM JSON the in-memory evaluator matches.
 * A fixed dataset of users lives twice: as rows in H2 ({@code users}, {@code user_emails}) and as
 * SCIM JSON, where an absent attribute corresponds to a NULL column and a user without emails has
 * no rows in {@code user_emails}. Random filters over the mapped attributes must select the same
 * ids both ways; with some attributes unmapped (SUPERSET) the SQL must select exactly what the
 * filter with its unmapped parts relaxed to "any row" selects, a superset of the matches. Property
 * tests on QuickTheories; {@link Gens} says how to replay a failure's seed.
 */
class SqlEvaluatorEquivalenceProperties {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final int USERS = 200;

  static Connection db;
  static final Map<String, JsonNode> RESOURCES = new LinkedHashMap<>();

  static final SqlMapping MAPPING = SqlMapping.builder()
      .column("id", new SqlColumn("u.id", AttributeType.STRING, true))
      .column("userName", SqlColumn.string("u.user_name"))
      .column("displayName", SqlColumn.string("u.display_name"))
      .column("externalId", new SqlColumn("u.external_id", AttributeType.STRING, true))
      .column("active", new SqlColumn("u.active", AttributeType.BOOLEAN, false))
      .column("empNo", new SqlColumn("u.emp_no", AttributeType.INTEGER, false))
      .column("score", new SqlColumn("u.score", AttributeType.DECIMAL, false))
      .column("meta.lastModified", new SqlColumn("u.last_modified", AttributeType.DATE_TIME, false))
      .column("name.givenName", SqlColumn.string("u.given_name"))
      .column(ENTERPRISE + ":department", SqlColumn.string("u.department"))
      .childTable("emails", "user_emails", "user_id", "u.id", e -> e
          .column("value", SqlColumn.string("value"))
          .column("type", SqlColumn.string("type"))
          .column("primary", new SqlColumn("primary_email", AttributeType.BOOLEAN, false)))
      .build();

  /** The same mapping without displayName and emails.type, for SUPERSET mode. */
  static final SqlMapping PARTIAL_MAPPING = SqlMapping.builder()
      .column("id", new SqlColumn("u.id", AttributeType.STRING, true))
      .column("userName", SqlColumn.string("u.user_name"))
      .column("active", new SqlColumn("u.active", AttributeType.BOOLEAN, false))
      .column("empNo", new SqlColumn("u.emp_no", AttributeType.INTEGER, false))
      .childTable("emails", "user_emails", "user_id", "u.id", e -> e
          .column("value", SqlColumn.string("value")))
      .build();

  /** The schema that gives the evaluator the mapping's types and caseExact. */
  static final MapSchema SCHEMA = MapSchema.create()
      .attr("id", AttributeType.STRING, false, true)
      .attr("userName", AttributeType.STRING)
      .attr("displayName", AttributeType.STRING)
      .attr("externalId", AttributeType.STRING, false, true)
      .attr("active", AttributeType.BOOLEAN)
      .attr("empNo", AttributeType.INTEGER)
      .attr("score", AttributeType.DECIMAL)
      .attr("meta", AttributeType.COMPLEX)
      .attr("meta.lastModified", AttributeType.DATE_TIME)
      .attr("name", AttributeType.COMPLEX)
      .attr("name.givenName", AttributeType.STRING)
      .attr(ENTERPRISE + ":department", AttributeType.STRING)
      .attr("emails", AttributeType.COMPLEX, true, false)
      .attr("emails.value", AttributeType.STRING, true, false)
      .attr("emails.type", AttributeType.STRING, true, false)
      .attr("emails.primary", AttributeType.BOOLEAN, true, false);

  static final FilterEvaluator EVALUATOR = FilterEvaluator.builder().schema(SCHEMA).build();
  static final SqlTranslator EXACT = SqlTranslator.builder().mapping(MAPPING).build();
  static final SqlTranslator SUPERSET = SqlTranslator.builder().mapping(PARTIAL_MAPPING)
      .unmapped(SqlTranslator.Unmapped.SUPERSET).build();

  /** ASCII only (collations differ beyond), with LIKE's special characters and case variants. */
  static final List<String> WORDS = List.of(
      "alice", "Alice", "ALICE", "al", "bob", "Bob", "b_b", "bab", "a%b", "a!b", "50%", "100%!", "x_y",
      "o'malley", "O'Malley", "back\\slash", "\\", "quote\"d", "", " ", "zed", "Zed", "a.b@example.com",
      "A.B@Example.COM", "c@x.org", "!", "%", "_");
  static final List<String> TYPES = List.of("work", "home", "Work", "other");
  static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");

  static String word(Random r) {
    return WORDS.get(r.nextInt(WORDS.size()));
  }

  /** A piece of a word, so that co/sw/ew find something now and then. */
  static String fragment(Random r) {
    String w = word(r);
    if (w.isEmpty() || r.nextInt(3) == 0) {
      return w;
    }
    int a = r.nextInt(w.length());
    int b = a + 1 + r.nextInt(w.length() - a);
    return w.substring(a, b);
  }

  static Instant instant(Random r) {
    return BASE.plusSeconds(r.nextInt(6) * 3600L).plusMillis(r.nextInt(3) * 250L);
  }

  static String dateTimeText(Random r) {
    ZoneOffset off = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHoursMinutes(-3, -30)).get(r.nextInt(3));
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant(r), off));
  }

  @BeforeAll
  static void createDataset() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:scim_equivalence;MODE=PostgreSQL;DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE users (id VARCHAR(20) PRIMARY KEY, user_name VARCHAR(100), display_name VARCHAR(100),"
          + " external_id VARCHAR(100), active BOOLEAN, emp_no INTEGER, score DECIMAL(10,2),"
          + " last_modified TIMESTAMP WITH TIME ZONE, given_name VARCHAR(100), department VARCHAR(100))");
      s.execute("CREATE TABLE user_emails (user_id VARCHAR(20) REFERENCES users(id), value VARCHAR(100) NOT NULL,"
          + " type VARCHAR(20), primary_email BOOLEAN)");
    }
    Random r = new Random(7643);
    try (PreparedStatement u = db.prepareStatement("INSERT INTO users VALUES (?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement e = db.prepareStatement("INSERT INTO user_emails VALUES (?,?,?,?)")) {
      for (int i = 0; i < USERS; i++) {
        String id = String.format("u%03d", i);
        ObjectNode o = JSON.createObjectNode();
        o.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        o.put("id", id);
        u.setString(1, id);
        String userName = word(r);
        u.setString(2, userName);
        o.put("userName", userName);
        text(u, 3, o, "displayName", r.nextInt(4) == 0 ? null : word(r));
        text(u, 4, o, "externalId", r.nextInt(4) == 0 ? null : word(r));
        Boolean active = r.nextInt(4) == 0 ? null : r.nextBoolean();
        if (active == null) {
          u.setNull(5, Types.BOOLEAN);
        } else {
          u.setBoolean(5, active);
          o.put("active", active);
        }
        Integer empNo = r.nextInt(4) == 0 ? null : r.nextInt(9) - 4;
        if (empNo == null) {
          u.setNull(6, Types.INTEGER);
        } else {
          u.setInt(6, empNo);
          o.put("empNo", empNo);
        }
        BigDecimal score = r.nextInt(4) == 0 ? null : BigDecimal.valueOf(r.nextInt(9) - 4, r.nextInt(2));
        if (score == null) {
          u.setNull(7, Types.DECIMAL);
        } else {
          u.setBigDecimal(7, score);
          o.put("score", score);
        }
        if (r.nextInt(4) == 0) {
          u.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          Instant t = instant(r);
          u.setObject(8, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
          ZoneOffset off = r.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHours(-7);
          o.putObject("meta").put("lastModified", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(off)));
        }
        String given = r.nextInt(3) == 0 ? null : word(r);
        u.setString(9, given);
        if (given != null) {
          o.putObject("name").put("givenName", given);
        }
        String department = r.nextInt(3) == 0 ? null : word(r);
        u.setString(10, department);
        if (department != null) {
          o.putObject(ENTERPRISE).put("department", department);
          o.withArray("schemas").add(ENTERPRISE);
        }
        // attributes no mapping knows, for the SUPERSET checks
        o.put("nickName", word(r));
        u.executeUpdate();
        int emails = r.nextInt(4);
        if (emails > 0) {
          ArrayNode arr = o.putArray("emails");
          for (int k = 0; k < emails; k++) {
            ObjectNode em = arr.addObject();
            String value = word(r) + (r.nextBoolean() ? "@example.com" : "");
            em.put("value", value);
            e.setString(1, id);
            e.setString(2, value);
            String type = r.nextInt(5) == 0 ? null : TYPES.get(r.nextInt(TYPES.size()));
            e.setString(3, type);
            if (type != null) {
              em.put("type", type);
            }
            Boolean primary = r.nextInt(3) == 0 ? null : r.nextBoolean();
            if (primary == null) {
              e.setNull(4, Types.BOOLEAN);
            } else {
              e.setBoolean(4, primary);
              em.put("primary", primary);
            }
            em.put("display", word(r));
            e.executeUpdate();
          }
        }
        RESOURCES.put(id, o);
      }
    }
  }

  private static void text(PreparedStatement ps, int index, ObjectNode o, String name, String value) throws SQLException {
    ps.setString(index, value);
    if (value != null) {
      o.put(name, value);
    }
  }

  @AfterAll
  static void closeDatabase() throws SQLException {
    if (db != null) {
      db.close();
    }
  }

  // ---- filters over the mapped attributes ----------------------------------------------------

  static final ComparisonOperator[] OPS = ComparisonOperator.values();
  static final ComparisonOperator[] ORDER = {
      ComparisonOperator.EQ, ComparisonOperator.NE, ComparisonOperator.GT,
      ComparisonOperator.GE, ComparisonOperator.LT, ComparisonOperator.LE};

  static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  static Filter compare(String path, ComparisonOperator op, Object value) {
    return new ComparisonFilter(AttributePath.parse(path), op, Literal.of(value));
  }

  static final String[] TEXT_PATHS = {
      "userName", "displayName", "externalId", "id", "name.givenName", ENTERPRISE + ":department",
      "emails", "emails.value", "emails.type"};
  static final String[] PRESENT_PATHS = {
      "userName", "displayName", "externalId", "active", "empNo", "score", "meta.lastModified",
      "name.givenName", ENTERPRISE + ":department", "emails", "emails.value", "emails.type", "emails.primary"};

  static Filter atom(Random r, boolean insideEmails) {
    int kind = r.nextInt(10);
    if (insideEmails) {
      return switch (kind % 5) {
        case 0 -> new PresentFilter(AttributePath.of(pick(r, new String[] {"value", "type", "primary"})));
        case 1 -> compare("value", pick(r, OPS), fragment(r));
        case 2 -> r.nextInt(5) == 0
            ? compare("type", r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE, null)
            : compare("type", pick(r, OPS), TYPES.get(r.nextInt(TYPES.size())));
        case 3 -> compare("primary", r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE,
            r.nextInt(4) == 0 ? null : r.nextBoolean());
        default -> compare("value", r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE, null);
      };
    }
    return switch (kind) {
      case 0 -> new PresentFilter(AttributePath.parse(pick(r, PRESENT_PATHS)));
      case 1, 2 -> compare(pick(r, TEXT_PATHS), pick(r, OPS), fragment(r));
      case 3 -> compare("active", r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE, r.nextBoolean());
      case 4 -> compare(r.nextBoolean() ? "empNo" : "score", pick(r, ORDER),
          BigDecimal.valueOf(r.nextInt(11) - 5, r.nextInt(3)));
      case 5 -> compare("meta.lastModified", pick(r, ORDER), dateTimeText(r));
      case 6 -> compare(pick(r, PRESENT_PATHS), r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE, null);
      case 7 -> compare("emails.primary", r.nextBoolean() ? ComparisonOperator.EQ : ComparisonOperator.NE, r.nextBoolean());
      case 8 -> new ValuePathFilter(AttributePath.of("name"), compare("givenName", pick(r, OPS), fragment(r)));
      default -> new ValuePathFilter(AttributePath.of("emails"), filter(r, 2, true));
    };
  }

  static Filter filter(Random r, int depth, boolean insideEmails) {
    int choice = depth <= 0 ? 0 : r.nextInt(6);
    return switch (choice) {
      case 1 -> new AndFilter(List.of(filter(r, depth - 1, insideEmails), filter(r, depth - 1, insideEmails)));
      case 2 -> new OrFilter(List.of(filter(r, depth - 1, insideEmails), filter(r, depth - 1, insideEmails)));
      case 3 -> new NotFilter(filter(r, depth - 1, insideEmails));
      default -> atom(r, insideEmails);
    };
  }

  static final Gen<Filter> MAPPED_FILTERS = Gens.fromRandom(r -> filter(r, 3, false));

  /** Filters that also use nickName, displayName, emails.type and emails.display. */
  static final Gen<Filter> PARTLY_UNMAPPED_FILTERS = Gens.fromRandom(r -> {
    Filter f = filter(r, 2, false);
    Filter extra = switch (r.nextInt(4)) {
      case 0 -> compare("nickName", pick(r, OPS), fragment(r));
      case 1 -> compare("emails.display", pick(r, OPS), fragment(r));
      case 2 -> new ValuePathFilter(AttributePath.of("emails"),
          new AndFilter(List.of(compare("display", ComparisonOperator.CO, fragment(r)), atom(r, true))));
      default -> new PresentFilter(AttributePath.of("nickName"));
    };
    return switch (r.nextInt(4)) {
    case 0 -> f.and(extra);
    case 1 -> f.or(extra);
    case 2 -> f.and(extra.negate());
    default -> extra.and(f).negate();
    };
  });

  // ---- running both ------------------------------------------------------------------------

  static TreeSet<String> sqlIds(SqlWhere where) {
    TreeSet<String> ids = new TreeSet<>();
    try (PreparedStatement ps = db.prepareStatement("SELECT id FROM users u WHERE " + where.sql())) {
      List<Object> params = where.parameters();
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(where.sql(), e);
    }
    return ids;
  }

  static TreeSet<String> evaluatorIds(Filter f) {
    Predicate<JsonNode> p = EVALUATOR.compile(f);
    TreeSet<String> ids = new TreeSet<>();
    RESOURCES.forEach((id, node) -> {
      if (p.test(node)) {
        ids.add(id);
      }
    });
    return ids;
  }

  @Test
  void sqlSelectsExactlyWhatTheEvaluatorMatches() {
    qt().withExamples(600).forAll(MAPPED_FILTERS).checkAssert(f -> {
      SqlWhere where = EXACT.translate(f);
      assertThat(where.exact()).isTrue();
      TreeSet<String> expected = evaluatorIds(f);
      TreeSet<String> actual = sqlIds(where);
      assertThat(actual).as("filter %s%nSQL %s%nparameters %s%nonly SQL: %s%nonly evaluator: %s",
          f, where.sql(), where.parameters(), difference(actual, expected), difference(expected, actual))
          .isEqualTo(expected);
    });
  }

  /**
   * SUPERSET mode selects exactly the rows of the filter with each unmapped part replaced by
   * "any row" (see {@link #relax}), which contain the filter's matches; it reports exact only when
   * nothing was replaced.
   */
  @Test
  void supersetModeSelectsTheRelaxedFilter() {
    qt().withExamples(300).forAll(PARTLY_UNMAPPED_FILTERS).checkAssert(f -> {
      SqlWhere where = SUPERSET.translate(f);
      Relaxed relaxed = relax(f, PARTIAL_TOP);
      TreeSet<String> matches = evaluatorIds(f);
      TreeSet<String> relaxedMatches = relaxed.filter() == null ? new TreeSet<>(RESOURCES.keySet())
          : evaluatorIds(relaxed.filter());
      TreeSet<String> actual = sqlIds(where);
      assertThat(relaxedMatches).as("relaxing %s to %s loses matches", f, relaxed.filter()).containsAll(matches);
      assertThat(actual).as("filter %s%nrelaxed %s%nSQL %s%nparameters %s%nonly SQL: %s%nonly relaxed: %s",
          f, relaxed.filter(), where.sql(), where.parameters(), difference(actual, relaxedMatches),
          difference(relaxedMatches, actual))
          .isEqualTo(relaxedMatches);
      assertThat(where.exact()).as("exact for %s", f).isEqualTo(relaxed.exact());
      if (where.exact()) {
        assertThat(actual).isEqualTo(matches);
      }
    });
  }

  /** Paths {@link #PARTIAL_MAPPING} maps at the top level and inside {@code emails[...]}. */
  static final Set<String> PARTIAL_TOP = Set.of("id", "username", "active", "empno", "emails", "emails.value");
  static final Set<String> PARTIAL_EMAILS = Set.of("value");

  /** Inside {@code emails[...]}: true for every element. */
  static final Filter ANY_ELEMENT = new PresentFilter(AttributePath.of("value"))
      .or(new PresentFilter(AttributePath.of("value")).negate());

  /** A relaxed filter ({@code null} for "any row") and whether nothing had to be relaxed. */
  record Relaxed(Filter filter, boolean exact) {
    static final Relaxed ANY = new Relaxed(null, false);
  }

  /**
   * The filter SUPERSET mode promises to select: every comparison or {@code pr} on an attribute
   * the mapping lacks becomes "any row", so does a {@code not} over anything relaxed (the
   * complement of a superset is no superset), {@code and} drops relaxed operands, {@code or} with
   * a relaxed operand is relaxed, and {@code emails[...]} keeps requiring an element. A value path
   * on a complex attribute without mapped sub-attributes is its relaxed inner filter.
   */
  static Relaxed relax(Filter f, Set<String> mapped) {
    if (f instanceof ComparisonFilter c) {
      return mapped.contains(c.path().toString().toLowerCase(Locale.ROOT)) ? new Relaxed(f, true) : Relaxed.ANY;
    }
    if (f instanceof PresentFilter p) {
      return mapped.contains(p.path().toString().toLowerCase(Locale.ROOT)) ? new Relaxed(f, true) : Relaxed.ANY;
    }
    if (f instanceof NotFilter n) {
      return relax(n.operand(), mapped).exact() ? new Relaxed(f, true) : Relaxed.ANY;
    }
    if (f instanceof AndFilter a) {
      List<Filter> kept = new ArrayList<>();
      boolean exact = true;
      for (Filter op : a.operands()) {
        Relaxed r = relax(op, mapped);
        exact &= r.exact();
        if (r.filter() != null) {
          kept.add(r.filter());
        }
      }
      return kept.isEmpty() ? Relaxed.ANY : new Relaxed(kept.size() == 1 ? kept.get(0) : new AndFilter(kept), exact);
    }
    if (f instanceof OrFilter o) {
      List<Filter> kept = new ArrayList<>();
      boolean exact = true;
      for (Filter op : o.operands()) {
        Relaxed r = relax(op, mapped);
        if (r.filter() == null) {
          return Relaxed.ANY;
        }
        exact &= r.exact();
        kept.add(r.filter());
      }
      return new Relaxed(new OrFilter(kept), exact);
    }
    ValuePathFilter v = (ValuePathFilter) f;
    if (v.attribute().toString().equalsIgnoreCase("emails")) {
      Relaxed inner = relax(v.filter(), PARTIAL_EMAILS);
      return new Relaxed(new ValuePathFilter(v.attribute(), inner.filter() == null ? ANY_ELEMENT : inner.filter()),
          inner.exact());
    }
    return relax(v.filter(), Set.of());
  }

  private static List<String> difference(TreeSet<String> a, TreeSet<String> b) {
    List<String> d = new ArrayList<>();
    for (String s : a) {
      if (!b.contains(s)) {
        d.add(s + "=" + RESOURCES.get(s));
      }
    }
    return d.size() > 3 ? d.subList(0, 3) : d;
  }
}
