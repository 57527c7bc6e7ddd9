package dev.scimsync.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The member id cache gives back exactly what it kept, keeps only canonical UUIDs, and stops at its capacity. */
class IdCacheTest {

  @Test
  void givesBackWhatItKeptWithinItsCapacity() {
    IdCache c = new IdCache(100);
    String[] ids = new String[150];
    for (int i = 0; i < 150; i++) {
      ids[i] = UUID.nameUUIDFromBytes(new byte[] {(byte) i, 1}).toString();
      c.put("s" + i, ids[i]);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(c.get("s" + i)).isEqualTo(ids[i]);
    }
    for (int i = 100; i < 150; i++) {
      assertThat(c.get("s" + i)).as("beyond the capacity: looked up instead").isNull();
    }
    assertThat(c.get("never")).isNull();
  }

  @Test
  void keepsOnlyIdsThatComeBackTheSame() {
    IdCache c = new IdCache(10);
    c.put("a", "t17");
    c.put("b", "1-1-1-1-1");                                      // UUID.fromString accepts it, spelled otherwise
    c.put("c", "0F8FAD5B-D9CB-469F-A165-70867728950E");          // upper case
    c.put("d", "0f8fad5b-d9cb-469f-a165-70867728950e");
    assertThat(c.get("a")).isNull();
    assertThat(c.get("b")).isNull();
    assertThat(c.get("c")).isNull();
    assertThat(c.get("d")).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
  }
}
