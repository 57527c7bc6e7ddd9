package dev.scimsync.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.filter.Filter;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.server.store.UserStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.BooleanNode;

/**
 * The contract of a {@link UserStore}: everything in {@link ResourceStoreContract} with {@code
 * userName} as the unique name, plus filters, sorting and paging over a fixed set of twelve users,
 * and deactivated users staying visible. Extend it in your tests and implement {@link
 * #newUserStore()}:
 *
 * <pre>{@code
 * class MyUserStoreContractTest extends UserStoreContract {
 *   @Override
 *   protected UserStore newUserStore() {
 *     return new MyUserStore(dataSource);   // empty, or at least without the tenants tck-tenant-a/b
 *   }
 * }
 * }</pre>
 */
// The kit's assertions dereference ids and versions of resources the test itself created: a null
// there is already a failing test, so NullAway's checks would only add noise. The protected API
// below is annotated for store authors.
@SuppressWarnings("NullAway")
public abstract class UserStoreContract extends ResourceStoreContract {

  /** The RFC 7643 User schema. */
  protected static final ResourceSchema USER = SchemaRegistry.standard().resourceSchema("User");
  private static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";

  /** A new, empty store. */
  protected abstract UserStore newUserStore();

  @Override
  final ResourceStore createStore() {
    return newUserStore();
  }

  @Override
  ResourceSchema schema() {
    return USER;
  }

  @Override
  final String nameAttribute() {
    return "userName";
  }

