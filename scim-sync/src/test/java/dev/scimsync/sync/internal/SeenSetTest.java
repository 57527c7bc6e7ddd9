package dev.scimsync.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seen set answers exactly what was added, on the heap, spilled in runs, and merged. */
class SeenSetTest {

  @TempDir
  Path dir;

  @Test
  void answersWhatWasAddedAcrossSpilledRunsBeforeAndAfterTheMerge() throws IOException {
    Random rnd = new Random(7);
    Set<String> added = new HashSet<>();
    try (SeenSet seen = new SeenSet(16, dir)) {
      for (int i = 0; i < 1000; i++) {
        String id = "id-" + rnd.nextInt(600); // repeats: a replayed page adds ids again
        added.add(id);
        seen.add(id);
      }
      assertThat(seen.spilledRuns()).isGreaterThan(1);
      assertThat(files()).hasSize(seen.spilledRuns());
      check(seen, added);
      seen.seal();
      assertThat(seen.spilledRuns()).isEqualTo(1);
      assertThat(files()).hasSize(1);
      check(seen, added);
      assertThat(Files.size(files()[0])).as("distinct hashes only").isLessThanOrEqualTo(8L * added.size());
    }
    assertThat(files()).as("files deleted on close").isEmpty();
  }

  @Test
  void withinTheBudgetNothingIsWritten() throws IOException {
    try (SeenSet seen = new SeenSet(100, dir)) {
      for (int i = 0; i < 100; i++) {
        seen.add("u" + i);
      }
      seen.seal();
      assertThat(seen.contains("u99")).isTrue();
      assertThat(seen.contains("u100")).isFalse();
      assertThat(files()).isEmpty();
    }
  }

  private static void check(SeenSet seen, Set<String> added) {
    for (int i = 0; i < 700; i++) {
      String id = "id-" + i;
      assertThat(seen.contains(id)).as(id).isEqualTo(added.contains(id));
    }
  }

  private Path[] files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toArray(Path[]::new);
    }
  }
}
