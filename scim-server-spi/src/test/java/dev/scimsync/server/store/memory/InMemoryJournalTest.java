package dev.scimsync.server.store.memory;

import static dev.scimsync.server.store.memory.InMemoryStoreTest.GROUP;
import static dev.scimsync.server.store.memory.InMemoryStoreTest.USER;
import static dev.scimsync.server.store.memory.InMemoryStoreTest.group;
import static dev.scimsync.server.store.memory.InMemoryStoreTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot plus change log of {@code --data}: a crash is simulated by opening the files again
 * without closing the journal (no shutdown hook, no last snapshot); every write that returned must
 * be there.
 */
class InMemoryJournalTest {

  static final StoreContext A = StoreContext.of("a");
  static final StoreContext B = StoreContext.of("b");

  @TempDir
  Path dir;

  static List<ScimResource> all(InMemoryStore store, StoreContext ctx) {
    return store.search(ctx, ResourceQuery.of(null, 1000)).resources();
  }

  record Stores(InMemoryUserStore users, InMemoryGroupStore groups, InMemoryJournal journal) {}

  Stores open(Path file, long compactBytes) throws IOException {
    InMemoryUserStore users = new InMemoryUserStore(USER);
    InMemoryGroupStore groups = new InMemoryGroupStore(GROUP);
    return new Stores(users, groups, InMemoryJournal.open(file, compactBytes, users, groups));
  }

  /** Writes of every kind: create, replace, patch-like membership removal, delete, two tenants. */
  static void write(Stores s, int n) {
    write(s, 0, n, "\"nickName\":\"n\"");
  }

  static void write(Stores s, int from, int to, String extra) {
    for (int i = from; i < to; i++) {
      ScimResource u = s.users().create(A, user("user" + i, extra));
      if (i % 3 == 0) {
        s.users().replace(A, u.id(), user("user" + i, "\"title\":\"T" + i + "\""), null);
      }
      if (i % 5 == 0) {
        ScimResource g = s.groups().create(A, group("g" + i, u.id()));
        if (i % 10 == 0) {
          s.groups().removeFromAllGroups(A, u.id());
          s.groups().delete(A, g.id(), null);
        }
      }
      if (i % 7 == 0) {
        s.users().delete(A, u.id(), null);
      }
      s.users().create(B, user("b" + i));
    }
  }

  void assertSame(Stores before, Stores after) {
    for (StoreContext ctx : List.of(A, B)) {
      assertThat(all(after.users(), ctx)).isEqualTo(all(before.users(), ctx));
      assertThat(all(after.groups(), ctx)).isEqualTo(all(before.groups(), ctx));
    }
  }

  @Test
  void aCrashLosesNoAcknowledgedWrite() throws IOException {
    Path file = dir.resolve("scim.json");
    Stores first = open(file, InMemoryJournal.DEFAULT_COMPACT_BYTES);
    write(first, 40);
    // no close(): the process "dies" here
    Stores second = open(file, InMemoryJournal.DEFAULT_COMPACT_BYTES);
    assertSame(first, second);
    // new ids and order continue after the recovered ones
    ScimResource late = second.users().create(A, user("late"));
    assertThat(all(second.users(), A)).last().isEqualTo(late);
  }

  @Test
  void aCrashAfterSnapshotsLosesNothingEither() throws Exception {
    Path file = dir.resolve("scim.json");
    Stores first = open(file, 2_000);
    write(first, 60);
    first.journal().compact();
    write(first, 60, 70, "\"nickName\":\"m\"");
    // the first process stops here; a snapshot it was still writing in the background would race
    // with the second process reading the files (two live processes on one file are not a crash)
    first.journal().awaitSnapshots();
    Stores second = open(file, 2_000);
    assertSame(first, second);
  }

  @Test
  void aTornLastLineIsIgnoredAndStaleTemporaryFilesAreRemoved() throws IOException {
    Path file = dir.resolve("scim.json");
    Stores first = open(file, InMemoryJournal.DEFAULT_COMPACT_BYTES);
    write(first, 5);
    Files.writeString(first.journal().logFile(), "{\"type\":\"User\",\"tenant\":\"a\",\"id\":\"x\",\"en",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Path stale = Files.createFile(dir.resolve("scim.json12345.tmp"));
    Stores second = open(file, InMemoryJournal.DEFAULT_COMPACT_BYTES);
    assertSame(first, second);
    assertThat(stale).doesNotExist();
  }

  @Test
  void closingLeavesOneSnapshotAndNoPasswordIsEverWritten() throws IOException {
    Path file = dir.resolve("scim.json");
    Stores first = open(file, InMemoryJournal.DEFAULT_COMPACT_BYTES);
    write(first, 0, 30, "\"password\":\"Tr0ub4dor&3\"");
    String logged = Files.readString(first.journal().logFile());
    assertThat(logged).contains("user29").doesNotContain("Tr0ub4dor").doesNotContainIgnoringCase("\"password\"");
    first.journal().close();
    assertThat(Files.readString(file)).contains("user29").doesNotContain("Tr0ub4dor");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> !Files.isDirectory(p)).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("scim.json", "scim.json.log");
    }
    assertThat(first.journal().logFile()).isEmptyFile();
    Stores second = open(file, 1_000);
    assertThat(all(second.users(), A)).hasSameSizeAs(all(first.users(), A));
  }
}
