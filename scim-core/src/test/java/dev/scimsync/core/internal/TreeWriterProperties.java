package dev.scimsync.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.Gens;
import dev.scimsync.core.json.ScimJson;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link TreeWriter} writes the bytes the mapper writes for the same tree. */
class TreeWriterProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @Test
  void sameBytesAsTheMapper() {
    qt().withExamples(2000).forAll(values(4)).checkAssert(node ->
        assertThat(new String(written(node), StandardCharsets.UTF_8))
            .isEqualTo(new String(ScimJson.writeBytes(node), StandardCharsets.UTF_8)));
  }

  @Test
  void aNameWrittenAgainIsWrittenTheSame() {
    // the second write takes the name from the pre-encoded table
    qt().withExamples(500).forAll(names()).checkAssert(name -> {
      ObjectNode o = F.objectNode();
      o.put(name, 1);
      written(o);
      assertThat(written(o)).isEqualTo(ScimJson.writeBytes(o));
    });
  }

  private static byte[] written(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = ScimJson.mapper().createGenerator(out)) {
      TreeWriter.write(g, node);
    }
    return out.toByteArray();
  }

  private static Gen<String> text() {
    // ASCII, quotes, escapes, every control character, DEL, non-ASCII of two and three bytes,
    // a character outside the BMP
    Gen<Character> control = SourceDSL.integers().between(0, 0x1f).map(i -> (char) (int) i);
    return Gens.strings(Generate.oneOf(Generate.characters(' ', '~'), control,
            Gens.charsOf("é\"\\/€\u007f\u0080\u2028\u00ff\ufffd")), 0, 12)
        .zip(SourceDSL.integers().between(0, 9), (s, n) -> n == 0 ? s + "\ud83d\ude00" : s);
  }

  private static Gen<String> names() {
    Gen<String> scim = Gens.strings(Gens.charsOf("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789$-_:."), 0, 80);
    return Generate.oneOf(scim, text(),
        Generate.pick(List.of("schemas", "id", "userName", "name", "emails", "value", "type", "primary",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "")));
  }

  private static Gen<JsonNode> scalars() {
    return Generate.oneOf(
        text().map(s -> (JsonNode) F.stringNode(s)),
        SourceDSL.integers().all().map(i -> (JsonNode) F.numberNode(i)),
        SourceDSL.longs().all().map(l -> (JsonNode) F.numberNode(l)),
        SourceDSL.longs().all().map(l -> (JsonNode) F.numberNode(
            BigInteger.valueOf(l).multiply(BigInteger.valueOf(Long.MAX_VALUE)))),
        // decimals of every scale, negative (1E+3) included: written with the scale as held
        SourceDSL.longs().all().zip(SourceDSL.integers().between(-12, 20),
            (l, scale) -> (JsonNode) F.numberNode(BigDecimal.valueOf(l, scale))),
        SourceDSL.doubles().any().map(d -> (JsonNode) F.numberNode(d)),
        SourceDSL.floats().any().map(f -> (JsonNode) F.numberNode(f)),
        SourceDSL.integers().between(Short.MIN_VALUE, Short.MAX_VALUE).map(s -> (JsonNode) F.numberNode((short) (int) s)),
        SourceDSL.booleans().all().map(b -> (JsonNode) F.booleanNode(b)),
        Generate.constant((JsonNode) F.nullNode()),
        Generate.constant((JsonNode) F.objectNode()),
        Generate.constant((JsonNode) F.arrayNode()));
  }

  private static Gen<JsonNode> values(int depth) {
    return Gens.trees(scalars(), names(), depth, 4, 1);
  }

}
