package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.message.PatchOperation.Op;
import dev.scimsync.core.validation.Tolerance;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class BulkTest {

  private static final String URN = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"]";

  private static ObjectNode request(String operations) {
    return Rfc.json("{" + URN + ",\"Operations\":" + operations + "}");
  }

  @Test
  void rfc7644_3_7_3_bulkRequestRoundTrips() {
    ObjectNode rfc = Rfc.example("3.7.3-bulk-request.json");
    BulkRequest b = BulkRequest.fromJson(rfc);
    assertThat(b.failOnErrors()).isEqualTo(1);
    assertThat(b.operations()).extracting(BulkOperation::method)
        .containsExactly(BulkMethod.POST, BulkMethod.PUT, BulkMethod.PATCH, BulkMethod.DELETE);
    BulkOperation post = b.operations().get(0);
    assertThat(post.bulkId()).isEqualTo("qwerty");
    assertThat(post.path()).isEqualTo("/Users");
    assertThat(post.data().get("userName").stringValue()).isEqualTo("Alice");
    assertThat(b.operations().get(1).version()).isEqualTo("W/\"3694e05e9dff591\"");
    PatchRequest patch = b.operations().get(2).patchRequest(Tolerance.strict());
    assertThat(patch.operations()).extracting(PatchOperation::op).containsExactly(Op.REMOVE, Op.ADD);
    BulkOperation delete = b.operations().get(3);
    assertThat(delete.data()).isNull();
    assertThat(delete.path()).isEqualTo("/Users/e9025315-6bea-44e1-899c-1e07454e468b");
    assertThat(b.toJson()).isEqualTo(rfc);
  }

  @Test
  void rfc7644_3_7_3_bulkResponseRoundTrips() {
    ObjectNode rfc = Rfc.example("3.7.3-bulk-response.json");
    BulkResponse r = BulkResponse.fromJson(rfc);
    assertThat(r.operations()).extracting(BulkOperationResponse::status).containsExactly(201, 200, 200, 204);
    BulkOperationResponse first = r.operations().get(0);
    assertThat(first.bulkId()).isEqualTo("qwerty");
    assertThat(first.location()).isEqualTo("https://example.com/v2/Users/92b725cd-9465-4d2f-9d49-d0d8aabb54d1");
    assertThat(first.version()).isEqualTo("W/\"oY4m4wn58tkVjJxK\"");
    assertThat(first.error()).isNull();
    assertThat(r.toJson()).isEqualTo(rfc);
  }

  @Test
  void rfc7644_3_7_3_bulkResponseWithErrorRoundTrips() {
    ObjectNode rfc = Rfc.example("3.7.3-bulk-response-error.json");
    BulkResponse r = BulkResponse.fromJson(rfc);
    BulkOperationResponse op = r.operations().get(0);
    assertThat(op.status()).isEqualTo(400);
    assertThat(op.location()).isNull();
    assertThat(op.error()).isEqualTo(new ErrorResponse(400, ScimType.INVALID_SYNTAX,
        "Request is unparsable, syntactically incorrect, or violates schema."));
    assertThat(r.toJson()).isEqualTo(rfc);
    BulkOperationResponse made = BulkOperationResponse.failed(BulkMethod.POST, "qwerty",
        ScimException.invalidSyntax("Request is unparsable, syntactically incorrect, or violates schema."));
    assertThat(new BulkResponse(List.of(made)).toJson()).isEqualTo(rfc);
  }

  @Test
  void statusAsNumberOrScim11CodeObjectAndLowerCaseMethod() {
    BulkResponse r = BulkResponse.fromJson(Rfc.json("""
        {"Operations":[{"method":"post","bulkId":"a","status":201},
                       {"method":"POST","bulkId":"b","status":{"code":201}}]}"""));
    assertThat(r.operations()).extracting(BulkOperationResponse::status).containsExactly(201, 201);
    assertThat(r.toJson().get("Operations").get(0).get("status").stringValue()).isEqualTo("201");
  }

  @Test
  void postNeedsBulkId() {
    Rfc.fails(() -> BulkRequest.fromJson(request("[{\"method\":\"POST\",\"path\":\"/Users\",\"data\":{}}]")), 400,
        ScimType.INVALID_SYNTAX, "bulkId");
  }

  @Test
  void methodIsRequiredAndKnown() {
    Rfc.fails(() -> BulkRequest.fromJson(request("[{\"path\":\"/Users/1\"}]")), 400, ScimType.INVALID_SYNTAX,
        "method");
    Rfc.fails(() -> BulkRequest.fromJson(request("[{\"method\":\"GET\",\"path\":\"/Users/1\"}]")), 400,
        ScimType.INVALID_VALUE, "GET");
    Rfc.fails(() -> BulkRequest.fromJson(request("[{\"method\":\"delete\",\"path\":\"/Users/1\"}]")), 400,
        ScimType.INVALID_VALUE, "delete");
    assertThat(BulkRequest.fromJson(request("[{\"method\":\"delete\",\"path\":\"/Users/1\"}]"), Tolerance.lenient())
        .operations().get(0).method()).isEqualTo(BulkMethod.DELETE);
  }

  @Test
  void pathIsRequiredAndStartsWithSlash() {
    Rfc.fails(() -> BulkRequest.fromJson(request("[{\"method\":\"DELETE\"}]")), 400, ScimType.INVALID_SYNTAX, "path");
    Rfc.fails(() -> BulkRequest.fromJson(request("[{\"method\":\"DELETE\",\"path\":\"Users/1\"}]")), 400,
        ScimType.INVALID_VALUE, "Operations[0]");
  }

  @Test
  void dataIsRequiredForPostPutPatch() {
    Rfc.fails(() -> BulkRequest.fromJson(request("[{\"method\":\"PUT\",\"path\":\"/Users/1\"}]")), 400,
        ScimType.INVALID_SYNTAX, "data");
  }

  @Test
  void duplicateBulkIdsAreRejected() {
    Rfc.fails(() -> BulkRequest.fromJson(request("""
        [{"method":"POST","path":"/Users","bulkId":"a","data":{}},
         {"method":"POST","path":"/Groups","bulkId":"a","data":{}}]""")), 400, ScimType.INVALID_VALUE, "bulkId");
  }

  @Test
  void rfc7644_3_7_4_tooManyOperationsIs413() {
    String ops = "[" + "{\"method\":\"DELETE\",\"path\":\"/Users/1\"},".repeat(2) + "{\"method\":\"DELETE\",\"path\":\"/Users/1\"}]";
    Rfc.fails(() -> BulkRequest.fromJson(request(ops), null, 2), 413, null, "maxOperations");
  }

  @Test
  void schemasAndFailOnErrors() {
    Rfc.fails(() -> BulkRequest.fromJson(Rfc.json("{\"Operations\":[]}")), 400, ScimType.INVALID_SYNTAX, "BulkRequest");
    assertThat(BulkRequest.fromJson(Rfc.json("{\"Operations\":[]}"), Tolerance.lenient()).operations()).isEmpty();
    Rfc.fails(() -> BulkRequest.fromJson(Rfc.json("{" + URN + ",\"failOnErrors\":-1,\"Operations\":[]}")), 400,
        ScimType.INVALID_VALUE, "failOnErrors");
    Rfc.fails(() -> BulkRequest.fromJson(Rfc.json("{" + URN + "}")), 400, ScimType.INVALID_SYNTAX, "Operations");
  }
}
