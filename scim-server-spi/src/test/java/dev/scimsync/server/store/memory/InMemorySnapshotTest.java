package dev.scimsync.server.store.memory;

import static dev.scimsync.server.store.memory.InMemoryStoreTest.GROUP;
import static dev.scimsync.server.store.memory.InMemoryStoreTest.USER;
import static dev.scimsync.server.store.memory.InMemoryStoreTest.group;
import static dev.scimsync.server.store.memory.InMemoryStoreTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import dev.scimsync.server.store.GroupStore.Membership;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemorySnapshotTest {

  static final StoreContext A = StoreContext.of("a");
  static final StoreContext B = StoreContext.of("b");

  @TempDir
  Path dir;

  private static List<ScimResource> all(InMemoryStore store, StoreContext ctx) {
    return store.search(ctx, ResourceQuery.of(null, 1000)).resources();
  }

  @Test
  void aSavedSnapshotLoadsBackEverything() throws IOException {
    InMemoryUserStore users = new InMemoryUserStore(USER);
    InMemoryGroupStore groups = new InMemoryGroupStore(GROUP);
    ScimResource alice = users.create(A, user("alice", "\"externalId\":\"e1\""));
    ScimResource bob = users.create(A, user("bob"));
    users.replace(A, bob.id(), user("bob", "\"title\":\"Boss\""), null);
    ScimResource carol = users.create(A, user("carol"));
    users.delete(A, carol.id(), null);
    ScimResource alice2 = users.create(B, user("alice"));
    ScimResource sales = groups.create(A, group("Sales", alice.id(), bob.id()));
    groups.removeFromAllGroups(A, bob.id());
    Path file = dir.resolve("scim.json");

    InMemorySnapshot.save(file, users, groups);
    InMemoryUserStore users2 = new InMemoryUserStore(USER);
    InMemoryGroupStore groups2 = new InMemoryGroupStore(GROUP);
    assertThat(InMemorySnapshot.load(file, users2, groups2)).isTrue();

    assertThat(all(users2, A)).isEqualTo(all(users, A));
    assertThat(all(users2, B)).containsExactly(alice2);
    assertThat(all(groups2, A)).isEqualTo(all(groups, A));
    assertThat(users2.get(A, bob.id(), Set.of()).orElseThrow().version()).isEqualTo("W/\"2\"");
    assertThat(groups2.get(A, sales.id(), Set.of()).orElseThrow().version()).isEqualTo("W/\"2\"");
    // indexes and uniqueness are rebuilt
    assertThat(users2.search(A, ResourceQuery.of(Filter.eq("userName", "ALICE"), 10)).resources()).containsExactly(alice);
    assertThat(users2.search(A, ResourceQuery.of(Filter.eq("externalId", "e1"), 10)).resources()).containsExactly(alice);
    assertThatThrownBy(() -> users2.create(A, user("Bob"))).isInstanceOf(ScimException.class);
    assertThat(groups2.groupsOf(A, alice.id())).containsExactly(new Membership(sales.id(), "Sales"));
    assertThat(groups2.groupsOf(A, bob.id())).isEmpty();
    // new resources come after the loaded ones; a deleted name is free
    ScimResource carol2 = users2.create(A, user("carol"));
    assertThat(all(users2, A)).extracting(ScimResource::id).containsExactly(alice.id(), bob.id(), carol2.id());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void loadingAMissingFileChangesNothingAndAForeignFileFails() throws IOException {
    InMemoryUserStore users = new InMemoryUserStore(USER);
    users.create(A, user("alice"));
    assertThat(InMemorySnapshot.load(dir.resolve("none.json"), users)).isFalse();
    assertThat(all(users, A)).hasSize(1);

    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"hello\":1}");
    assertThatThrownBy(() -> InMemorySnapshot.load(foreign, users)).isInstanceOf(IOException.class);
    assertThat(all(users, A)).hasSize(1);
  }

  @Test
  @SuppressWarnings("try")
  void autoSaveWritesAfterWritesAndLoadsAtStart() throws Exception {
    Path file = dir.resolve("auto/scim.json");
    InMemoryUserStore users = new InMemoryUserStore(USER);
    InMemoryGroupStore groups = new InMemoryGroupStore(GROUP);
    ScimResource alice;
    try (InMemorySnapshot.AutoSave save = InMemorySnapshot.autoSave(file, Duration.ofMillis(20), users, groups)) {
      alice = users.create(A, user("alice"));
      groups.create(A, group("Sales", alice.id()));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.exists(file) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(file).exists();
      users.create(A, user("bob"));
    }
    // close saved the last write
    InMemoryUserStore users2 = new InMemoryUserStore(USER);
    InMemoryGroupStore groups2 = new InMemoryGroupStore(GROUP);
    try (InMemorySnapshot.AutoSave save = InMemorySnapshot.autoSave(file, Duration.ofMillis(20), users2, groups2)) {
      assertThat(all(users2, A)).extracting(r -> r.text("userName")).containsExactly("alice", "bob");
      assertThat(groups2.groupsOf(A, alice.id())).hasSize(1);
    }
  }
}