  @Override
  ScimResource sample(String name) {
    return normalised("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":" + quote(name) + "}");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---- the dataset --------------------------------------------------------------------------

  /** userName → id of the twelve users of {@link #loadUsers()}, in creation order. */
  private final Map<String, String> idOf = new LinkedHashMap<>();

  /**
   * Twelve users in tenant A: titles with case variants and ties, three without title, two
   * inactive, work and home emails, externalIds differing only in case from a filter value.
   */
  private void loadUsers() {
    user("alice", "Smith", "Engineer", true, "ext-01", "alice@example.com", "work");
    user("bob", "Jones", "Engineer", false, null, "BOB@example.org", "work");
    user("Carol", "Brown", "Manager", true, null, "carol@example.com", "work", "carol@home.test", "home");
    user("dave", "Taylor", null, true, null);
    user("eve", "Wilson", "engineer", true, null);
    user("frank", "Davies", "Director", true, null);
    user("grace", "Evans", "Manager", true, null);
    user("heidi", "Thomas", null, true, null, "heidi@example.com", "work");
    user("ivan", "Roberts", "Engineer", true, null);
    user("judy", "Walker", "Analyst", true, "EXT-10");
    user("mallory", "Wright", "Engineer", false, null);
    user("oscar", "Hall", null, true, null);
    // a user of another tenant matching most filters
    store.create(B, normalised("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":\"alice\",\"title\":\"Engineer\","
        + "\"active\":true,\"emails\":[{\"value\":\"alice@example.com\",\"type\":\"work\"}]}"));
  }

  private void user(String userName, String familyName, String title, boolean active, String externalId, String... emails) {
    StringBuilder b = new StringBuilder("{\"schemas\":[\"" + USER_URN + "\"],\"userName\":" + quote(userName)
        + ",\"name\":{\"familyName\":" + quote(familyName) + "},\"active\":" + active);
    if (title != null) {
      b.append(",\"title\":").append(quote(title));
    }
    if (externalId != null) {
      b.append(",\"externalId\":").append(quote(externalId));
    }
    if (emails.length > 0) {
      b.append(",\"emails\":[");
      for (int i = 0; i < emails.length; i += 2) {
        b.append(i == 0 ? "" : ",").append("{\"value\":").append(quote(emails[i])).append(",\"type\":")
            .append(quote(emails[i + 1])).append(i == 0 ? ",\"primary\":true}" : "}");
      }
      b.append("]");
    }
    idOf.put(userName, store.create(A, normalised(b.append("}").toString())).id());
  }

  private List<String> userNames(List<ScimResource> resources) {
    List<String> out = new ArrayList<>();
    resources.forEach(r -> out.add(r.text("userName")));
    return out;
  }

  static Stream<Arguments> filters() {
    return Stream.of(
        Arguments.of("userName eq \"ALICE\"", List.of("alice")),
        Arguments.of("userName sw \"c\"", List.of("Carol")),
        Arguments.of("userName co \"a\"", List.of("alice", "Carol", "dave", "frank", "grace", "ivan", "mallory", "oscar")),
        Arguments.of("title eq \"engineer\"", List.of("alice", "bob", "eve", "ivan", "mallory")),
        Arguments.of("active eq false", List.of("bob", "mallory")),
        Arguments.of("title pr", List.of("alice", "bob", "Carol", "eve", "frank", "grace", "ivan", "judy", "mallory")),
        Arguments.of("not (title pr)", List.of("dave", "heidi", "oscar")),
        Arguments.of("emails.value ew \"example.com\"", List.of("alice", "Carol", "heidi")),
        Arguments.of("emails.value eq \"bob@example.org\"", List.of("bob")),
        Arguments.of("emails[type eq \"home\"]", List.of("Carol")),
        Arguments.of("emails[type eq \"work\" and value co \"EXAMPLE.COM\"]", List.of("alice", "Carol", "heidi")),
        Arguments.of("title eq \"Engineer\" and active eq true", List.of("alice", "eve", "ivan")),
        Arguments.of("title eq \"Manager\" or title eq \"Director\"", List.of("Carol", "frank", "grace")),
        Arguments.of("userName eq \"alice\" and title eq \"Manager\"", List.of()),
        Arguments.of("userName eq \"alice\" or userName eq \"JUDY\"", List.of("alice", "judy")),
        Arguments.of("userName eq \"nobody\"", List.of()),
        Arguments.of("externalId eq \"ext-10\"", List.of()),
        Arguments.of("externalId eq \"EXT-10\"", List.of("judy")),
        Arguments.of("name.familyName eq \"smith\"", List.of("alice")),
        Arguments.of("userName gt \"h\" and userName lt \"k\"", List.of("heidi", "ivan", "judy")),
        Arguments.of("meta.resourceType eq \"User\" and userName sw \"o\"", List.of("oscar")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void searchReturnsExactlyTheMatches(String filter, List<String> expected) {
    loadUsers();

    Filter f = Filter.parse(filter);
    if (!evaluatesItself(f)) {
      // the server evaluates it: the store must return every match among all its resources
      assertThat(userNames(all(A, f))).containsExactlyInAnyOrderElementsOf(expected);
      return;
    }
    ResourcePage page = store.search(A, ResourceQuery.of(f, 100));

    assertThat(userNames(page.resources())).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(page.totalResults()).isEqualTo(expected.size());
  }

  @Test
  void searchByIdAndByUnknownId() {
    loadUsers();
    assertThat(userNames(all(A, Filter.eq("id", idOf.get("Carol"))))).containsExactly("Carol");
    assertThat(all(A, Filter.eq("id", "no-such-id"))).isEmpty();
  }

  @Test
  void withoutSortTheOrderIsStable() {
    loadUsers();
    List<String> first = ids(all(A, null));
    assertThat(first).containsExactlyInAnyOrderElementsOf(idOf.values());
    assertThat(ids(all(A, null))).isEqualTo(first);
    assertThat(ids(all(A, Filter.parse("title pr")))).isEqualTo(first.stream()
        .filter(ids(all(A, Filter.parse("title pr")))::contains).toList());
  }

  @Test
  void sortsByUserNameCaseInsensitively() {
    loadUsers();
    List<String> expected = List.of("alice", "bob", "Carol", "dave", "eve", "frank", "grace", "heidi", "ivan", "judy",
        "mallory", "oscar");

    assertThat(userNames(sorted("userName", SortOrder.ASCENDING, null, 1, 100).resources())).isEqualTo(expected);
    List<String> reversed = new ArrayList<>(expected);
    java.util.Collections.reverse(reversed);
    assertThat(userNames(sorted("userName", SortOrder.DESCENDING, null, 1, 100).resources())).isEqualTo(reversed);
  }

  @Test
  void sortsBySubAttribute() {
    loadUsers();
    List<String> families = new ArrayList<>();
    sorted("name.familyName", SortOrder.ASCENDING, null, 1, 100).resources()
        .forEach(r -> families.add(r.get("name").get("familyName").stringValue()));
    assertThat(families).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER).hasSize(12);
  }

  @Test
  void sortsWithTiesInAStableOrderAndMissingValuesLastAscending() {
    loadUsers();
    List<ScimResource> asc = sorted("title", SortOrder.ASCENDING, null, 1, 100).resources();
    List<String> titles = new ArrayList<>();
    asc.forEach(r -> titles.add(r.text("title") == null ? null : r.text("title").toLowerCase(Locale.ROOT)));

    assertThat(titles).containsExactly("analyst", "director", "engineer", "engineer", "engineer", "engineer",
        "engineer", "manager", "manager", null, null, null);
    // ties come in the same order every time, and paging in twos gives the same sequence
    assertThat(ids(sorted("title", SortOrder.ASCENDING, null, 1, 100).resources())).isEqualTo(ids(asc));
    List<ScimResource> paged = new ArrayList<>();
    for (int start = 1; start <= 12; start += 2) {
      paged.addAll(sorted("title", SortOrder.ASCENDING, null, start, 2).resources());
    }
    assertThat(ids(paged)).isEqualTo(ids(asc));

    List<String> desc = new ArrayList<>();
    sorted("title", SortOrder.DESCENDING, null, 1, 100).resources().forEach(r -> {
      if (r.text("title") != null) {
        desc.add(r.text("title").toLowerCase(Locale.ROOT));
      }
    });
    assertThat(desc).containsExactly("manager", "manager", "engineer", "engineer", "engineer", "engineer", "engineer",
        "director", "analyst");
    assertThat(ids(sorted("title", SortOrder.DESCENDING, null, 1, 100).resources()))
        .isEqualTo(ids(sorted("title", SortOrder.DESCENDING, null, 1, 100).resources()));
  }

  @Test
  void sortAppliesToTheFilteredResults() {
    Filter engineers = Filter.parse("title eq \"engineer\"");
    assumeTrue(evaluatesItself(engineers), "the server sorts what it filters itself");
    loadUsers();
    assertThat(userNames(sorted("userName", SortOrder.DESCENDING, engineers, 1, 100)
        .resources())).containsExactly("mallory", "ivan", "eve", "bob", "alice");
  }

  @Test
  void indexPagingVisitsEveryMatchOnce() {
    loadUsers();
    // with a filter the server evaluates, the store pages through everything
    Filter filter = Filter.parse("title pr");
    int total = 9;
    if (!evaluatesItself(filter)) {
      filter = null;
      total = 12;
    }
    for (String sortBy : new String[] {null, "userName", "title"}) {
      List<String> seen = new ArrayList<>();
      for (int start = 1; start <= total; start += 4) {
        ResourcePage page = sorted(sortBy, SortOrder.ASCENDING, filter, start, 4);
        assertThat(page.totalResults()).isEqualTo(total);
        assertThat(page.resources()).hasSize(Math.min(4, total - start + 1));
        seen.addAll(ids(page.resources()));
      }
      assertThat(seen).as("sortBy %s", sortBy).doesNotHaveDuplicates().hasSize(total);
    }
  }

  @Test
  void countZeroGivesOnlyTheTotal() {
    loadUsers();
    ResourcePage page = store.search(A, ResourceQuery.of(null, 0));
    assertThat(page.resources()).isEmpty();
    assertThat(page.totalResults()).isEqualTo(12);

    Filter inactive = Filter.parse("active eq false");
    if (evaluatesItself(inactive)) {
      ResourcePage filtered = store.search(A, ResourceQuery.of(inactive, 0));
      assertThat(filtered.resources()).isEmpty();
      assertThat(filtered.totalResults()).isEqualTo(2);
    }
  }

  @Test
  void aStartIndexPastTheEndGivesAnEmptyPage() {
    loadUsers();
    ResourcePage page = store.search(A, ResourceQuery.of(null, 10).withPage(13, 10));
    assertThat(page.resources()).isEmpty();
    assertThat(page.totalResults()).isEqualTo(12);
    ResourcePage last = store.search(A, ResourceQuery.of(null, 10).withPage(11, 10));
    assertThat(last.resources()).hasSize(2);
  }

  @Test
  void cursorPagingVisitsEveryMatchOnce() {
    assumeTrue(store.supportsCursors(), "the store does not support cursors");
    loadUsers();
    for (String sortBy : new String[] {null, "userName", "title"}) {
      for (SortOrder order : SortOrder.values()) {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
          ResourceQuery q = new ResourceQuery(null, sortBy == null ? null : AttributePath.parse(sortBy), order, 1, 5,
              cursor, Set.of());
          ResourcePage page = store.search(A, q);
          assertThat(page.totalResults()).isEqualTo(12);
          assertThat(page.resources()).hasSizeLessThanOrEqualTo(5);
          seen.addAll(ids(page.resources()));
          cursor = page.nextCursor();
          assertThat(++pages).as("pages").isLessThanOrEqualTo(4);
        }
        assertThat(seen).as("sortBy %s %s", sortBy, order).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(idOf.values());
        if (sortBy != null) {
          assertThat(seen).isEqualTo(ids(sorted(sortBy, order, null, 1, 100).resources()));
        }
      }
    }
  }

  @Test
  void cursorPagingOfAFilteredSearch() {
    assumeTrue(store.supportsCursors(), "the store does not support cursors");
    assumeTrue(evaluatesItself(Filter.parse("title eq \"engineer\"")), "the server pages what it filters itself");
    loadUsers();
    List<String> seen = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      ResourcePage page = store.search(A, ResourceQuery.of(Filter.parse("title eq \"engineer\""), 2).withCursor(cursor));
      assertThat(page.totalResults()).isEqualTo(5);
      seen.addAll(userNames(page.resources()));
      cursor = page.nextCursor();
    }
    assertThat(seen).containsExactlyInAnyOrder("alice", "bob", "eve", "ivan", "mallory");
  }

  @Test
  void deactivatedUsersStayReadableAndSearchable() {
    ScimResource u = store.create(A, sample("alice"));
    patch(A, u.id(), null, PatchOperation.replace("active", BooleanNode.FALSE));

    assertThat(current(A, u.id()).get("active").booleanValue()).isFalse();
    assertThat(ids(all(A, Filter.parse("active eq false")))).containsExactly(u.id());
    assertThat(ids(all(A, Filter.eq("userName", "alice")))).containsExactly(u.id());
  }

  @Test
  void searchSeesWritesAtOnce() {
    loadUsers();
    String bob = idOf.get("bob");
    store.replace(A, bob, sample("robert"), null);
    assertThat(all(A, Filter.eq("userName", "bob"))).isEmpty();
    assertThat(ids(all(A, Filter.eq("userName", "ROBERT")))).containsExactly(bob);
    assertThat(all(A, Filter.parse("emails.value eq \"bob@example.org\""))).isEmpty();
    store.delete(A, idOf.get("alice"), null);
    assertThat(all(A, Filter.parse("externalId eq \"ext-01\""))).isEmpty();
    assertThat(new HashSet<>(ids(all(A, null)))).hasSize(11);
  }

  private ResourcePage sorted(String sortBy, SortOrder order, Filter filter, int startIndex, int count) {
    return store.search(A, new ResourceQuery(filter, sortBy == null ? null : AttributePath.parse(sortBy), order,
        startIndex, count, null, Set.of()));
  }
}
