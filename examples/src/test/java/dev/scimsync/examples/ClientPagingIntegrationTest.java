package dev.scimsync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.client.Query;
import dev.scimsync.client.ScimClient;
import dev.scimsync.core.message.BulkMethod;
import dev.scimsync.core.message.BulkOperation;
import dev.scimsync.core.message.BulkOperationResponse;
import dev.scimsync.core.message.BulkRequest;
import dev.scimsync.client.BulkResult;
import dev.scimsync.core.resource.MultiValue;
import dev.scimsync.core.resource.Name;
import dev.scimsync.core.resource.User;
import dev.scimsync.filter.Filter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 users created through the client's Bulk support on a fresh example server, then read back
 * completely with every pagination the client offers: index and cursor paging, by GET and by POST
 * /.search, unfiltered and filtered. Every user must be seen exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientPagingIntegrationTest {

  static final String TOKEN = "client-paging-token-0123456789";
  static final int USERS = 10_000;

  ExampleServer server;
  ScimClient scim;
  RecordingInterceptor recorder = new RecordingInterceptor();
  /** userName -> id of every user created. */
  final Map<String, String> created = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    server = ClientServerIntegrationTest.startServer(TOKEN);
    // the recorder only keeps request lines here: the pagination tests count requests
    scim = ScimClient.builder().baseUrl(server.baseUrl()).bearerToken(TOKEN).interceptor(recorder).build();
    List<BulkOperation> ops = new ArrayList<>(USERS);
    for (int i = 0; i < USERS; i++) {
      User u = User.builder(userName(i))
          .externalId("X" + i)
          .name(Name.ofGivenAndFamily("Given" + i, "Family" + (i % 100)))
          .addEmail(MultiValue.of(userName(i), "work"))
          .active(i % 10 != 0)
          .build();
      ops.add(new BulkOperation(BulkMethod.POST, "b" + i, null, "/Users", u.toResource().json()));
    }
    long t0 = System.nanoTime();
    BulkResult r = scim.bulk(new BulkRequest(null, ops));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.operations()).hasSize(USERS);
    for (BulkOperationResponse o : r.operations()) {
      assertThat(o.status()).as("%s", o).isEqualTo(201);
      String loc = o.location();
      created.put(userName(Integer.parseInt(o.bulkId().substring(1))), loc.substring(loc.lastIndexOf('/') + 1));
    }
    assertThat(new HashSet<>(created.values())).hasSize(USERS);
    // chunked to the server's bulk.maxOperations (1000)
    assertThat(recorder.all().stream().filter(e -> e.url().endsWith("/Bulk"))).hasSize(USERS / 1000);
    System.out.printf("created %d users with Bulk in %d ms%n", USERS, ms);
  }

  @AfterAll
  void stop() {
    if (scim != null) {
      scim.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static String userName(int i) {
    return "p-" + i + "@example.com";
  }

  /** Walks {@code query} and checks that it gives exactly {@code expected} (userName -> id), each once. */
  private void assertSeesExactlyOnce(Query<User> query, Map<String, String> expected, int expectedRequests,
      String what) {
    recorder.clear();
    List<String> ids = new ArrayList<>();
    try (Stream<User> s = query.stream()) {
      s.forEach(u -> {
        assertThat(expected.get(u.userName())).as("%s: %s", what, u.userName()).isEqualTo(u.id());
        ids.add(u.id());
      });
    }
    assertThat(ids).as(what).hasSize(expected.size());
    assertThat(new HashSet<>(ids)).as(what + ": no duplicates").hasSize(expected.size())
        .isEqualTo(new HashSet<>(expected.values()));
    assertThat(recorder.all()).as(what + ": requests").hasSize(expectedRequests);
  }

  @Test
  void indexPaging() {
    assertSeesExactlyOnce(scim.users().all().pageSize(500), created, 20, "GET index");
    assertThat(scim.users().all().totalResults()).isEqualTo(USERS);
  }

  @Test
  void cursorPaging() {
    // 20 full pages; the last one carries no nextCursor
    assertSeesExactlyOnce(scim.users().all().pageSize(500).cursorPaging(), created, 20, "GET cursor");
    assertThat(recorder.all().get(1).url()).contains("cursor=");
  }

  @Test
  void indexPagingViaPostSearch() {
    assertSeesExactlyOnce(scim.users().all().pageSize(500).viaPost(), created, 20, "POST /.search index");
    assertThat(recorder.all()).allSatisfy(e -> {
      assertThat(e.method()).isEqualTo("POST");
      assertThat(e.url()).endsWith("/Users/.search");
    });
  }

  @Test
  void cursorPagingViaPostSearch() {
    assertSeesExactlyOnce(scim.users().all().pageSize(500).cursorPaging().viaPost(), created, 20,
        "POST /.search cursor");
    assertThat(recorder.all().get(1).requestJson().get("cursor").stringValue()).isNotEmpty();
  }

  @Test
  void oddPageSizeAndSorting() {
    // 10,000 / 999 leaves a short last page
    assertSeesExactlyOnce(scim.users().all().pageSize(999), created, 11, "GET index, 999 per page");
    List<String> sorted = new ArrayList<>();
    try (Stream<User> s = scim.users().all().sortBy("userName", null).pageSize(1000).cursorPaging().stream()) {
      s.forEach(u -> sorted.add(u.userName()));
    }
    assertThat(sorted).hasSize(USERS).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
  }

  @Test
  void filteredPaging() {
    // p-1, p-10..p-19, p-100..p-199, p-1000..p-1999
    Map<String, String> ones = new HashMap<>();
    Map<String, String> inactive = new HashMap<>();
    for (int i = 0; i < USERS; i++) {
      if (Integer.toString(i).startsWith("1")) {
        ones.put(userName(i), created.get(userName(i)));
      }
      if (i % 10 == 0) {
        inactive.put(userName(i), created.get(userName(i)));
      }
    }
    assertThat(ones).hasSize(1111);
    assertSeesExactlyOnce(scim.users().search(Filter.sw("userName", "p-1")).pageSize(500), ones, 3, "sw index");
    assertSeesExactlyOnce(scim.users().search(Filter.sw("userName", "p-1")).pageSize(500).cursorPaging().viaPost(),
        ones, 3, "sw cursor POST");
    assertSeesExactlyOnce(scim.users().search(Filter.eq("active", false)).pageSize(300), inactive, 4, "active eq false");
    assertThat(scim.users().search(Filter.eq("active", false)).totalResults()).isEqualTo(1000);
    // no match: one request, nothing seen, with either paging
    assertSeesExactlyOnce(scim.users().search(Filter.eq("userName", "nobody@example.com")).pageSize(500), Map.of(), 1,
        "no match, index");
    assertSeesExactlyOnce(scim.users().search(Filter.eq("userName", "nobody@example.com")).pageSize(500)
        .cursorPaging(), Map.of(), 1, "no match, cursor");
  }
}
