package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.BABS;
import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.JAMES;
import static dev.scimsync.core.patch.PatchFixtures.MANDY;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static dev.scimsync.core.patch.PatchFixtures.assertChanged;
import static dev.scimsync.core.patch.PatchFixtures.assertDelta;
import static dev.scimsync.core.patch.PatchFixtures.assertJson;
import static dev.scimsync.core.patch.PatchFixtures.assertUnchanged;
import static dev.scimsync.core.patch.PatchFixtures.fullUser;
import static dev.scimsync.core.patch.PatchFixtures.merged;
import static dev.scimsync.core.patch.PatchFixtures.ops;
import static dev.scimsync.core.patch.PatchFixtures.tourGuides;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.Tolerance;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every PATCH example of RFC 7644 §3.5.2.1–§3.5.2.3, as printed, read by {@code
 * PatchRequest.fromJson} and applied by the engine, both with the strict tolerance, to the RFC 7643
 * §8.2 full user and §8.4 group.
 *
 * <p>The RFC elides identifiers to fit its line width ({@code "2819c223-7f76-...413861904646"},
 * {@code "08e1d05d...473d93df9210"}); {@link #unelide} restores the full ids of RFC 7643 §8.2/§8.4
 * (and James Smith's from the §3.5.2.2 example) so that the examples address the example group.
 */
class Rfc7644PatchExamplesTest {

  private final PatchEngine users = new PatchEngine(USER, Tolerance.strict());
  private final PatchEngine groups = new PatchEngine(GROUP, Tolerance.strict());

  static String unelide(String rfcText) {
    return rfcText
        .replace("2819c223-7f76-...413861904646", BABS)
        .replace("2819c223...919d-413861904646", BABS)
        .replace("2819c223...413861904646", BABS)
        .replace("08e1d05d...473d93df9210", JAMES);
  }

  private static final String BABS_MEMBER = "{\"value\":\"" + BABS + "\",\"$ref\":\"https://example.com/v2/Users/" + BABS
      + "\",\"display\":\"Babs Jensen\"}";
  private static final String MANDY_MEMBER = "{\"value\":\"" + MANDY + "\",\"$ref\":\"https://example.com/v2/Users/"
      + MANDY + "\",\"display\":\"Mandy Pepperidge\"}";
  private static final String JAMES_MEMBER = "{\"value\":\"" + JAMES + "\",\"$ref\":\"https://example.com/v2/Users/"
      + JAMES + "\",\"display\":\"James Smith\"}";

  private static ObjectNode groupWith(String... members) {
    return merged(tourGuides().json(), "{\"members\":[" + String.join(",", members) + "]}");
  }

  /** The §8.4 group with exactly {@code members} as a resource. */
  private static ScimResource groupHaving(String... members) {
    return ScimResource.of(groupWith(members));
  }

  @Nested
  @DisplayName("§3.5.2.1 Add PatchOperation")
  class Add {

    static final String ADD_MEMBER = """
        { "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations":[
            {
             "op":"add",
             "path":"members",
             "value":[
              {
                "display": "Babs Jensen",
                "$ref":
        "https://example.com/v2/Users/2819c223...413861904646",
                "value": "2819c223-7f76-453a-919d-413861904646"
              }
             ]
            }
          ]
        }
        """;

    /** As printed, except for the object's closing brace, which the RFC's example lacks. */
    static final String ADD_EMAIL_AND_NICKNAME = """
        { "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
          "Operations":[{
            "op":"add",
            "value":{
              "emails":[
                {
                  "value":"babs@jensen.org",
                  "type":"home"
                }
              ],
              "nickname":"Babs"
          }}]
        }
        """;

    @Test
    void addMemberToAGroupThatLacksIt() {
      ScimResource before = groupHaving(MANDY_MEMBER);
      assertThat(before.json().toString()).doesNotContain(BABS);
      PatchResult r = groups.apply(before, ops(unelide(ADD_MEMBER)));
      assertJson(r.resource(), groupWith(MANDY_MEMBER, BABS_MEMBER));
      assertChanged(r, Set.of("members"), Set.of("members"));
      assertDelta(r.changes().delta("members"), false, List.of(), "{\"" + BABS + "\":" + BABS_MEMBER + "}");
    }

    @Test
    void addMemberAlreadyPresentIsANoOp() {
      // "If the target location specifies a multi-valued attribute, a new value is added" -- and the
      // engine unions: an equal member is merged, not duplicated.
      ScimResource before = tourGuides();
      PatchResult r = groups.apply(before, ops(unelide(ADD_MEMBER)));
      assertJson(r.resource(), before.json());
      assertUnchanged(r);
    }

    @Test
    void pathlessAddOfEmailsAndNicknameToTheFullUserChangesNothing() {
      // §8.2 already has babs@jensen.org (home) and nickName "Babs"; "nickname" matches case-insensitively.
      ScimResource before = fullUser();
      PatchResult r = users.apply(before, ops(ADD_EMAIL_AND_NICKNAME));
      assertJson(r.resource(), before.json());
      assertUnchanged(r);
    }

    @Test
    void pathlessAddOfEmailsAndNicknameAddsToAUserWithoutThem() {
      ScimResource before = PatchFixtures.user("""
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen",
           "emails":[{"value":"bjensen@example.com","type":"work","primary":true}]}""");
      PatchResult r = users.apply(before, ops(ADD_EMAIL_AND_NICKNAME));
      assertJson(r.resource(), """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen",
           "nickName":"Babs",
           "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                     {"value":"babs@jensen.org","type":"home"}]}""");
      assertChanged(r, Set.of("emails", "nickName"), Set.of("emails"));
      assertDelta(r.changes().delta("emails"), false, List.of(),
          "{\"babs@jensen.org\":{\"value\":\"babs@jensen.org\",\"type\":\"home\"}}");
    }
  }

  @Nested
  @DisplayName("§3.5.2.2 Remove PatchOperation")
  class Remove {

    @Test
    void removeASingleMemberByValueFilter() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations":[{
             "op":"remove",
             "path":"members[value eq \\"2819c223-7f76-...413861904646\\"]"
           }]
          }
          """;
      PatchResult r = groups.apply(tourGuides(), ops(unelide(rfc)));
      assertJson(r.resource(), groupWith(MANDY_MEMBER));
      assertChanged(r, Set.of("members"), Set.of("members"));
      assertDelta(r.changes().delta("members"), false, List.of(BABS), "{}");
    }

    @Test
    void removeAllMembers() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations":[{
             "op":"remove","path":"members"
           }]
          }
          """;
      PatchResult r = groups.apply(tourGuides(), ops(rfc));
      assertJson(r.resource(), merged(tourGuides().json(), "{\"members\":null}"));
      assertChanged(r, Set.of("members"), Set.of("members"));
      assertDelta(r.changes().delta("members"), false, List.of(BABS, MANDY), "{}");
    }

    @Test
    void removeValuesOfAComplexMultiValuedAttributeByFilter() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{
             "op":"remove",
             "path":"emails[type eq \\"work\\" and value ew \\"example.com\\"]"
           }]
          }
          """;
      ScimResource before = fullUser();
      PatchResult r = users.apply(before, ops(rfc));
      assertJson(r.resource(), merged(before.json(), """
          {"emails":[{"value":"babs@jensen.org","type":"home"}]}"""));
      assertChanged(r, Set.of("emails"), Set.of("emails"));
      assertDelta(r.changes().delta("emails"), false, List.of("bjensen@example.com"), "{}");
    }

    @Test
    void replaceAllMembersWithRemoveThenAdd() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [
             {
               "op":"remove","path":"members"
             },
             {
               "op":"add",
               "path":"members",
               "value":[
                {
                  "display": "Babs Jensen",
                  "$ref":
          "https://example.com/v2/Users/2819c223...413861904646",
                  "value": "2819c223-7f76-453a-919d-413861904646"
                },
                {
                  "display": "James Smith",
                  "$ref":
          "https://example.com/v2/Users/08e1d05d...473d93df9210",
                  "value": "08e1d05d-121c-4561-8b96-473d93df9210"
                }]
             }
           ]
          }
          """;
      PatchResult r = groups.apply(tourGuides(), ops(unelide(rfc)));
      assertJson(r.resource(), groupWith(BABS_MEMBER, JAMES_MEMBER));
      assertChanged(r, Set.of("members"), Set.of("members"));
      assertDelta(r.changes().delta("members"), false, List.of(MANDY), "{\"" + JAMES + "\":" + JAMES_MEMBER + "}");
    }

    @Test
    void removeOneMemberByFilterThenAddAnother() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [
             {
               "op":"remove",
               "path":"members[value eq \\"2819c223...919d-413861904646\\"]"
             },
             {
               "op":"add",
               "path":"members",
               "value":[
                {
                  "display": "James Smith",
                  "$ref":
          "https://example.com/v2/Users/08e1d05d...473d93df9210",
                  "value": "08e1d05d...473d93df9210"
                }
               ]
             }
           ]
          }
          """;
      PatchResult r = groups.apply(tourGuides(), ops(unelide(rfc)));
      assertJson(r.resource(), groupWith(MANDY_MEMBER, JAMES_MEMBER));
      assertChanged(r, Set.of("members"), Set.of("members"));
      assertDelta(r.changes().delta("members"), false, List.of(BABS), "{\"" + JAMES + "\":" + JAMES_MEMBER + "}");
    }
  }

  @Nested
  @DisplayName("§3.5.2.3 Replace PatchOperation")
  class Replace {

    @Test
    void replaceAllMembersInOneOperation() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{
             "op":"replace",
             "path":"members",
             "value":[
               {
                 "display": "Babs Jensen",
                 "$ref":
          "https://example.com/v2/Users/2819c223...413861904646",
                 "value": "2819c223...413861904646"
               },
               {
                 "display": "James Smith",
                 "$ref":
          "https://example.com/v2/Users/08e1d05d...473d93df9210",
                 "value": "08e1d05d...473d93df9210"
               }
             ]
           }]
          }
          """;
      PatchResult r = groups.apply(tourGuides(), ops(unelide(rfc)));
      assertJson(r.resource(), groupWith(BABS_MEMBER, JAMES_MEMBER));
      assertChanged(r, Set.of("members"), Set.of("members"));
      assertDelta(r.changes().delta("members"), false, List.of(MANDY), "{\"" + JAMES + "\":" + JAMES_MEMBER + "}");
    }

    @Test
    void replaceTheWorkAddress() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{
             "op":"replace",
             "path":"addresses[type eq \\"work\\"]",
             "value":
             {
               "type": "work",
               "streetAddress": "911 Universal City Plaza",
               "locality": "Hollywood",
               "region": "CA",
               "postalCode": "91608",
               "country": "US",
               "formatted":
          "911 Universal City Plaza\\nHollywood, CA 91608 US",
               "primary": true
             }
           }]
          }
          """;
      ScimResource before = fullUser();
      PatchResult r = users.apply(before, ops(rfc));
      assertJson(r.resource(), merged(before.json(), """
          {"addresses":[
            {"type":"work","streetAddress":"911 Universal City Plaza","locality":"Hollywood","region":"CA",
             "postalCode":"91608","country":"US","formatted":"911 Universal City Plaza\\nHollywood, CA 91608 US",
             "primary":true},
            {"type":"home","streetAddress":"456 Hollywood Blvd","locality":"Hollywood","region":"CA",
             "postalCode":"91608","country":"USA","formatted":"456 Hollywood Blvd\\nHollywood, CA 91608 USA"}]}"""));
      // addresses have no "value" sub-attribute, so no delta
      assertChanged(r, Set.of("addresses"), Set.of());
    }

    @Test
    void replaceTheStreetAddressOfTheWorkAddress() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{
             "op":"replace",
             "path":"addresses[type eq \\"work\\"].streetAddress",
             "value":"1010 Broadway Ave"
           }]
          }
          """;
      ScimResource before = fullUser();
      PatchResult r = users.apply(before, ops(rfc));
      ObjectNode expected = before.json();
      ((ObjectNode) expected.get("addresses").get(0)).put("streetAddress", "1010 Broadway Ave");
      assertJson(r.resource(), expected);
      assertChanged(r, Set.of("addresses"), Set.of());
    }

    @Test
    void pathlessReplaceOfEmailsAndNicknameWithTheirCurrentValuesChangesNothing() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{
             "op":"replace",
             "value":{
               "emails":[
                 {
                   "value":"bjensen@example.com",
                   "type":"work",
                   "primary":true
                 },
                 {
                   "value":"babs@jensen.org",
                   "type":"home"
                 }
               ],
               "nickname":"Babs"
             }
           }]
          }
          """;
      ScimResource before = fullUser();
      PatchResult r = users.apply(before, ops(rfc));
      assertJson(r.resource(), before.json());
      assertUnchanged(r);
    }

    @Test
    void pathlessReplaceOfEmailsAndNicknameReplacesOtherValues() {
      String rfc = """
          { "schemas":
             ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{
             "op":"replace",
             "value":{
               "emails":[
                 {
                   "value":"bjensen@example.com",
                   "type":"work",
                   "primary":true
                 },
                 {
                   "value":"babs@jensen.org",
                   "type":"home"
                 }
               ],
               "nickname":"Babs"
             }
           }]
          }
          """;
      ScimResource before = PatchFixtures.user("""
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen","nickName":"B",
           "emails":[{"value":"old@example.com","type":"other","primary":true}]}""");
      PatchResult r = users.apply(before, ops(rfc));
      assertJson(r.resource(), """
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen","nickName":"Babs",
           "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                     {"value":"babs@jensen.org","type":"home"}]}""");
      assertChanged(r, Set.of("emails", "nickName"), Set.of("emails"));
      assertDelta(r.changes().delta("emails"), false, List.of("old@example.com"), """
          {"bjensen@example.com":{"value":"bjensen@example.com","type":"work","primary":true},
           "babs@jensen.org":{"value":"babs@jensen.org","type":"home"}}""");
    }
  }
}
