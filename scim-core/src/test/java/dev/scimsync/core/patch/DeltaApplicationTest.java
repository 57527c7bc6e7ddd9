package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.message.PatchRequest;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guards of {@link PatchEngine#applyAsDelta} and reading a body with the engine's tolerance. */
class DeltaApplicationTest {

  private final PatchEngine engine = new PatchEngine(GROUP, Tolerance.lenient());

  private static ScimResource group(String members) {
    return PatchFixtures.group("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g1\","
        + "\"displayName\":\"Sales\"" + members + "}");
  }

  @Test
  void aResourceThatStillHoldsTheAttributeIsRejected() {
    ScimResource withMembers = group(",\"members\":[{\"value\":\"u1\"}]");
    List<PatchOperation> ops = List.of(PatchOperation.remove("members[value eq \"u1\"]"));

    assertThatThrownBy(() -> engine.applyAsDelta(withMembers, ops, "members"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without 'members'");
  }

  @Test
  void aResourceLoadedWithoutTheAttributeGetsItsDelta() {
    PatchResult r = engine.applyAsDelta(group(""), List.of(PatchOperation.remove("members[value eq \"u1\"]")),
        "members");

    assertThat(r.changes().delta("members").removed()).containsExactly("u1");
    assertThat(r.resource().get("members")).isNull();
  }

  @Test
  void operationsThatNeedTheValuesCannotBeAppliedAsADelta() {
    List<PatchOperation> ops = List.of(PatchOperation.replace("members[value eq \"u1\"].display", ScimJson.parse("\"x\"")));

    assertThat(engine.canApplyAsDelta(ops, "members")).isFalse();
    assertThatThrownBy(() -> engine.applyAsDelta(group(""), ops, "members"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readUsesTheEnginesTolerance() {
    String entraBody = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Sales EMEA\"}]}";

    PatchRequest lenient = engine.read(entraBody);
    assertThat(engine.apply(group(""), lenient).resource().text("displayName")).isEqualTo("Sales EMEA");
    assertThatThrownBy(() -> new PatchEngine(GROUP, Tolerance.strict()).read(entraBody))
        .isInstanceOf(ScimException.class).hasMessageContaining("lower case");
  }
}
