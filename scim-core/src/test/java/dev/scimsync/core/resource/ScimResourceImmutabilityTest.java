package dev.scimsync.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.eval.FilterEvaluator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Nothing handed to a predicate can change a resource. */
class ScimResourceImmutabilityTest {

  private final ScimResource alice = ScimResource.parse("{\"id\":\"1\",\"userName\":\"alice\"}");

  @Test
  void aPredicateThatWritesChangesNothing() {
    boolean matched = alice.matches(node -> {
      ((ObjectNode) node).put("userName", "mallory");
      return true;
    });

    assertThat(matched).isTrue();
    assertThat(alice.text("userName")).isEqualTo("alice");
  }

  @Test
  void compiledFiltersMatchAsBefore() {
    FilterEvaluator users = FilterEvaluator.forSchema(SchemaRegistry.standard().resourceSchema("User"));

    assertThat(alice.matches(users.compile(Filter.parse("userName eq \"ALICE\"")))).isTrue();
    assertThat(alice.matches(users.compile(Filter.parse("userName eq \"bob\"")))).isFalse();
  }

  @Test
  void nameFactoryNamesItsOrder() {
    Name n = Name.ofGivenAndFamily("Barbara", "Jensen");

    assertThat(n.givenName()).isEqualTo("Barbara");
    assertThat(n.familyName()).isEqualTo("Jensen");
  }
}
