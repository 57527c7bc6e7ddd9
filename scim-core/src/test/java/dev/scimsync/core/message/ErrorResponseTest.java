package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ErrorResponseTest {

  @Test
  void rfc7644_3_12_notFoundRoundTrips() {
    ObjectNode rfc = Rfc.example("3.12-error-404.json");
    ErrorResponse e = ErrorResponse.fromJson(rfc);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.scimType()).isNull();
    assertThat(e.detail()).isEqualTo("Resource 2819c223-7f76-453a-919d-413861904646 not found");
    assertThat(e.toJson()).isEqualTo(rfc);
  }

  @Test
  void rfc7644_3_12_mutabilityRoundTrips() {
    ObjectNode rfc = Rfc.example("3.12-error-400.json");
    ErrorResponse e = ErrorResponse.fromJson(rfc);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.scimType()).isEqualTo(ScimType.MUTABILITY);
    assertThat(e.detail()).isEqualTo("Attribute 'id' is readOnly");
    assertThat(e.toJson()).isEqualTo(rfc);
  }

  @Test
  void statusIsWrittenAsAString() {
    assertThat(new ErrorResponse(409, ScimType.UNIQUENESS, "taken").toJson().get("status").isString()).isTrue();
  }

  @Test
  void statusAsNumberWithoutSchemasOrScimType() {
    ErrorResponse e = ErrorResponse.fromJson(Rfc.json("{\"status\":404,\"detail\":\"gone\"}"));
    assertThat(e).isEqualTo(new ErrorResponse(404, null, "gone"));
  }

  @Test
  void unknownOrOddlyCasedScimType() {
    assertThat(ErrorResponse.fromJson(Rfc.json("{\"status\":\"400\",\"scimType\":\"INVALIDFILTER\"}")).scimType())
        .isEqualTo(ScimType.INVALID_FILTER);
    assertThat(ErrorResponse.fromJson(Rfc.json("{\"status\":\"400\",\"scimType\":\"somethingNew\"}")).scimType())
        .isNull();
  }

  @Test
  void missingStatusUsesTheHttpStatusWhenGiven() {
    assertThat(ErrorResponse.fromJson(Rfc.json("{\"detail\":\"x\"}"), 503).status()).isEqualTo(503);
    assertThatThrownBy(() -> ErrorResponse.fromJson(Rfc.json("{\"detail\":\"x\"}")))
        .isInstanceOf(ScimException.class).hasMessageContaining("status");
    assertThatThrownBy(() -> ErrorResponse.fromJson(Rfc.json("{\"status\":\"abc\"}")))
        .isInstanceOf(ScimException.class).hasMessageContaining("status");
    assertThatThrownBy(() -> ErrorResponse.fromJson(Rfc.json("{\"status\":42}")))
        .isInstanceOf(ScimException.class).hasMessageContaining("status");
  }

  @Test
  void convertsToAndFromScimException() {
    ScimException ex = ScimException.uniqueness("userName bjensen is taken");
    ErrorResponse e = ErrorResponse.from(ex);
    assertThat(e).isEqualTo(new ErrorResponse(409, ScimType.UNIQUENESS, "userName bjensen is taken"));
    ScimException back = e.toException();
    assertThat(back.status()).isEqualTo(409);
    assertThat(back.scimType()).isEqualTo(ScimType.UNIQUENESS);
    assertThat(back.detail()).isEqualTo("userName bjensen is taken");
    assertThat(new ErrorResponse(500, null, null).toException().detail()).isEqualTo("HTTP status 500");
  }
}
