package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.message.PatchOperation.Op;
import dev.scimsync.core.validation.Tolerance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PatchRequestTest {

  private static final String URN = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

  private static ObjectNode body(String operations) {
    return Rfc.json("{" + URN + ",\"Operations\":" + operations + "}");
  }

  @Test
  void rfc7644_3_5_2_1_addMembersRoundTrips() {
    ObjectNode rfc = Rfc.example("3.5.2.1-patch-add-member.json");
    PatchRequest p = PatchRequest.fromJson(rfc);
    assertThat(p.operations()).hasSize(1);
    PatchOperation op = p.operations().get(0);
    assertThat(op.op()).isEqualTo(Op.ADD);
    assertThat(op.path()).isEqualTo("members");
    assertThat(op.patchPath().attribute().toString()).isEqualTo("members");
    assertThat(op.value().get(0).get("value").stringValue()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(p.toJson()).isEqualTo(rfc);
  }

  @Test
  void rfc7644_3_5_2_2_removeOneMemberAndAddAnotherRoundTrips() {
    ObjectNode rfc = Rfc.example("3.5.2.2-patch-remove-and-add.json");
    PatchRequest p = PatchRequest.fromJson(rfc);
    assertThat(p.operations()).extracting(PatchOperation::op).containsExactly(Op.REMOVE, Op.ADD);
    PatchOperation remove = p.operations().get(0);
    assertThat(remove.value()).isNull();
    assertThat(remove.patchPath().hasValueFilter()).isTrue();
    assertThat(p.toJson()).isEqualTo(rfc);
  }

  @Test
  void rfc7644_3_5_2_3_replaceWorkAddressRoundTrips() {
    ObjectNode rfc = Rfc.example("3.5.2.3-patch-replace-work-address.json");
    PatchRequest p = PatchRequest.fromJson(rfc);
    PatchOperation op = p.operations().get(0);
    assertThat(op.op()).isEqualTo(Op.REPLACE);
    assertThat(op.patchPath().hasValueFilter()).isTrue();
    assertThat(op.value().get("locality").stringValue()).isEqualTo("Hollywood");
    assertThat(p.toJson()).isEqualTo(rfc);
  }

  @Test
  void entra_capitalisedOpIsRejectedStrictlyNamingTheOp() {
    ObjectNode entra = body("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]");
    Rfc.fails(() -> PatchRequest.fromJson(entra), 400, ScimType.INVALID_SYNTAX, "\"Replace\"");
  }

  @Test
  void entra_capitalisedOpIsAcceptedWithAnyCaseOperations() {
    ObjectNode entra = body("""
        [{"op":"Replace","path":"active","value":"False"},
         {"op":"Add","path":"members","value":[{"$ref":null,"value":"u1"}]},
         {"op":"Remove","path":"members","value":[{"value":"u1091"}]}]""");
    PatchRequest p = PatchRequest.fromJson(entra, Tolerance.entra());
    assertThat(p.operations()).extracting(PatchOperation::op).containsExactly(Op.REPLACE, Op.ADD, Op.REMOVE);
    assertThat(p.operations().get(2).value()).isNotNull();
    assertThat(p.toJson().get("Operations").get(0).get("op").stringValue()).isEqualTo("replace");
  }

  @Test
  void okta_pathlessReplace() {
    PatchRequest p = PatchRequest.fromJson(body("[{\"op\":\"replace\",\"value\":{\"active\":false}}]"));
    assertThat(p.operations().get(0).path()).isNull();
    assertThat(p.operations().get(0).patchPath()).isNull();
  }

  @Test
  void removeWithoutPathIsNoTarget() {
    Rfc.fails(() -> PatchRequest.fromJson(body("[{\"op\":\"remove\"}]")), 400, ScimType.NO_TARGET, "Operations[0]");
  }

  @Test
  void addOrReplaceWithoutValueIsInvalidSyntax() {
    Rfc.fails(() -> PatchRequest.fromJson(body("[{\"op\":\"add\",\"path\":\"nickName\"}]")), 400,
        ScimType.INVALID_SYNTAX, "value");
    Rfc.fails(() -> PatchRequest.fromJson(body("[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":null}]")), 400,
        ScimType.INVALID_SYNTAX, "null");
  }

  @Test
  void nullValuePassesWithNullAsAbsent() {
    Tolerance t = Tolerance.strict().toBuilder().nullAsAbsent(true).build();
    PatchRequest p = PatchRequest.fromJson(body("[{\"op\":\"replace\",\"path\":\"nickName\",\"value\":null}]"), t);
    assertThat(p.operations().get(0).value().isNull()).isTrue();
  }

  @Test
  void badPathIsInvalidPath() {
    Rfc.fails(() -> PatchRequest.fromJson(body("[{\"op\":\"remove\",\"path\":\"members[value eq\"}]")), 400,
        ScimType.INVALID_PATH, "Operations[0]");
  }

  @Test
  void unquotedFilterValueInPathNeedsTolerance() {
    ObjectNode json = body("[{\"op\":\"remove\",\"path\":\"members[value eq u1]\"}]");
    Rfc.fails(() -> PatchRequest.fromJson(json), 400, ScimType.INVALID_PATH, "");
    Tolerance t = Tolerance.strict().toBuilder().unquotedFilterValues(true).build();
    assertThat(PatchRequest.fromJson(json, t).operations().get(0).patchPath().hasValueFilter()).isTrue();
  }

  @Test
  void unknownOpIsInvalidSyntax() {
    Rfc.fails(() -> PatchRequest.fromJson(body("[{\"op\":\"kill\",\"path\":\"userName\"}]"), Tolerance.lenient()), 400,
        ScimType.INVALID_SYNTAX, "kill");
    Rfc.fails(() -> PatchRequest.fromJson(body("[{\"path\":\"userName\"}]")), 400, ScimType.INVALID_SYNTAX, "op");
  }

  @Test
  void schemasMustNameThePatchOpUnlessIgnored() {
    ObjectNode noSchemas = Rfc.json("{\"Operations\":[{\"op\":\"remove\",\"path\":\"nickName\"}]}");
    Rfc.fails(() -> PatchRequest.fromJson(noSchemas), 400, ScimType.INVALID_SYNTAX, "PatchOp");
    ObjectNode wrong = Rfc.json("""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
         "Operations":[{"op":"remove","path":"nickName"}]}""");
    Rfc.fails(() -> PatchRequest.fromJson(wrong), 400, ScimType.INVALID_SYNTAX, "PatchOp");
    Tolerance t = Tolerance.strict().toBuilder().ignoreUnknownSchemas(true).build();
    assertThat(PatchRequest.fromJson(noSchemas, t).operations()).hasSize(1);
    assertThat(PatchRequest.fromJson(wrong, t).operations()).hasSize(1);
  }

  @Test
  void operationsMustBeANonEmptyArray() {
    Rfc.fails(() -> PatchRequest.fromJson(Rfc.json("{" + URN + "}")), 400, ScimType.INVALID_SYNTAX, "Operations");
    Rfc.fails(() -> PatchRequest.fromJson(body("[]")), 400, ScimType.INVALID_SYNTAX, "empty");
    Rfc.fails(() -> PatchRequest.fromJson(body("{}")), 400, ScimType.INVALID_SYNTAX, "array");
    Rfc.fails(() -> PatchRequest.fromJson(body("[\"add\"]")), 400, ScimType.INVALID_SYNTAX, "object");
  }

  @Test
  void operationsAttributeNameInAnyCase() {
    PatchRequest p = PatchRequest.fromJson(Rfc.json("{" + URN + ",\"operations\":[{\"op\":\"remove\",\"path\":\"x\"}]}"),
        Tolerance.okta());
    assertThat(p.operations()).hasSize(1);
    Rfc.fails(() -> PatchRequest.fromJson(Rfc.json("{" + URN
        + ",\"operations\":[{\"op\":\"remove\",\"path\":\"x\"}],\"OPERATIONS\":[]}")), 400, ScimType.INVALID_SYNTAX,
        "twice");
  }

  @Test
  void tooManyOperations() {
    String ops = "[" + "{\"op\":\"remove\",\"path\":\"x\"},".repeat(3) + "{\"op\":\"remove\",\"path\":\"x\"}]";
    Rfc.fails(() -> PatchRequest.fromJson(body(ops), null, 3), 400, ScimType.INVALID_VALUE, "too many operations");
    assertThat(PatchRequest.fromJson(body(ops), null, 4).operations()).hasSize(4);
  }

  @Test
  void factoriesCheckTheSameRules() {
    Rfc.fails(() -> PatchOperation.remove(null), 400, ScimType.NO_TARGET, "path");
    Rfc.fails(() -> PatchOperation.add("name.", Rfc.json("{}")), 400, ScimType.INVALID_PATH, "");
    Rfc.fails(() -> PatchRequest.of(), 400, ScimType.INVALID_SYNTAX, "at least one");
    assertThat(PatchOperation.replace(null, Rfc.json("{\"active\":false}")).toJson())
        .isEqualTo(Rfc.json("{\"op\":\"replace\",\"value\":{\"active\":false}}"));
  }
}
