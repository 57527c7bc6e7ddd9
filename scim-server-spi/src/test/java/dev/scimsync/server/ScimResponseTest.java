package dev.scimsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A response's body cannot be changed from outside, and responses compare by content. */
class ScimResponseTest {

  @Test
  void theBodyIsCopiedInAndOut() throws Exception {
    byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
    ScimResponse r = new ScimResponse(200, Map.of(), bytes);
    bytes[0] = 'x';
    r.body()[1] = 'y';

    assertThat(r.bodyText()).isEqualTo("{}");
    assertThat(r.bodyLength()).isEqualTo(2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.writeBodyTo(out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void equalContentIsEqual() {
    ScimResponse a = new ScimResponse(200, Map.of("ETag", "W/\"1\""), "{}".getBytes(StandardCharsets.UTF_8));
    ScimResponse b = new ScimResponse(200, Map.of("ETag", "W/\"1\""), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }
}
