package dev.scimsync.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.message.ListResponse;
import dev.scimsync.core.resource.ScimResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ScimJson}'s own reader of objects gives what the mapper alone gave before it: for any
 * body, the same tree (equal, with the same node classes, number types, decimal scales and property
 * order) or the same 400 (status, scimType, detail); and a list response read from bytes has the
 * same resources as one read from the mapper's tree.
 */
class ScimJsonReaderProperties {

  private static final String[] NAMES = {"a", "b", "id", "value", "type", "schemas", "émoji😀", "A", "x\\\"y"};
  private static final String[] NUMBERS = {
    "0", "-0", "1", "-1", "10", "11", "-128", "255", "2147483647", "2147483648", "-2147483648", "-2147483649",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "123456789012345678901234567890", "-123456789012345678901234567890", "1" + "0".repeat(99), "1" + "0".repeat(100),
    "0.0", "-0.0", "1.50", "1.5", "0.1", "-0.000", "1e0", "1E2", "1e+2", "1e-2", "-1.5e-7", "0e0", "-0e-0",
    "1e400", "1e-400", "1.7976931348623157e308", "4.9e-324", "1e2147483647", "1e2147483648", "1001853e2147483648",
    "1e-2147483649", "3.141592653589793238462643383279502884197", "01", "+1", ".5", "1.", "1e", "-", "NaN",
    "Infinity", "0x10", "1_000"};
  private static final String[] STRINGS = {
    "\"\"", "\"work\"", "\"User\"", "\"urn:ietf:params:scim:schemas:core:2.0:User\"", "\"bjensen\"",
    "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"tab\\tnew\\nline\"", "\"\\\"quoted\\\"\"", "\"\\/\"",
    "\"ünïcødé ✓ 漢字\"", "\"😀\"", "\"\\q\"", "\"raw\ttab\"", "\"\\u00e9\"", "\"\\uZZZZ\"",
    "\"" + "long".repeat(30) + "\""};
  private static final String[] LITERALS = {"true", "false", "null", "True", "nul", "undefined"};
  private static final String[] TAILS = {"", " ", "\n", " x", "{}", "[]", "1", ",", "}", "]", " // c", "\u0000"};

  /** A JSON-ish body from a seed: mostly valid, sometimes deep, damaged, cut or followed by more. */
  static synchronized String body(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    budget = 300;
    int maxDepth = r.nextInt(10) == 0 ? 70 : 6;
    if (r.nextInt(20) == 0) {
      value(r, sb, 0, maxDepth);
    } else {
      object(r, sb, 0, maxDepth);
    }
    String s = sb.toString();
    switch (r.nextInt(8)) {
      case 0:
        return s.substring(0, r.nextInt(s.length() + 1));
      case 1: {
        char[] c = s.toCharArray();
        c[r.nextInt(c.length)] = "{}[],:\"\\ 0a-.e".charAt(r.nextInt(14));
        return new String(c);
      }
      case 2:
        return s + TAILS[r.nextInt(TAILS.length)];
      default:
        return s;
    }
  }

  /** Values left to generate in the body being generated: keeps deep bodies small. */
  private static int budget;

