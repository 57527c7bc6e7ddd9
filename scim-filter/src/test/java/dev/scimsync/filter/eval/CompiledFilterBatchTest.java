package dev.scimsync.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The batch entry points of {@link CompiledFilter}: their bounds, and their answers at the edges of a batch. */
class CompiledFilterBatchTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static JsonNode user(int i) {
    // every third user spells the attribute in another case; every fifth lacks it
    String name = i % 3 == 0 ? "USERNAME" : "userName";
    return i % 5 == 0 ? JSON.createObjectNode().put("id", "u" + i) : JSON.createObjectNode().put(name, "user" + i);
  }

  @Test
  void countsAcrossBatchesAsOneByOne() {
    CompiledFilter f = FilterEvaluator.strict().compile(Filter.parse("userName sw \"USER1\" or not (userName pr)"));
    List<JsonNode> users = new ArrayList<>();
    for (int i = 0; i < 3 * CompiledFilter.MAX_BATCH + 7; i++) {
      users.add(user(i));
    }
    long oneByOne = users.stream().filter(f).count();
    assertThat(oneByOne).isGreaterThan(0);
    assertThat(f.count(users)).isEqualTo((int) oneByOne);
    assertThat(f.count(List.of())).isZero();
  }

  @Test
  void matchesSetsOneBitPerResourceOfTheWindow() {
    CompiledFilter f = FilterEvaluator.strict().compile(Filter.parse("userName pr"));
    JsonNode[] users = new JsonNode[CompiledFilter.MAX_BATCH + 10];
    for (int i = 0; i < users.length; i++) {
      users[i] = user(i);
    }
    long bits = f.matches(users, 10, CompiledFilter.MAX_BATCH);
    for (int i = 0; i < 64; i++) {
      boolean expected = i < CompiledFilter.MAX_BATCH && f.test(users[10 + i]);
      assertThat((bits >>> i & 1) == 1).as("bit %d", i).isEqualTo(expected);
    }
    assertThat(f.matches(users, 3, 0)).isZero();
  }

  @Test
  void refusesWindowsOutsideTheArrayOrLargerThanABatch() {
    CompiledFilter f = FilterEvaluator.strict().compile(Filter.parse("userName pr"));
    JsonNode[] users = new JsonNode[CompiledFilter.MAX_BATCH + 1];
    java.util.Arrays.fill(users, user(1));
    assertThatThrownBy(() -> f.matches(users, 0, CompiledFilter.MAX_BATCH + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.matches(users, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.matches(users, 2, CompiledFilter.MAX_BATCH)).isInstanceOf(IndexOutOfBoundsException.class);
    users[5] = null;
    assertThatThrownBy(() -> f.matches(users, 0, 8)).isInstanceOf(NullPointerException.class);
  }
}
