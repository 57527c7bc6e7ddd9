package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.validation.Tolerance;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code fromJson} takes a body as text or bytes, as the README writes it. */
class BodyEntryPointsTest {

  private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
      + "\"Operations\":[{\"op\":\"remove\",\"path\":\"nickName\"}]}";

  @Test
  void patchRequestFromTextAndBytes() {
    PatchRequest fromText = PatchRequest.fromJson(PATCH, Tolerance.strict());
    PatchRequest fromBytes = PatchRequest.fromJson(PATCH.getBytes(StandardCharsets.UTF_8), Tolerance.strict(), 10);

    assertThat(fromText).isEqualTo(fromBytes);
    assertThat(fromText.operations()).containsExactly(PatchOperation.remove("nickName"));
  }

  @Test
  void listResponseFromText() {
    ListResponse r = ListResponse.fromJson("{\"totalResults\":1,\"Resources\":[{\"id\":\"1\"}]}");

    assertThat(r.totalResults()).isEqualTo(1);
    assertThat(r.resources()).hasSize(1);
  }

  @Test
  void textThatIsNotJsonIsInvalidSyntax() {
    assertThatThrownBy(() -> PatchRequest.fromJson("{not json", Tolerance.strict()))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo(ScimType.INVALID_SYNTAX));
    assertThatThrownBy(() -> ListResponse.fromJson("[]"))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(400));
  }
}
