package dev.scimsync.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.schema.AttributeDefinition;
import dev.scimsync.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import dev.scimsync.core.Gens;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.node.ObjectNode;

/** RFC 7643 §2.2/§4.1.1: whatever attributes and excludedAttributes ask, password never leaves and id/schemas always do. */
class ProjectionProperties {

  static final ObjectNode STORED = ProjectionTest.storedUser();

  /** Every attribute path of the User type: top-level, sub-attribute and URN-qualified forms, and whole extensions. */
  static List<String> allPaths() {
    List<String> out = new ArrayList<>(List.of("id", "externalId", "meta", "meta.created", "schemas", "password",
        "PASSWORD", "urn:ietf:params:scim:schemas:core:2.0:User:password", "password.value", "bogus"));
    List<Schema> schemas = new ArrayList<>();
    schemas.add(ProjectionTest.USERS.core());
    schemas.addAll(ProjectionTest.USERS.extensions());
    for (Schema s : schemas) {
      boolean ext = !ProjectionTest.USERS.isCoreUrn(s.id());
      if (ext) {
        out.add(s.id());
      }
      for (AttributeDefinition a : s.attributes()) {
        out.add(a.name());
        out.add(s.id() + ":" + a.name());
        for (AttributeDefinition sub : a.subAttributes()) {
          out.add(a.name() + "." + sub.name());
          out.add(s.id() + ":" + a.name() + "." + sub.name());
        }
      }
    }
    return out;
  }

  static Gen<List<String>> paths() {
    return Gens.lists(Generate.pick(allPaths()), 0, 6);
  }

  @Test
  void passwordIsNeverReturnedAndIdAndSchemasAlwaysAre() {
    qt().withExamples(400).forAll(paths(), paths()).checkAssert(ProjectionProperties::check);
  }

  private static void check(List<String> attributes, List<String> excluded) {
    ObjectNode out = Projection.of(attributes, excluded).apply(STORED, ProjectionTest.USERS);
    String json = ScimJson.write(out);
    assertThat(json).doesNotContain("t1meMa$heen").doesNotContain("\"password\"").doesNotContain("4711");
    assertThat(out.get("id").stringValue()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(out.get("schemas")).isEqualTo(ProjectionTest.withSchemasOfPresentExtensions(out.deepCopy()).get("schemas"));
    assertThat(out.get("schemas").get(0).stringValue()).isEqualTo(ProjectionTest.USERS.core().id());
    boolean askedForClearance = attributes.stream().anyMatch(p -> p.equalsIgnoreCase("clearance")
        || p.equalsIgnoreCase(ProjectionTest.ACME) || p.equalsIgnoreCase(ProjectionTest.ACME + ":clearance"));
    if (!askedForClearance) {
      assertThat(json).as("returned=request only when asked").doesNotContain("\"clearance\"");
    }
  }
}
