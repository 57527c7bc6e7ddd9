package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.TestResources;
import dev.scimsync.core.json.ScimJson;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.node.ObjectNode;

/** Loads the RFC 7644 examples kept under the class-path folder {@code /rfc7644}. */
final class Rfc {
  private Rfc() {}

  static ObjectNode example(String name) {
    return ScimJson.parseObject(TestResources.text("/rfc7644/" + name));
  }

  /** Asserts that {@code call} throws a ScimException with this status, type and detail fragment. */
  static void fails(ThrowingCallable call, int status, ScimType type, String detailPart) {
    ScimException e = catchThrowableOfType(ScimException.class, call);
    assertThat(e).as("a ScimException").isNotNull();
    assertThat(e.status()).as("status of: " + e.detail()).isEqualTo(status);
    assertThat(e.scimType()).as("scimType of: " + e.detail()).isEqualTo(type);
    assertThat(e.detail()).contains(detailPart);
  }

  static ObjectNode json(String text) {
    return ScimJson.parseObject(text);
  }
}
