package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static dev.scimsync.core.patch.PatchFixtures.assertChanged;
import static dev.scimsync.core.patch.PatchFixtures.assertDelta;
import static dev.scimsync.core.patch.PatchFixtures.assertJson;
import static dev.scimsync.core.patch.PatchFixtures.assertUnchanged;
import static dev.scimsync.core.patch.PatchFixtures.ops;

import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The PATCH shapes Okta sends, as Okta's SCIM 2.0 reference documents them
 * (https://developer.okta.com/docs/reference/scim/scim-20/: deactivation as a pathless replace,
 * group rename and membership updates), with the {@link Tolerance#okta()} preset.
 */
class OktaPatchShapesTest {

  private final PatchEngine users = new PatchEngine(USER, Tolerance.okta());
  private final PatchEngine groups = new PatchEngine(GROUP, Tolerance.okta());

  private static final String USER_HEAD = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
      + "\"id\":\"u1\",\"userName\":\"test.user@okta.local\"";

  private static ScimResource group(String members) {
    return PatchFixtures.group(groupJson(members));
  }

  private static String groupJson(String members) {
    return groupJson("Sales", members);
  }

  private static String groupJson(String name, String members) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g1\",\"displayName\":\"" + name + "\""
        + members + "}";
  }

  private static final String THREE = ",\"members\":[{\"value\":\"u1\",\"display\":\"one\"},"
      + "{\"value\":\"u2\",\"display\":\"two\"},{\"value\":\"u3\",\"display\":\"three\"}]";

  @Test
  void oktaDocs_deactivateWithPathlessReplace() {
    PatchResult r = users.apply(PatchFixtures.user(USER_HEAD + ",\"active\":true}"),
        ops("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"active":false}}]}"""));
    assertJson(r.resource(), USER_HEAD + ",\"active\":false}");
    assertChanged(r, Set.of("active"), Set.of());
  }

  @Test
  void oktaDocs_reactivateWithPathlessReplace() {
    PatchResult r = users.apply(PatchFixtures.user(USER_HEAD + ",\"active\":false}"),
        ops("[{\"op\":\"replace\",\"value\":{\"active\":true}}]"));
    assertJson(r.resource(), USER_HEAD + ",\"active\":true}");
    assertChanged(r, Set.of("active"), Set.of());
  }

  @Test
  void langwatch7131_renameWithIdAndDisplayNameLeavesMembersAlone() {
    PatchResult r = groups.apply(group(THREE),
        ops("[{\"op\":\"replace\",\"value\":{\"id\":\"g1\",\"displayName\":\"Sales EMEA\"}}]"));
    assertJson(r.resource(), groupJson("Sales EMEA", THREE));
    assertChanged(r, Set.of("displayName"), Set.of());
  }

  @Test
  void oktaDocs_renameSentWithEveryMembershipUpdateIsANoOpWhenTheNameIsTheSame() {
    ScimResource before = group(THREE);
    PatchResult r = groups.apply(before, ops("[{\"op\":\"replace\",\"value\":{\"id\":\"g1\",\"displayName\":\"Sales\"}}]"));
    assertJson(r.resource(), before.json());
    assertUnchanged(r);
  }

  @Test
  void oktaDocs_removeByFilterAndAddInOneRequest() {
    PatchResult r = groups.apply(group(THREE), ops("""
        [{"op":"remove","path":"members[value eq \\"u2\\"]"},
         {"op":"add","path":"members","value":[{"value":"u4","display":"four"}]}]"""));
    assertJson(r.resource(), groupJson(",\"members\":[{\"value\":\"u1\",\"display\":\"one\"},"
        + "{\"value\":\"u3\",\"display\":\"three\"},{\"value\":\"u4\",\"display\":\"four\"}]"));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of("u2"), "{\"u4\":{\"value\":\"u4\",\"display\":\"four\"}}");
  }

  @Test
  void scimSdk757_replaceMembersWithEmptyListEmptiesTheGroup() {
    PatchResult r = groups.apply(group(THREE), ops("[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]"));
    assertJson(r.resource(), groupJson(""));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of("u1", "u2", "u3"), "{}");
  }

  @Test
  void scimgateway113_pathlessReplaceWithEmptyMembersEmptiesTheGroup() {
    PatchResult r = groups.apply(group(THREE),
        ops("[{\"op\":\"replace\",\"value\":{\"members\":[],\"id\":\"g1\",\"displayName\":\"Sales\"}}]"));
    assertJson(r.resource(), groupJson(""));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of("u1", "u2", "u3"), "{}");
  }

  @Test
  void posthog47336_replaceMembersWithPartialListReplacesAll() {
    PatchResult r = groups.apply(group(THREE), ops("""
        [{"op":"replace","path":"members","value":[{"value":"u3","display":"three"},{"value":"u5","display":"five"}]}]"""));
    assertJson(r.resource(), groupJson(",\"members\":[{\"value\":\"u3\",\"display\":\"three\"},"
        + "{\"value\":\"u5\",\"display\":\"five\"}]"));
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of("u1", "u2"), "{\"u5\":{\"value\":\"u5\",\"display\":\"five\"}}");
  }

  @Test
  void oktaDocs_addOfAnExistingMemberUpdatesItsDisplayOnly() {
    PatchResult r = groups.apply(group(THREE),
        ops("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\",\"display\":\"renamed\"}]}]"));
    assertJson(r.resource(), groupJson(",\"members\":[{\"value\":\"u1\",\"display\":\"renamed\"},"
        + "{\"value\":\"u2\",\"display\":\"two\"},{\"value\":\"u3\",\"display\":\"three\"}]"));
    // the member set is the same: the attribute changed, its value delta is empty
    assertChanged(r, Set.of("members"), Set.of("members"));
    assertDelta(r.changes().delta("members"), false, List.of(), "{}");
  }

  @Test
  void oktaDocs_nullMembersInAPathlessReplaceLeaveMembersAlone() {
    ScimResource before = group(THREE);
    PatchResult r = groups.apply(before,
        ops("[{\"op\":\"replace\",\"value\":{\"members\":null,\"displayName\":\"Sales\"}}]"));
    assertJson(r.resource(), before.json());
    assertUnchanged(r);
  }
}
