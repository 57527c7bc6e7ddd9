package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.applyDelta;
import static dev.scimsync.core.patch.PatchFixtures.assertDelta;
import static dev.scimsync.core.patch.PatchFixtures.assertJson;
import static dev.scimsync.core.patch.PatchFixtures.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link PatchEngine#applyAsDelta}: a store that never loads a large group's members gets a
 * {@link ValueDelta} that, applied to the stored members, gives what the full {@link
 * PatchEngine#apply} gives.
 */
class DelegatedMembershipTest {

  private final PatchEngine engine = new PatchEngine(GROUP, Tolerance.lenient());

  /** The operations as the message layer reads them under the engine's lenient tolerance. */
  private static List<PatchOperation> ops(String body) {
    return PatchFixtures.ops(body, Tolerance.lenient());
  }

  static final String MEMBERS = ",\"members\":[{\"value\":\"u1\",\"display\":\"one\",\"$ref\":\"https://example.com/Users/u1\"},"
      + "{\"value\":\"u2\",\"display\":\"two\"},{\"value\":\"u3\"}]";

  static ScimResource group(String members) {
    return PatchFixtures.group("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g1\","
        + "\"displayName\":\"Sales\"" + members + "}");
  }

  static Stream<Arguments> membershipShapes() {
    return Stream.of(
        Arguments.of("RFC 7644 §3.5.2.1 add", "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u4\"}]}]"),
        Arguments.of("RFC 7644 §3.5.2.1 add of a present member", "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u2\",\"display\":\"deux\"}]}]"),
        Arguments.of("RFC 7644 §3.5.2.2 remove by filter", "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u2\\\"]\"}]"),
        Arguments.of("RFC 7644 §3.5.2.2 remove by or-filter", "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u1\\\" or value eq \\\"u3\\\"]\"}]"),
        Arguments.of("RFC 7644 §3.5.2.2 remove all", "[{\"op\":\"remove\",\"path\":\"members\"}]"),
        Arguments.of("RFC 7644 §3.5.2.2 remove then add", "[{\"op\":\"remove\",\"path\":\"members\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"},{\"value\":\"u9\"}]}]"),
        Arguments.of("RFC 7644 §3.5.2.3 replace", "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"u3\"},{\"value\":\"u5\"}]}]"),
        Arguments.of("Entra add with $ref null", "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"u7\"}]}]"),
        Arguments.of("Entra remove with value list", "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"},{\"value\":\"u8\"}]}]"),
        Arguments.of("Entra remove by filter (aadOptscim062020)", "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u3\\\"]\"}]"),
        Arguments.of("Okta remove + add", "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u2\\\"]\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u6\",\"display\":\"six\"}]}]"),
        Arguments.of("Okta replace []", "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]"),
        Arguments.of("Okta pathless replace {members:[],...}", "[{\"op\":\"replace\",\"value\":{\"members\":[],\"id\":\"g1\",\"displayName\":\"Sales\"}}]"),
        Arguments.of("Okta pathless rename", "[{\"op\":\"replace\",\"value\":{\"id\":\"g1\",\"displayName\":\"Sales EMEA\"}}]"),
        Arguments.of("PostHog#47336 partial replace", "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"u2\"}]}]"),
        Arguments.of("add then remove of the same id", "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u4\"}]},{\"op\":\"remove\",\"path\":\"members[value eq \\\"u4\\\"]\"}]"),
        Arguments.of("add then remove of a present id", "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]},{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]}]"),
        Arguments.of("remove then add of the same id", "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u1\\\"]\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\",\"display\":\"uno\"}]}]"),
        Arguments.of("remove then add of an absent id", "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u4\\\"]\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u4\"}]}]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("membershipShapes")
  void delegatedDeltaAppliedToTheStoredMembersEqualsTheFullApply(String name, String request) {
    List<PatchOperation> operations = ops(request);
    ScimResource full = group(MEMBERS);
    ScimResource without = group("");
    assertThat(engine.canApplyAsDelta(operations, "members")).isTrue();

    PatchResult whole = engine.apply(full, operations);
    PatchResult delegated = engine.applyAsDelta(without, operations, "members");

    ValueDelta d = delegated.changes().delta("members");
    assertThat(applyDelta(members(full), d)).isEqualTo(members(whole.resource()));
    // the rest of the resource is what the full apply gives, without members
    ObjectNode rest = whole.resource().json();
    rest.remove("members");
    assertJson(delegated.resource(), rest);
    assertThat(delegated.changes().changed("displayName")).isEqualTo(whole.changes().changed("displayName"));
  }

  @Test
  void removeThenAddOfAPresentMemberReplacesIt() {
    PatchResult r = engine.applyAsDelta(group(""), ops("""
        [{"op":"remove","path":"members[value eq \\"u1\\"]"},
         {"op":"add","path":"members","value":[{"value":"u1","display":"uno"}]}]"""), "members");
    assertThat(r.changes().attributes()).containsExactly("members");
    assertDelta(r.changes().delta("members"), false, List.of("u1"), "{\"u1\":{\"value\":\"u1\",\"display\":\"uno\"}}");
  }

  @Test
  void addThenRemoveNetsOutToARemoval() {
    PatchResult r = engine.applyAsDelta(group(""), ops("""
        [{"op":"add","path":"members","value":[{"value":"u4"}]},
         {"op":"remove","path":"members[value eq \\"u4\\"]"}]"""), "members");
    assertThat(r.changes().attributes()).containsExactly("members");
    assertDelta(r.changes().delta("members"), false, List.of("u4"), "{}");
  }

  @Test
  void replaceIsAClearThenAdd() {
    PatchResult r = engine.applyAsDelta(group(""), ops("""
        [{"op":"remove","path":"members[value eq \\"u1\\"]"},
         {"op":"replace","path":"members","value":[{"value":"u3"},{"value":"u5"}]}]"""), "members");
    assertThat(r.changes().attributes()).containsExactly("members");
    assertDelta(r.changes().delta("members"), true, List.of(), "{\"u3\":{\"value\":\"u3\"},\"u5\":{\"value\":\"u5\"}}");
  }

  @Test
  void renameAloneHasNoMembershipDelta() {
    PatchResult r = engine.applyAsDelta(group(""),
        ops("[{\"op\":\"replace\",\"value\":{\"id\":\"g1\",\"displayName\":\"Sales EMEA\"}}]"), "members");
    assertJson(r.resource(), "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g1\","
        + "\"displayName\":\"Sales EMEA\"}");
    assertThat(r.changes().attributes()).isEqualTo(Set.of("displayName"));
    assertThat(r.changes().delta("members")).isEqualTo(ValueDelta.NONE);
  }

  static Stream<Arguments> needsTheMembers() {
    return Stream.of(
        Arguments.of("[{\"op\":\"remove\",\"path\":\"members[display co \\\"x\\\"]\"}]"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"members[value eq \\\"x\\\"].display\",\"value\":\"y\"}]"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"x\\\"].display\"}]"),
        Arguments.of("[{\"op\":\"add\",\"path\":\"members[value eq \\\"x\\\"]\",\"value\":{\"display\":\"y\"}}]"),
        Arguments.of("[{\"op\":\"replace\",\"path\":\"members.display\",\"value\":\"y\"}]"),
        Arguments.of("[{\"op\":\"remove\",\"path\":\"members[value sw \\\"u\\\"]\"}]"));
  }

  @ParameterizedTest
  @MethodSource
  void needsTheMembers(String request) {
    List<PatchOperation> operations = ops(request);
    assertThat(engine.canApplyAsDelta(operations, "members")).isFalse();
    assertThatThrownBy(() -> engine.applyAsDelta(group(""), operations, "members"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need the values of 'members'");
  }

  @Test
  void otherAttributesDoNotPreventDelegation() {
    assertThat(engine.canApplyAsDelta(ops("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]"), "members"))
        .isTrue();
  }

  @Test
  void storedMembersHelperMatchesTheResource() {
    Map<String, ObjectNode> m = members(group(MEMBERS));
    assertThat(m.keySet()).containsExactly("u1", "u2", "u3");
  }
}
