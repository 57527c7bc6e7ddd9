package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.Gens;
import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The byte paths of {@link ListResponse} (the server's {@code toJsonBytes}, the client's {@code
 * fromJson(byte[])}): the same bytes as the tree path, a round trip to an equal page, and a clean
 * 400 for any other input.
 */
class ListResponseWireProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void bytesAreThoseOfTheTreeWrittenByScimJson() {
    qt().withExamples(300).forAll(pages()).checkAssert(m ->
        assertThat(new String(m.toJsonBytes(), StandardCharsets.UTF_8))
            .isEqualTo(new String(ScimJson.writeBytes(m.toJson()), StandardCharsets.UTF_8)));
  }

  @Test
  void writeThenReadGivesTheSamePage() {
    qt().withExamples(300).forAll(pages()).checkAssert(m -> {
      ListResponse back = ListResponse.fromJson(m.toJsonBytes());
      assertThat(back).isEqualTo(m);
      List<ScimResource> expected = new ArrayList<>();
      m.resources().forEach(r -> expected.add(ScimResource.of(r)));
      assertThat(back.scimResources()).isEqualTo(expected);
      assertThat(ListResponse.ofResources(m.totalResults(), m.startIndex() == null ? 1 : m.startIndex(),
          back.scimResources()).toJsonBytes()).isNotEmpty();
    });
  }

  @Test
  void anyBytesReadAsAPageOrA400() {
    Gen<byte[]> noise = Gens.lists(SourceDSL.integers().between(0, 255), 0, 64).map(l -> {
      byte[] b = new byte[l.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (int) l.get(i);
      }
      return b;
    });
    // bytes of a real page with one byte changed or cut short: mostly almost valid JSON
    Gen<byte[]> damaged = pages().zip(SourceDSL.integers().between(0, 10_000), SourceDSL.integers().between(0, 255),
        (m, at, value) -> {
          byte[] b = m.toJsonBytes();
          int i = at % b.length;
          if (value % 3 == 0) {
            byte[] cut = new byte[i];
            System.arraycopy(b, 0, cut, 0, i);
            return cut;
          }
          b[i] = (byte) (int) value;
          return b;
        });
    qt().withExamples(1000).forAll(Generate.oneOf(noise, damaged)).checkAssert(body -> {
      try {
        ListResponse.fromJson(body).scimResources();
      } catch (ScimException e) {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.scimType()).isIn(ScimType.INVALID_SYNTAX, ScimType.INVALID_VALUE);
      }
    });
  }

  @Test
  void aDuplicateKeyInAResourceIsInvalidSyntax() {
    qt().withExamples(200).forAll(pages(1)).checkAssert(m -> {
      String text = new String(m.toJsonBytes(), StandardCharsets.UTF_8);
      String twice = text.replace("\"id\":", "\"id\":\"a\",\"id\":");
      assertThatThrownBy(() -> ListResponse.fromJson(twice.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX);
            assertThat(e.detail()).contains("Duplicate");
          });
    });
  }

  // --- generators ---

  static Gen<ListResponse> pages() {
    return pages(0);
  }

  /**
   * Pages holding at least {@code minResources} resources (generated so, not filtered: a filter
   * on the generated pages made QuickTheories give up with some seeds).
   */
  static Gen<ListResponse> pages(int minResources) {
    Gen<Integer> total = SourceDSL.integers().between(0, 100_000);
    Gen<Integer> perPage = Gens.nullable(SourceDSL.integers().between(1, 1000), 30);
    Gen<Integer> start = Gens.nullable(SourceDSL.integers().between(1, 1000), 30);
    Gen<List<ObjectNode>> resources = Gens.lists(resources(), minResources, 5);
    Gen<String> cursor = Gens.nullable(text(), 60);
    return in -> new ListResponse(total.generate(in), start.generate(in), perPage.generate(in),
        resources.generate(in), cursor.generate(in), cursor.generate(in));
  }

  private static Gen<String> text() {
    // ASCII, quotes, escapes, control characters, non-ASCII, and a character outside the BMP
    return Gens.strings(Generate.oneOf(Generate.characters(' ', '~'), Gens.charsOf("é\n\t\u0001\"\\/€")), 0, 12)
        .zip(SourceDSL.integers().between(0, 9), (s, n) -> n == 0 ? s + "\ud83d\ude00" : s);
  }

  private static Gen<JsonNode> scalars() {
    return Generate.oneOf(
        text().map(s -> (JsonNode) F.stringNode(s)),
        SourceDSL.integers().all().map(i -> (JsonNode) F.numberNode(i)),
        // each number of the type the reader makes of its text: int, long beyond int, BigInteger beyond long
        SourceDSL.longs().between(Integer.MAX_VALUE + 1L, Long.MAX_VALUE).map(l -> (JsonNode) F.numberNode(l)),
        SourceDSL.longs().between(0, Long.MAX_VALUE)
            .map(l -> (JsonNode) F.numberNode(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(l)).add(BigInteger.ONE))),
        SourceDSL.integers().all().map(i -> (JsonNode) F.numberNode(BigDecimal.valueOf(i, 3))),
        SourceDSL.booleans().all().map(b -> (JsonNode) F.booleanNode(b)),
        Generate.constant((JsonNode) F.nullNode()));
  }

  private static Gen<JsonNode> values(int depth) {
    return Gens.trees(scalars(), text(), depth, 3, 2);
  }


  private static Gen<ObjectNode> resources() {
    return text().zip(Gens.lists(text().zip(values(2), List::<Object>of), 0, 5), (id, props) -> {
      ObjectNode o = F.objectNode();
      o.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
      o.put("id", id);
      props.forEach(kv -> {
        if (!kv.get(0).equals("id")) {
          o.set((String) kv.get(0), (JsonNode) kv.get(1));
        }
      });
      return o;
    });
  }
}
