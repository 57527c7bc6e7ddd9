package dev.scimsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ServerOptions is immutable, built only by its builder, and compares the cursor key by content. */
class ServerOptionsTest {

  @Test
  void theCursorKeyIsCopiedInAndOut() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    ServerOptions o = ServerOptions.builder().cursorSecret(key).build();
    key[0] = 1;
    assertThat(o.cursorSecret()[0]).isEqualTo((byte) 7);
    o.cursorSecret()[1] = 1;
    assertThat(o.cursorSecret()[1]).isEqualTo((byte) 7);
    assertThat(o.toString()).doesNotContain("7, 7");
  }

  @Test
  void equalOptionsAreEqualIncludingTheKeyContent() {
    byte[] key = new byte[32];
    ServerOptions a = ServerOptions.builder().cursorSecret(key).maxProjectionPaths(10).build();
    ServerOptions b = ServerOptions.builder().cursorSecret(key.clone()).maxProjectionPaths(10).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ServerOptions.builder().cursorSecret(key).build());
  }

  @Test
  void toBuilderKeepsEverythingAndChangesOneThing() {
    ServerOptions a = ServerOptions.builder().rateLimit(5, 7).maxConcurrentRequestsPerTenant(3)
        .failedAuthLimit(2, 4).requestTimeout(Duration.ofSeconds(3)).responseTimeout(Duration.ofSeconds(4))
        .baseUrl("https://x").build();
    assertThat(a.toBuilder().build()).isEqualTo(a);
    ServerOptions b = a.toBuilder().maxPageSize(2000).build();
    assertThat(b.maxPageSize()).isEqualTo(2000);
    assertThat(b.maxConcurrentRequestsPerTenant()).isEqualTo(3);
    assertThat(b.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void rangesAreChecked() {
    assertThatThrownBy(() -> ServerOptions.builder().maxProjectionPaths(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxProjectionPaths");
    assertThatThrownBy(() -> ServerOptions.builder().requestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> ServerOptions.builder().failedAuthLimit(-1, 1).build())
        .hasMessageContaining("failed-authentication");
    assertThatThrownBy(() -> ServerOptions.builder().maxConcurrentRequestsPerTenant(-1).build())
        .hasMessageContaining("maxConcurrentRequestsPerTenant");
  }

  @Test
  void defaultsLimitTime() {
    ServerOptions d = ServerOptions.defaults();
    assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.maxConcurrentRequestsPerTenant()).isPositive();
    assertThat(d.failedAuthPerSecond()).isPositive();
  }
}
