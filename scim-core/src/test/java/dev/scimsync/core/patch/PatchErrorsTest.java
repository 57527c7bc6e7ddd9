package dev.scimsync.core.patch;

import static dev.scimsync.core.patch.PatchFixtures.GROUP;
import static dev.scimsync.core.patch.PatchFixtures.USER;
import static dev.scimsync.core.patch.PatchFixtures.assertScimError;
import static dev.scimsync.core.patch.PatchFixtures.fullUser;
import static dev.scimsync.core.patch.PatchFixtures.engineOps;
import static dev.scimsync.core.patch.PatchFixtures.ops;
import static dev.scimsync.core.patch.PatchFixtures.tourGuides;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.validation.Tolerance;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7644 §3.5.2 and §3.12 errors: status 400 with the scimType the RFC names, a detail naming
 * the operation, and the input resource untouched.
 */
class PatchErrorsTest {

  static Stream<Arguments> rfc7644_3_12_errors() {
    return Stream.of(
        // noTarget
        Arguments.of("§3.5.2.3 replace on a filter matching nothing (strict)", USER, Tolerance.strict(),
            ops("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"x@example.com\"}]", Tolerance.strict()),
            ScimType.NO_TARGET, "no value of 'emails' matches"),
        Arguments.of("§3.5.2.1 add on a filter matching nothing (strict)", USER, Tolerance.strict(),
            ops("[{\"op\":\"add\",\"path\":\"addresses[type eq \\\"other\\\"].locality\",\"value\":\"Paris\"}]", Tolerance.strict()),
            ScimType.NO_TARGET, "no value of 'addresses' matches"),
        // invalidPath
        Arguments.of("§3.5.2 unknown attribute (strict)", USER, Tolerance.strict(),
            ops("[{\"op\":\"replace\",\"path\":\"favouriteColour\",\"value\":\"blue\"}]", Tolerance.strict()),
            ScimType.INVALID_PATH, "attribute 'favouriteColour' is not defined for resource type User"),
        Arguments.of("§3.5.2 value filter on single-valued attribute", USER, Tolerance.lenient(),
            ops("[{\"op\":\"replace\",\"path\":\"name[givenName eq \\\"Barbara\\\"].familyName\",\"value\":\"J\"}]", Tolerance.lenient()),
            ScimType.INVALID_PATH, "a value filter needs a multi-valued attribute; 'name' is single-valued"),
        Arguments.of("§3.5.2 unknown sub-attribute after a filter", USER, Tolerance.lenient(),
            ops("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].colour\",\"value\":\"x\"}]", Tolerance.lenient()),
            ScimType.INVALID_PATH, "'emails' has no sub-attribute 'colour'"),
        Arguments.of("§3.5.2 unknown sub-attribute of a known attribute (even lenient)", USER, Tolerance.lenient(),
            ops("[{\"op\":\"replace\",\"path\":\"name.nickname\",\"value\":\"x\"}]", Tolerance.lenient()),
            ScimType.INVALID_PATH, "attribute 'name.nickname' is not defined"),
        // mutability
        Arguments.of("RFC 7643 §4.1.2 groups is read-only", USER, Tolerance.lenient(),
            ops("[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g1\"}]}]", Tolerance.lenient()),
            ScimType.MUTABILITY, "attribute 'groups' is read-only"),
        Arguments.of("RFC 7643 §3.1 id is read-only", USER, Tolerance.lenient(),
            ops("[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"other\"}]", Tolerance.lenient()),
            ScimType.MUTABILITY, "attribute 'id' is read-only"),
        Arguments.of("RFC 7643 §3.1 meta is read-only", USER, Tolerance.lenient(),
            ops("[{\"op\":\"replace\",\"path\":\"meta.version\",\"value\":\"W/\\\"1\\\"\"}]", Tolerance.lenient()),
            ScimType.MUTABILITY, "is read-only"),
        Arguments.of("RFC 7643 §3.1 remove meta", USER, Tolerance.lenient(),
            ops("[{\"op\":\"remove\",\"path\":\"meta\"}]", Tolerance.lenient()),
            ScimType.MUTABILITY, "attribute 'meta' is read-only"),
        Arguments.of("§3.5.2.2 remove of required userName", USER, Tolerance.lenient(),
            ops("[{\"op\":\"remove\",\"path\":\"userName\"}]", Tolerance.lenient()),
            ScimType.MUTABILITY, "attribute 'userName' is required and cannot be removed"),
        Arguments.of("§3.5.2.3 replace of userName with null handed to the engine (null clears)", USER,
            Tolerance.strict(), engineOps("[{\"op\":\"replace\",\"path\":\"userName\",\"value\":null}]"),
            ScimType.MUTABILITY, "attribute 'userName' is required and cannot be removed"),
        Arguments.of("RFC 7643 §4.2 members.value is immutable", GROUP, Tolerance.lenient(),
            ops("[{\"op\":\"replace\",\"path\":\"members[value eq \\\"" + PatchFixtures.BABS
                + "\\\"].value\",\"value\":\"someone-else\"}]"),
            ScimType.MUTABILITY, "sub-attribute 'members.value' is immutable"),
        Arguments.of("RFC 7643 §4.2 members.value cannot be removed", GROUP, Tolerance.lenient(),
            ops("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + PatchFixtures.BABS + "\\\"].value\"}]", Tolerance.lenient()),
            ScimType.MUTABILITY, "sub-attribute 'members.value' cannot be removed"),
        // invalidValue
        Arguments.of("RFC 7643 §2.3.2 boolean as string (strict)", USER, Tolerance.strict(),
            ops("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"yes\"}]", Tolerance.strict()),
            ScimType.INVALID_VALUE, "attribute 'active' must be a boolean, not a string (yes)"),
        Arguments.of("RFC 7643 §2.3.2 garbage boolean even under entra", USER, Tolerance.entra(),
            ops("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"yes\"}]", Tolerance.entra()),
            ScimType.INVALID_VALUE, "attribute 'active' must be a boolean, not a string (yes)"),
        Arguments.of("RFC 7643 §2.3.1 string as number (strict)", USER, Tolerance.strict(),
            ops("[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":42}]", Tolerance.strict()),
            ScimType.INVALID_VALUE, "attribute 'displayName' must be a string, not a number (42)"),
        Arguments.of("multi-valued attribute as a single object (strict)", USER, Tolerance.strict(),
            ops("[{\"op\":\"add\",\"path\":\"emails\",\"value\":{\"value\":\"x@example.com\"}}]", Tolerance.strict()),
            ScimType.INVALID_VALUE, "attribute 'emails' is multi-valued; expected an array, not an object"),
        Arguments.of("pathless add with an array value", USER, Tolerance.lenient(),
            ops("[{\"op\":\"add\",\"value\":[{\"nickName\":\"x\"}]}]", Tolerance.lenient()),
            ScimType.INVALID_VALUE, "add without a path needs an object value, not an array"),
        Arguments.of("add with a null value handed to the engine", USER, Tolerance.strict(),
            engineOps("[{\"op\":\"add\",\"path\":\"nickName\",\"value\":null}]"),
            ScimType.INVALID_VALUE, "add needs a value"),
        Arguments.of("RFC 7643 §2.4 two values marked primary in one add", USER, Tolerance.strict(),
            ops("[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a@example.com\",\"primary\":true},"
                + "{\"value\":\"b@example.com\",\"primary\":true}]}]"),
            ScimType.INVALID_VALUE, "the value of 'emails' marks 2 values primary; at most one may be"),
        Arguments.of("RFC 7643 §2.4 two values marked primary in one replace", USER, Tolerance.strict(),
            ops("[{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"a@example.com\",\"primary\":true},"
                + "{\"value\":\"b@example.com\",\"primary\":true}]}]"),
            ScimType.INVALID_VALUE, "the value of 'emails' marks 2 values primary; at most one may be"),
        Arguments.of("a PATCH with no operations", USER, Tolerance.lenient(), List.of(),
            ScimType.INVALID_VALUE, "a PATCH request needs at least one operation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rfc7644_3_12_errors(String name, ResourceSchema schema, Tolerance tolerance, List<PatchOperation> ops,
      ScimType type, String fragment) {
    ScimResource before = schema == USER ? fullUser() : tourGuides();
    ObjectNode snapshot = before.json();
    PatchEngine engine = new PatchEngine(schema, tolerance);
    assertScimError(() -> engine.apply(before, ops), type, fragment);
    assertThat(before.json()).isEqualTo(snapshot);
  }

  @Test
  void aFilteredReplaceOfABareStoredValueIsInvalidValueNotAClassCast() {
    ObjectNode group = tourGuides().json();
    group.putArray("members").add("x").addObject().put("value", "y");
    ScimResource stored = ScimResource.of(group);
    PatchEngine engine = new PatchEngine(GROUP, Tolerance.lenient());
    assertScimError(() -> engine.apply(stored, ops(
        "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"x\\\"].display\",\"value\":\"X\"}]")),
        ScimType.INVALID_VALUE, "is not a complex value");
    assertScimError(() -> engine.apply(stored, ops(
        "[{\"op\":\"replace\",\"path\":\"members[value eq \\\"x\\\"]\",\"value\":{\"value\":\"x\",\"display\":\"X\"}}]")),
        ScimType.INVALID_VALUE, "is not a complex value");
    assertThat(stored.json()).isEqualTo(group);
  }

  static Stream<Arguments> rfc7644_3_5_2_allOrNothing() {
    return Stream.of(
        Arguments.of(USER, """
            [{"op":"replace","path":"nickName","value":"Bee"},
             {"op":"add","path":"emails","value":[{"value":"new@example.com","type":"other"}]},
             {"op":"remove","path":"addresses[type eq \\"home\\"]"},
             {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"X"},
             {"op":"remove","path":"userName"}]""", 4, ScimType.MUTABILITY),
        Arguments.of(USER, """
            [{"op":"replace","path":"name.givenName","value":"Bee"},
             {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"w@example.com"},
             {"op":"replace","path":"active","value":"nope"}]""", 2, ScimType.INVALID_VALUE),
        Arguments.of(GROUP, """
            [{"op":"remove","path":"members[value eq \\"902c246b-6245-4190-8e05-00816be7344a\\"]"},
             {"op":"add","path":"members","value":[{"value":"u9"}]},
             {"op":"replace","path":"displayName","value":"Renamed"},
             {"op":"replace","path":"id","value":"stolen"}]""", 3, ScimType.MUTABILITY));
  }

  @ParameterizedTest
  @MethodSource
  void rfc7644_3_5_2_allOrNothing(ResourceSchema schema, String request, int failing, ScimType type) {
    ScimResource before = schema == USER ? fullUser() : tourGuides();
    ObjectNode snapshot = before.json();
    PatchEngine engine = new PatchEngine(schema, Tolerance.strict());
    assertScimError(() -> engine.apply(before, ops(request)), type, "operation " + failing + " (");
    assertThat(before.json()).isEqualTo(snapshot);
    assertThat(before).isEqualTo(schema == USER ? fullUser() : tourGuides());
  }

  @Test
  void rfc7644_3_5_2_theOperationsValueIsNotModified() {
    List<PatchOperation> operations = ops("""
        [{"op":"add","path":"emails","value":[{"value":"babs@jensen.org","type":"home","primary":true}]},
         {"op":"replace","path":"addresses[type eq \\"work\\"]","value":{"type":"work","locality":"X"}}]""");
    String sent = operations.toString();
    new PatchEngine(USER, Tolerance.strict()).apply(fullUser(), operations);
    assertThat(operations.toString()).isEqualTo(sent);
  }
}
