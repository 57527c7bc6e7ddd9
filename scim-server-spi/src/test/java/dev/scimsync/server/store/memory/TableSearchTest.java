package dev.scimsync.server.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.eval.CompiledFilter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.filter.eval.ResourceTable;
import dev.scimsync.server.store.ResourceQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A search over every resource of a tenant reads its table ({@link Tenant#rows()}, with columns
 * made by earlier searches) and finds what filtering each stored resource one by one finds, in
 * the default order, through random histories: creates, replacements, deletions (enough to make
 * the rows again), writes undone by a transaction (an entry back in the middle of the order), a
 * snapshot loaded, names spelled otherwise, and more paths filtered than a table keeps columns for.
 */
class TableSearchTest {

  private static final List<String> FILTERS = new ArrayList<>(SpelledSearchTest.FILTERS);

  static {
    // more paths than the table keeps columns for, so that columns are dropped and made again
    FILTERS.addAll(List.of("userName sw \"user1\"", "USERNAME ew \"7\"", "meta.version pr", "meta.created pr",
        "externalId pr", "displayName pr", "active eq true", "nickName eq \"x\"", "profileUrl pr", "locale pr",
        "timezone pr", "userType pr", "preferredLanguage pr", "id eq \"nope\" or id eq \"none\""));
  }

  @Test
  void sameMatchesInTheSameOrderAsFilteringEachResource() {
    assertThat(FILTERS.size()).isGreaterThan(ResourceTable.MAX_COLUMNS);
    FilterEvaluator general = FilterEvaluator.builder().schema(InMemoryStoreTest.USER).tolerant(true).build();
    for (int seed = 0; seed < 16; seed++) {
      Random r = new Random(seed);
      InMemoryUserStore store = new InMemoryUserStore(InMemoryStoreTest.USER);
      int odd = 2 + r.nextInt(40);
      List<String> ids = new ArrayList<>(); // in creation order, the default order
      int next = 0;
      for (int step = 0; step < 400; step++) {
        int what = r.nextInt(20);
        if (what < 7 || ids.isEmpty()) {
          ids.add(store.create(SpelledSearchTest.T, SpelledSearchTest.user(r, next++, odd)).id());
        } else if (what < 10) {
          String id = ids.get(r.nextInt(ids.size()));
          store.replace(SpelledSearchTest.T, id, SpelledSearchTest.user(r, next++, odd), null);
        } else if (what < 13) {
          // a burst of deletions, now and then enough to empty most rows
          for (int k = r.nextInt(8) == 0 ? ids.size() * 3 / 4 : 1; k > 0 && !ids.isEmpty(); k--) {
            store.delete(SpelledSearchTest.T, ids.remove(r.nextInt(ids.size())), null);
          }
        } else if (what == 13) {
          undoneTransaction(store, ids, r, next);
          next += 2;
        } else if (what == 14 && r.nextInt(4) == 0) {
          InMemoryUserStore copy = new InMemoryUserStore(InMemoryStoreTest.USER);
          copy.importTenants(store.exportTenants());
          store = copy;
        } else {
          String text = FILTERS.get(r.nextInt(FILTERS.size()));
          Filter f = Filter.parse(text);
          assertThat(found(store, f)).as("seed %d step %d: %s", seed, step, text)
              .isEqualTo(expected(store, ids, general.compile(f)));
        }
      }
    }
  }

  /**
   * Searches from several threads at once, on more paths than a table keeps columns for, so that
   * columns are made and dropped while others filter through them: each finds what it should.
   */
  @Test
  void concurrentSearchesMakingAndDroppingColumnsFindTheSame() throws Exception {
    Random r = new Random(7);
    InMemoryUserStore store = new InMemoryUserStore(InMemoryStoreTest.USER);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add(store.create(SpelledSearchTest.T, SpelledSearchTest.user(r, i, 9)).id());
    }
    FilterEvaluator general = FilterEvaluator.builder().schema(InMemoryStoreTest.USER).tolerant(true).build();
    java.util.Map<String, List<String>> want = new java.util.HashMap<>();
    for (String text : FILTERS) {
      want.put(text, expected(store, ids, general.compile(Filter.parse(text))));
    }
    InMemoryUserStore shared = store;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          Random tr = new Random(seed);
          for (int k = 0; k < 150; k++) {
            String text = FILTERS.get(tr.nextInt(FILTERS.size()));
            assertThat(found(shared, Filter.parse(text))).as(text).isEqualTo(want.get(text));
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Replaces, deletes and creates in a transaction, then undoes it: the store is as before. */
  private static void undoneTransaction(InMemoryUserStore store, List<String> ids, Random r, int next) {
    MemoryTransaction tx = MemoryTransaction.begin();
    try {
      if (!ids.isEmpty()) {
        String id = ids.get(r.nextInt(ids.size()));
        store.replace(SpelledSearchTest.T, id, SpelledSearchTest.user(r, next, 3), null);
        store.delete(SpelledSearchTest.T, ids.get(r.nextInt(ids.size())), null);
      }
      store.create(SpelledSearchTest.T, SpelledSearchTest.user(r, next + 1, 3));
      tx.rollback();
    } finally {
      tx.end();
    }
  }

  /** The ids of the stored resources that match, in the default order, filtered one by one. */
  private static List<String> expected(InMemoryUserStore store, List<String> ids, CompiledFilter f) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      ScimResource stored = store.get(SpelledSearchTest.T, id, Set.of()).orElseThrow();
      if (f.test(stored.json())) {
        out.add(id);
      }
    }
    return out;
  }

  private static List<String> found(InMemoryUserStore store, Filter f) {
    List<String> out = new ArrayList<>();
    store.search(SpelledSearchTest.T, ResourceQuery.of(f, 10_000)).resources().forEach(x -> out.add(x.id()));
    return out;
  }
}
