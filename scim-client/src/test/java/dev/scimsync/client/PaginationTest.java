package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.resource.User;
import java.util.Iterator;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class PaginationTest extends ClientTestBase {

  private List<String> names(ScimClient c, Query<User> q) {
    return q.stream().map(User::userName).toList();
  }

  @Test
  void followsIndexPagesUntilTotal() throws Exception {
    server.enqueue(json(list(5, 1, user("1", "a"), user("2", "b"))));
    server.enqueue(json(list(5, 3, user("3", "c"), user("4", "d"))));
    server.enqueue(json(list(5, 5, user("5", "e"))));
    try (ScimClient c = client()) {
      assertThat(names(c, c.users().all().pageSize(2))).containsExactly("a", "b", "c", "d", "e");
    }
    assertThat(take().getUrl().queryParameter("startIndex")).isEqualTo("1");
    assertThat(take().getUrl().queryParameter("startIndex")).isEqualTo("3");
    RecordedRequest last = take();
    assertThat(last.getUrl().queryParameter("startIndex")).isEqualTo("5");
    assertThat(last.getUrl().queryParameter("count")).isEqualTo("2");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void shortPagesAdvanceByWhatWasReceived() throws Exception {
    server.enqueue(json(list(4, 1, user("1", "a"))));
    server.enqueue(json(list(4, 2, user("2", "b"), user("3", "c"))));
    server.enqueue(json(list(4, 4, user("4", "d"))));
    try (ScimClient c = client()) {
      assertThat(names(c, c.users().all().pageSize(3))).containsExactly("a", "b", "c", "d");
    }
    take();
    assertThat(take().getUrl().queryParameter("startIndex")).isEqualTo("2");
    assertThat(take().getUrl().queryParameter("startIndex")).isEqualTo("4");
  }

  @Test
  void changingTotalIsFollowed() {
    server.enqueue(json(list(3, 1, user("1", "a"), user("2", "b"))));
    // a user was added meanwhile: the second page reports a larger total ...
    server.enqueue(json(list(4, 3, user("3", "c"))));
    server.enqueue(json(list(4, 4, user("4", "d"))));
    try (ScimClient c = client()) {
      assertThat(names(c, c.users().all().pageSize(2))).containsExactly("a", "b", "c", "d");
    }
    server.enqueue(json(list(9, 1, user("1", "a"), user("2", "b"))));
    server.enqueue(json(list(3, 3, user("3", "c"))));
    try (ScimClient c = client()) {
      // ... or a smaller one: the latest total decides when to stop
      assertThat(names(c, c.users().all().pageSize(2))).containsExactly("a", "b", "c");
    }
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void noPagingFieldsMeansEverythingCameAtOnce() {
    // Google Cloud Identity: all results, no startIndex/itemsPerPage
    server.enqueue(json(list(3, null, user("1", "a"), user("2", "b"), user("3", "c"))));
    try (ScimClient c = client()) {
      assertThat(names(c, c.users().all().pageSize(1))).containsExactly("a", "b", "c");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void emptyPageStops() {
    server.enqueue(json(list(10, 1, user("1", "a"))));
    server.enqueue(json(list(10, 2)));
    try (ScimClient c = client()) {
      assertThat(names(c, c.users().all().pageSize(1))).containsExactly("a");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void repeatedStartIndexIsAnError() {
    server.enqueue(json(list(10, 1, user("1", "a"))));
    server.enqueue(json(list(10, 1, user("2", "b"))));
    try (ScimClient c = client()) {
      Iterator<User> it = c.users().all().pageSize(1).iterator();
      assertThat(it.next().userName()).isEqualTo("a");
      assertThatThrownBy(it::next).isInstanceOf(ScimClientException.class).hasMessageContaining("startIndex 1 again");
    }
  }

  @Test
  void serverIgnoringStartIndexIsDetected() {
    // no startIndex in the response, but itemsPerPage: paging claimed, the same page comes back
    String page = "{\"totalResults\":10,\"itemsPerPage\":1,\"Resources\":[" + user("1", "a") + "]}";
    server.enqueue(json(page));
    server.enqueue(json(page));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().all().pageSize(1).stream().toList())
          .isInstanceOf(ScimClientException.class).hasMessageContaining("same resource");
    }
  }

  @Test
  void fetchesLazily() {
    server.enqueue(json(list(1000, 1, user("1", "a"), user("2", "b"))));
    try (ScimClient c = client()) {
      assertThat(c.users().all().pageSize(2).stream().limit(2).toList()).hasSize(2);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void followsCursors() throws Exception {
    server.enqueue(json("{\"totalResults\":3,\"nextCursor\":\"c2\",\"Resources\":[" + user("1", "a") + "]}"));
    server.enqueue(json("{\"totalResults\":3,\"nextCursor\":\"c3\",\"Resources\":[" + user("2", "b") + "]}"));
    server.enqueue(json("{\"totalResults\":3,\"Resources\":[" + user("3", "c") + "]}"));
    try (ScimClient c = client()) {
      assertThat(names(c, c.users().all().cursorPaging().pageSize(1))).containsExactly("a", "b", "c");
    }
    RecordedRequest first = take();
    assertThat(first.getUrl().queryParameter("cursor")).isEmpty();
    assertThat(first.getUrl().queryParameter("startIndex")).isNull();
    assertThat(take().getUrl().queryParameter("cursor")).isEqualTo("c2");
    assertThat(take().getUrl().queryParameter("cursor")).isEqualTo("c3");
  }

  @Test
  void repeatedCursorIsAnError() {
    server.enqueue(json("{\"nextCursor\":\"c2\",\"Resources\":[" + user("1", "a") + "]}"));
    server.enqueue(json("{\"nextCursor\":\"c3\",\"Resources\":[" + user("2", "b") + "]}"));
    server.enqueue(json("{\"nextCursor\":\"c2\",\"Resources\":[" + user("3", "c") + "]}"));
    try (ScimClient c = client()) {
      assertThatThrownBy(() -> c.users().all().cursorPaging().stream().toList())
          .isInstanceOf(ScimClientException.class).hasMessageContaining("cursor \"c2\" again");
    }
  }

  @Test
  void serverIgnoringCursorIsFollowedByIndex() throws Exception {
    server.enqueue(json(list(3, 1, user("1", "a"), user("2", "b"))));
    server.enqueue(json(list(3, 3, user("3", "c"))));
    try (ScimClient c = client()) {
      assertThat(names(c, c.users().all().cursorPaging().pageSize(2))).containsExactly("a", "b", "c");
    }
    take();
    assertThat(take().getUrl().queryParameter("startIndex")).isEqualTo("3");
  }
}
