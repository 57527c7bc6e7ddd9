package dev.scimsync.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7643 §5 and RFC 9865 §4: the typed, tolerant ServiceProviderConfig. */
class ServiceProviderConfigTest {

  @Test
  void readsTolerantly() {
    ServiceProviderConfig c = ServiceProviderConfig.parse("{\"Patch\":{\"supported\":\"false\"},"
        + "\"bulk\":{\"supported\":true,\"maxOperations\":\"10\",\"maxPayloadSize\":1048576},"
        + "\"filter\":{\"supported\":true,\"maxResults\":-3},\"sort\":\"yes\","
        + "\"pagination\":{\"cursor\":true,\"index\":false,\"defaultPageSize\":50,\"maxPageSize\":500}}");
    assertThat(c.patchSupported()).isFalse();
    assertThat(c.bulkSupported()).isTrue();
    assertThat(c.bulkMaxOperations()).isEqualTo(10);
    assertThat(c.bulkMaxPayloadSize()).isEqualTo(1_048_576);
    assertThat(c.filterMaxResults()).isZero();
    assertThat(c.sortSupported()).isFalse();
    assertThat(c.paginationStated()).isTrue();
    assertThat(c.cursorPaginationSupported()).isTrue();
    assertThat(c.indexPaginationSupported()).isFalse();
    assertThat(c.defaultPageSize()).isEqualTo(50);
    assertThat(c.maxPageSize()).isEqualTo(500);
    assertThat(c.known()).isTrue();
  }

  @Test
  void withoutPaginationNothingIsStated() {
    ServiceProviderConfig c = ServiceProviderConfig.parse("{}");
    assertThat(c.paginationStated()).isFalse();
    assertThat(c.cursorPaginationSupported()).isFalse();
    assertThat(c.indexPaginationSupported()).isTrue();
    assertThat(c.patchSupported()).isTrue();
    assertThat(c.bulkSupported()).isFalse();
  }

  @Test
  void writesWhatItReads() {
    ServiceProviderConfig c = ServiceProviderConfig.builder().bulk(true, 100, 1_000_000).filter(true, 200)
        .etagSupported(true).pagination(true, true, 100, 1000).build();
    assertThat(ServiceProviderConfig.fromJson(c.toJson())).isEqualTo(c);
    assertThat(c.toJson().get("schemas").get(0).stringValue())
        .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
  }

  @Test
  void notAnObjectIsUnknown() {
    assertThat(ServiceProviderConfig.parse("[]").known()).isFalse();
  }
}
