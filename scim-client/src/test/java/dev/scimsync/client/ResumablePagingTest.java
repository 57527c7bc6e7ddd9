package dev.scimsync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimsync.core.resource.User;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Issue 10 points 7, 8 and 10: resumable page positions, discovery-driven page size and cursors, closing. */
class ResumablePagingTest extends ClientTestBase {

  static String spc(String pagination) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"],"
        + "\"patch\":{\"supported\":true},\"filter\":{\"supported\":true,\"maxResults\":200}"
        + (pagination == null ? "" : ",\"pagination\":" + pagination) + "}";
  }

  static String cursorList(int total, String next, String... resources) {
    return "{\"schemas\":[\"" + LIST_URN + "\"],\"totalResults\":" + total
        + (next == null ? "" : ",\"nextCursor\":\"" + next + "\"") + ",\"Resources\":[" + String.join(",", resources)
        + "]}";
  }

  @Test
  void anIndexListingResumesFromTheCheckpointedPosition() throws Exception {
    server.enqueue(json(list(5, 1, user("1", "a"), user("2", "b"))));
    String checkpoint;
    try (ScimClient c = client(); Stream<Page<User>> pages = c.users().all().pageSize(2).pages()) {
      Page<User> first = pages.iterator().next();
      checkpoint = first.next().toString();
    }
    assertThat(checkpoint).isEqualTo("index:3");
    take();
    // "crash"; a new process resumes
    server.enqueue(json(list(5, 3, user("3", "c"), user("4", "d"))));
    server.enqueue(json(list(5, 5, user("5", "e"))));
    try (ScimClient c = client()) {
      List<Page<User>> rest = c.users().all().pageSize(2).pagesFrom(PagePosition.parse(checkpoint)).toList();
      assertThat(rest).hasSize(2);
      assertThat(rest.get(1).nextPosition()).isEmpty();
      assertThat(rest.get(1).resources()).extracting(User::userName).containsExactly("e");
    }
    assertThat(take().getUrl().queryParameter("startIndex")).isEqualTo("3");
  }

  @Test
  void aCursorListingResumesFromTheCheckpointedCursor() throws Exception {
    server.enqueue(json(cursorList(3, "c2", user("1", "a"))));
    PagePosition saved;
    try (ScimClient c = client()) {
      saved = c.users().all().cursorPaging().pageSize(1).firstPage().next();
    }
    assertThat(saved).isEqualTo(PagePosition.cursor("c2"));
    assertThat(PagePosition.parse(saved.toString())).isEqualTo(saved);
    take();
    server.enqueue(json(cursorList(3, "c3", user("2", "b"))));
    server.enqueue(json(cursorList(3, null, user("3", "c"))));
    try (ScimClient c = client()) {
      assertThat(c.users().all().cursorPaging().pageSize(1).pagesFrom(saved)
          .flatMap(p -> p.resources().stream()).map(User::userName)).containsExactly("b", "c");
    }
    assertThat(take().getUrl().queryParameter("cursor")).isEqualTo("c2");
    assertThat(take().getUrl().queryParameter("cursor")).isEqualTo("c3");
  }

  @Test
  void pagePositionTextIsStrict() {
    assertThatThrownBy(() -> PagePosition.parse("page 3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PagePosition.index(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pageSizeIsCappedAtTheAdvertisedMaximumAndDefaultsToTheAdvertisedDefault() throws Exception {
    server.enqueue(json(spc("{\"cursor\":false,\"index\":true,\"defaultPageSize\":25,\"maxPageSize\":50}")));
    server.enqueue(json(list(1, 1, user("1", "a"))));
    server.enqueue(json(list(1, 1, user("1", "a"))));
    try (ScimClient c = builder().discovery(true).build()) {
      c.users().all().pageSize(500).firstPage();
      c.users().all().firstPage();
    }
    take();
    assertThat(take().getUrl().queryParameter("count")).isEqualTo("50");
    assertThat(take().getUrl().queryParameter("count")).isEqualTo("25");
  }

  @Test
  void filterMaxResultsCapsThePageSizeWithoutPagination() throws Exception {
    server.enqueue(json(spc(null)));
    server.enqueue(json(list(1, 1, user("1", "a"))));
    try (ScimClient c = builder().discovery(true).build()) {
      c.users().all().pageSize(1000).firstPage();
    }
    take();
    assertThat(take().getUrl().queryParameter("count")).isEqualTo("200");
  }

  @Test
  void cursorPagingFallsBackToIndexWhenTheServerSaysCursorFalse() throws Exception {
    server.enqueue(json(spc("{\"cursor\":false,\"index\":true}")));
    server.enqueue(json(list(1, 1, user("1", "a"))));
    try (ScimClient c = builder().discovery(true).build()) {
      assertThat(c.users().all().cursorPaging().stream().map(User::userName)).containsExactly("a");
    }
    take();
    RecordedRequest r = take();
    assertThat(r.getUrl().queryParameter("cursor")).isNull();
    assertThat(r.getUrl().queryParameter("startIndex")).isEqualTo("1");
  }

  @Test
  void cursorPagingFallsBackToIndexWhenTheFirstCursorRequestGets400() throws Exception {
    server.enqueue(json(400, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\","
        + "\"detail\":\"cursor paging is not supported\"}"));
    server.enqueue(json(list(1, 1, user("1", "a"))));
    try (ScimClient c = client()) {
      assertThat(c.users().all().cursorPaging().stream().map(User::userName)).containsExactly("a");
    }
    assertThat(take().getUrl().queryParameter("cursor")).isEmpty();
    assertThat(take().getUrl().queryParameter("startIndex")).isEqualTo("1");
  }

  @Test
  void closingTheStreamStopsFurtherFetches() {
    server.enqueue(json(list(6, 1, user("1", "a"), user("2", "b"))));
    server.enqueue(json(list(6, 3, user("3", "c"), user("4", "d"))));
    try (ScimClient c = client()) {
      Stream<User> s = c.users().all().pageSize(2).stream();
      Iterator<User> it = s.iterator();
      assertThat(it.next().userName()).isEqualTo("a");
      s.close();
      assertThat(it.hasNext()).isFalse();
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
