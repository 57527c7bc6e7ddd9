package dev.scimsync.core.projection;

import static dev.scimsync.core.projection.ProjectionTest.USERS;
import static dev.scimsync.core.projection.ProjectionTest.storedUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The guards against projection amplification: a cap on names, unknown and duplicate names dropped. */
class ProjectionLimitsTest {

  @Test
  void moreNamesThanTheCapAre400InvalidValue() {
    assertThatThrownBy(() -> Projection.of("a,b,c", "d", 3))
        .isInstanceOfSatisfying(ScimException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.scimType()).isEqualTo(dev.scimsync.core.error.ScimType.INVALID_VALUE);
        })
        .hasMessageContaining("at most 3");
    assertThat(Projection.of("a,b", "c", 3)).isNotNull();
  }

  @Test
  void restrictingToTheSchemaKeepsTheResultAndDropsTheRest() {
    ObjectNode user = storedUser();
    for (String[] q : new String[][] {
        {"userName,displayName,madeUp,USERNAME,userName", null},
        {null, "emails,madeUp,emails.value,EMAILS"},
        {"name.givenName,name.nope,nope.givenName", "name.givenName"},
        {"madeUp,alsoMadeUp", null}}) {
      Projection p = Projection.of(q[0], q[1]);
      Projection r = p.restrictedTo(USERS);
      assertThat(r.apply(user, USERS)).as("%s / %s", q[0], q[1]).isEqualTo(p.apply(user, USERS));
      assertThat(r.attributes().size() + r.excludedAttributes().size())
          .isLessThan(p.attributes().size() + p.excludedAttributes().size());
    }
  }

  @Test
  void askingOnlyForUnknownNamesStillSelectsOnlyTheAlwaysReturned() {
    ObjectNode out = Projection.of("madeUp", null).restrictedTo(USERS).apply(storedUser(), USERS);
    assertThat(out.has("id")).isTrue();
    assertThat(out.has("userName")).isFalse();
    assertThat(out.has("emails")).isFalse();
  }
}
