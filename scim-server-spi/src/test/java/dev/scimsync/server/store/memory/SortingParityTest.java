package dev.scimsync.server.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.resource.Sorting;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.schema.SchemaRegistry;
import dev.scimsync.filter.AttributePath;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.core.message.SortOrder;
import dev.scimsync.server.store.StoreContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store sorts exactly as {@link Sorting} (what the server uses for stores that cannot
 * sort): one definition, checked on a corpus with mixed case, missing values, {@code primary}
 * spelt in another case, numbers and booleans where strings are expected, and dateTimes.
 */
class SortingParityTest {

  static final ResourceSchema USER = SchemaRegistry.standard().resourceSchema("User");
  static final StoreContext T = StoreContext.of("t");

  static final String[] CORPUS = {
      "{\"userName\":\"bob\",\"title\":\"B\",\"emails\":[{\"value\":\"z@x\"},{\"value\":\"a@x\",\"Primary\":true}],"
          + "\"x\":\"10\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"employeeNumber\":\"9\"}}",
      "{\"userName\":\"Alice\",\"title\":\"a\",\"emails\":[{\"value\":\"m@x\"}],\"x\":2,\"active\":true}",
      "{\"userName\":\"alice2\",\"title\":7,\"x\":true,\"active\":false}",
      "{\"userName\":\"ALICE3\",\"x\":\"2024-01-01T00:00:00Z\",\"title\":\"b\","
          + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"employeeNumber\":\"10\"}}",
      "{\"userName\":\"carol\",\"title\":null,\"emails\":[],\"x\":false}",
      "{\"userName\":\"dave\",\"title\":\"B\",\"emails\":[{\"value\":\"A@x\",\"primary\":false},{\"value\":\"b@x\"}],"
          + "\"x\":2.0}",
      "{\"userName\":\"émile\",\"title\":\"é\",\"x\":\"abc\",\"active\":\"true\"}",
  };

  @Test
  void theStoreSortsAsSortingDoes() {
    InMemoryUserStore store = new InMemoryUserStore(USER);
    List<ScimResource> created = new ArrayList<>();
    for (String json : CORPUS) {
      created.add(store.create(T, ScimResource.of(ScimJson.parseObject(json))));
    }
    for (String path : List.of("userName", "title", "emails", "emails.value", "x", "active",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "meta.created", "nickName")) {
      AttributePath sortBy = AttributePath.parse(path);
      for (boolean ascending : new boolean[] {true, false}) {
        List<String> byStore = new ArrayList<>();
        store.search(T, new ResourceQuery(null, sortBy, ascending ? SortOrder.ASCENDING : SortOrder.DESCENDING, 1, 100,
            null, java.util.Set.of())).resources().forEach(r -> byStore.add(r.text("userName")));
        List<ScimResource> sorted = new ArrayList<>(created);
        // ties keep creation order in both directions, as the store documents
        sorted.sort(ascending ? Sorting.comparator(USER, sortBy, true)
            : (a, b) -> Sorting.comparator(USER, sortBy, true).compare(b, a));
        List<String> bySorting = new ArrayList<>();
        sorted.forEach(r -> bySorting.add(r.text("userName")));
        assertThat(byStore).as("%s %s", path, ascending ? "ascending" : "descending").isEqualTo(bySorting);
      }
    }
  }
}
