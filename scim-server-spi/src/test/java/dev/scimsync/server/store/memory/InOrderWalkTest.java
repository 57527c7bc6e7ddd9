package dev.scimsync.server.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paging through every resource by startIndex continues where the last page ended (the walk
 * hint), and gives the same pages as a walk from the first resource, also when resources were
 * created or deleted between two pages.
 */
class InOrderWalkTest {

  static final StoreContext T = InMemoryStoreTest.T;

  @Test
  void pagesFollowTheCurrentOrderAcrossCreatesAndDeletes() {
    InMemoryUserStore store = new InMemoryUserStore(InMemoryStoreTest.USER);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(store.create(T, InMemoryStoreTest.user("u" + i)).id());
    }
    assertThat(names(store, 1, 10)).isEqualTo(expected(0, 10));
    assertThat(names(store, 11, 10)).isEqualTo(expected(10, 20));
    assertThat(names(store, 21, 10)).isEqualTo(expected(20, 25));
    // a delete before the next page shifts it by one: the hint of the last page must not be used
    names(store, 1, 10);
    store.delete(T, ids.get(3), null);
    assertThat(names(store, 11, 10)).containsExactly("u11", "u12", "u13", "u14", "u15", "u16", "u17", "u18", "u19",
        "u20");
    // a create keeps the order of those before it, yet the hint is dropped and the walk restarts
    names(store, 1, 5);
    store.create(T, InMemoryStoreTest.user("u25"));
    assertThat(names(store, 6, 30)).hasSize(20).startsWith("u6").endsWith("u24", "u25");
    // a page that does not follow the last one starts from the first resource
    names(store, 1, 10);
    assertThat(names(store, 3, 2)).containsExactly("u2", "u4");
  }

  private static List<String> names(InMemoryUserStore store, int startIndex, int count) {
    List<String> out = new ArrayList<>();
    for (ScimResource r : store.search(T, ResourceQuery.of(null, count).withPage(startIndex, count)).resources()) {
      out.add(r.text("userName"));
    }
    return out;
  }

  private static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("u" + i);
    }
    return out;
  }
}