  private static void object(SplittableRandom r, StringBuilder sb, int depth, int maxDepth) {
    sb.append(r.nextInt(30) == 0 ? " { " : "{");
    // sometimes an object of many properties, with distinct names or one duplicate among them
    boolean large = depth < 2 && maxDepth == 6 && r.nextInt(8) == 0;
    int duplicate = large && r.nextInt(3) == 0 ? r.nextInt(40) : -1;
    int n = depth >= maxDepth || budget-- <= 0 ? 0 : large ? 10 + r.nextInt(40)
        : maxDepth > 6 ? 1 + r.nextInt(2) : r.nextInt(depth == 0 ? 8 : 5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(',');
      }
      // few names, so that duplicates are common; sometimes a unique one
      String name = large ? "p" + (i == duplicate ? r.nextInt(i + 1) : i)
          : r.nextInt(4) == 0 ? "k" + r.nextInt(1000) : NAMES[r.nextInt(NAMES.length)];
      sb.append('"').append(name).append("\":");
      if (large && r.nextInt(4) > 0) {
        sb.append(i);
      } else {
        value(r, sb, depth + 1, maxDepth);
      }
    }
    sb.append('}');
  }

  private static void value(SplittableRandom r, StringBuilder sb, int depth, int maxDepth) {
    int kind = depth >= maxDepth ? 2 + r.nextInt(4) : (maxDepth > 6 && r.nextInt(3) > 0 ? r.nextInt(2) : r.nextInt(6));
    switch (kind) {
      case 0 -> object(r, sb, depth, maxDepth);
      case 1 -> {
        sb.append('[');
        int n = depth >= maxDepth || budget-- <= 0 ? 0 : maxDepth > 6 ? 1 + r.nextInt(2) : r.nextInt(5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          value(r, sb, depth + 1, maxDepth);
        }
        sb.append(']');
      }
      case 2 -> sb.append(r.nextInt(8) == 0 ? NUMBERS[r.nextInt(NUMBERS.length)]
          : NUMBERS[r.nextInt(NUMBERS.length - 13)]);
      case 3 -> sb.append(r.nextInt(8) == 0 ? LITERALS[r.nextInt(LITERALS.length)] : LITERALS[r.nextInt(3)]);
      default -> {
        if (r.nextBoolean()) {
          sb.append(STRINGS[r.nextInt(STRINGS.length)]);
        } else {
          // a short string from a small alphabet, so that equal values repeat within a body
          sb.append('"');
          for (int i = r.nextInt(6); i > 0; i--) {
            sb.append("ab\u00e9\u4e2d".charAt(r.nextInt(4)));
          }
          sb.append('"');
        }
      }
    }
  }

  static Gen<String> bodies() {
    return SourceDSL.longs().all().map(ScimJsonReaderProperties::body);
  }

  @Test
  void bytesReadAsTheMapperReadThem() {
    qt().withExamples(5000).forAll(bodies()).checkAssert(body -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      sameOutcome(() -> ScimJson.parseObjectWithMapper(bytes), () -> ScimJson.parseObject(bytes));
    });
  }

  @Test
  void textReadsAsTheMapperReadIt() {
    qt().withExamples(3000).forAll(bodies()).checkAssert(body ->
        sameOutcome(() -> ScimJson.parseObjectWithMapper(body), () -> ScimJson.parseObject(body)));
  }

  /** The same body read twice or more gives equal, separate trees: nothing of one read is kept mutable. */
  @Test
  void readsAreIndependent() {
    qt().withExamples(500).forAll(bodies()).checkAssert(body -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ObjectNode first;
      try {
        first = ScimJson.parseObject(bytes);
      } catch (ScimException e) {
        return;
      }
      ObjectNode copy = first.deepCopy();
      change(ScimJson.parseObject(bytes));
      assertThat(first).isEqualTo(copy);
      sameTree(ScimJson.parseObject(bytes), copy);
    });
  }

  /** Adds to every object and array of the tree. */
  private static void change(JsonNode n) {
    for (JsonNode child : n) {
      change(child);
    }
    if (n instanceof ObjectNode o) {
      o.put("changed", 1);
    } else if (n instanceof ArrayNode a) {
      a.add(1);
    }
  }

  @Test
  void pagesReadAsFromTheMapperTree() {
    qt().withExamples(1000).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      StringBuilder sb = new StringBuilder("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]");
      if (r.nextBoolean()) {
        sb.append(",\"totalResults\":").append(r.nextInt(4) == 0 ? NUMBERS[r.nextInt(NUMBERS.length)] : "1000");
      }
      sb.append(",\"Resources\":[");
      int n = r.nextInt(6);
      for (int i = 0; i < n; i++) {
        sb.append(i > 0 ? "," : "").append(r.nextInt(10) == 0 ? "1" : body(r.nextLong()));
      }
      sb.append("]}");
      String page = r.nextInt(5) == 0 ? body(r.nextLong()) : sb.toString();
      byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
      Object before = outcome(() -> ListResponse.fromJson(ScimJson.parseObjectWithMapper(bytes)));
      Object after = outcome(() -> ListResponse.fromJson(bytes));
      if (before instanceof ListResponse b) {
        assertThat(after).isInstanceOf(ListResponse.class);
        ListResponse a = (ListResponse) after;
        assertThat(a).isEqualTo(b);
        List<ScimResource> ar = a.scimResources();
        List<ScimResource> br = b.scimResources();
        assertThat(ar).isEqualTo(br);
        for (int i = 0; i < ar.size(); i++) {
          sameTree(ar.get(i).json(), br.get(i).json());
        }
      } else {
        assertThat(after).isEqualTo(before);
      }
    });
  }

  /** The tree, or the status, scimType and detail of the ScimException. */
  private static Object outcome(Supplier<?> read) {
    try {
      return read.get();
    } catch (ScimException e) {
      return e.status() + " " + e.scimType() + " " + e.detail();
    }
  }

  private static void sameOutcome(Supplier<ObjectNode> before, Supplier<ObjectNode> after) {
    Object b = outcome(before);
    Object a = outcome(after);
    if (b instanceof ObjectNode bn) {
      assertThat(a).isInstanceOf(ObjectNode.class);
      sameTree((JsonNode) a, bn);
    } else {
      assertThat(a).isEqualTo(b);
    }
  }

  /** Equal, and node for node of the same class, with properties in the same order. */
  static void sameTree(JsonNode actual, JsonNode expected) {
    assertThat(actual).isEqualTo(expected);
    assertThat(expected).isEqualTo(actual);
    assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    if (expected instanceof ObjectNode) {
      Iterator<Map.Entry<String, JsonNode>> a = actual.properties().iterator();
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        Map.Entry<String, JsonNode> ae = a.next();
        assertThat(ae.getKey()).isEqualTo(e.getKey());
        sameTree(ae.getValue(), e.getValue());
      }
      assertThat(a.hasNext()).isFalse();
    } else if (expected instanceof ArrayNode) {
      assertThat(actual.size()).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        sameTree(actual.get(i), expected.get(i));
      }
    } else if (expected.isNumber()) {
      // BigDecimal's scale too (1.50 is not 1.5 on the wire)
      assertThat(actual.numberValue().toString()).isEqualTo(expected.numberValue().toString());
      assertThat(actual.numberType()).isEqualTo(expected.numberType());
    } else if (!expected.isString() && !expected.isBoolean() && !expected.isNull()) {
      fail("unexpected node " + expected.getClass());
    }
  }

  /** The generator yields what the properties need: every outcome, often. */
  @Test
  void bodiesCoverEveryOutcome() {
    int objects = 0;
    int errors = 0;
    int duplicates = 0;
    int deep = 0;
    int trailing = 0;
    int numbers = 0;
    int large = 0;
    for (long seed = 0; seed < 3000; seed++) {
      String body = body(seed);
      Object o = outcome(() -> ScimJson.parseObjectWithMapper(body.getBytes(StandardCharsets.UTF_8)));
      if (o instanceof ObjectNode on) {
        objects++;
        large += on.size() > 16 ? 1 : 0;
      } else {
        String d = (String) o;
        errors++;
        duplicates += d.contains("Duplicate") ? 1 : 0;
        deep += d.contains("nesting depth") ? 1 : 0;
        trailing += d.contains("Trailing token") ? 1 : 0;
        numbers += d.contains("number") || d.contains("Number") ? 1 : 0;
      }
    }
    System.out.printf("objects %d (large %d) errors %d duplicates %d deep %d trailing %d numbers %d%n", objects,
        large, errors, duplicates, deep, trailing, numbers);
    assertThat(large).isGreaterThan(20);
    assertThat(objects).isGreaterThan(600);
    assertThat(errors).isGreaterThan(600);
    assertThat(duplicates).isGreaterThan(50);
    assertThat(deep).isGreaterThan(10);
    assertThat(trailing).isGreaterThan(10);
    assertThat(numbers).isGreaterThan(10);
  }
}
