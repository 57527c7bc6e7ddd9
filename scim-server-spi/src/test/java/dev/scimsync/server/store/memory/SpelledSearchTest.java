package dev.scimsync.server.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.eval.CompiledFilter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.StoreContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A search filters the entries whose names are all in the tenant's spelling by exact look-ups
 * ({@link Tenant#spellings}), the others case-insensitively: the same matches either way, on
 * populations written straight to the store (past the validator, which would respell them) where
 * a few resources spell names otherwise, in every position of a batch, also after replacing a
 * resource, and when the first resource written spells a name unusually.
 */
class SpelledSearchTest {

  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final StoreContext T = StoreContext.of("t1");
  static final List<String> FILTERS = List.of(
      "title pr", "TITLE eq \"Boss\"", "not (Title pr)", "emails[TYPE eq \"work\" and value co \"X\"]",
      "emails.value co \"example\"", "emails co \"EXAMPLE.org\"", "name.familyName sw \"a\"",
      ENTERPRISE + ":department eq \"Sales\"", "DEPARTMENT eq \"Sales\"", "userName pr and not (title eq \"boss\")",
      "nickName pr", "id pr", "meta.resourceType eq \"User\"");

  /** {@code name} as usual, or, once in {@code odd} times, in another case. */
  static String spell(Random r, String name, int odd) {
    if (r.nextInt(odd) != 0) {
      return name;
    }
    return r.nextBoolean() ? name.toUpperCase(Locale.ROOT) : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  static ScimResource user(Random r, int i, int odd) {
    ObjectNode u = ScimJson.object();
    u.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
    u.put(spell(r, "userName", odd), "user" + i);
    if (r.nextInt(3) != 0) {
      u.put(spell(r, "title", odd), r.nextBoolean() ? "Boss" : "Clerk");
    }
    ObjectNode name = u.putObject(spell(r, "name", odd));
    name.put(spell(r, "familyName", odd), r.nextBoolean() ? "adams" : "Brown");
    var emails = u.putArray(spell(r, "emails", odd));
    for (int k = r.nextInt(3); k > 0; k--) {
      emails.addObject().put(spell(r, "value", odd), "u" + i + (r.nextBoolean() ? "@example.org" : "@X.com"))
          .put(spell(r, "type", odd), r.nextBoolean() ? "work" : "home");
    }
    if (r.nextBoolean()) {
      String urn = r.nextInt(odd) == 0 ? ENTERPRISE.toLowerCase(Locale.ROOT) : ENTERPRISE;
      u.putObject(urn).put(spell(r, "department", odd), r.nextBoolean() ? "Sales" : "Legal");
    }
    return ScimResource.of(u);
  }

  /** The ids of the stored resources that match, filtered one by one without spellings. */
  static Set<String> expected(InMemoryUserStore store, List<String> ids, CompiledFilter f) {
    Set<String> out = new TreeSet<>();
    for (String id : ids) {
      ScimResource stored = store.get(T, id, Set.of()).orElseThrow();
      if (f.test(stored.json())) {
        out.add(id);
      }
    }
    return out;
  }

  static Set<String> found(InMemoryUserStore store, Filter f) {
    Set<String> out = new TreeSet<>();
    store.search(T, ResourceQuery.of(f, 10_000)).resources().forEach(r -> out.add(r.id()));
    return out;
  }

  @Test
  void sameMatchesWhetherOrNotTheNamesAreInTheTenantsSpelling() {
    for (int seed = 0; seed < 12; seed++) {
      Random r = new Random(seed);
      InMemoryUserStore store = new InMemoryUserStore(InMemoryStoreTest.USER);
      int odd = 2 + r.nextInt(60);
      List<String> ids = new ArrayList<>();
      for (int i = 0, n = 20 + r.nextInt(150); i < n; i++) {
        ids.add(store.create(T, user(r, i, odd)).id());
      }
      // a replaced resource takes the spelling of its new document
      for (int k = 0; k < 5 && !ids.isEmpty(); k++) {
        String id = ids.get(r.nextInt(ids.size()));
        store.replace(T, id, user(r, 1000 + k, odd), null);
      }
      FilterEvaluator general = FilterEvaluator.builder().schema(InMemoryStoreTest.USER).tolerant(true).build();
      for (String text : FILTERS) {
        Filter f = Filter.parse(text);
        assertThat(found(store, f)).as("seed %d, 1 in %d spelled otherwise: %s", seed, odd, text)
            .isEqualTo(expected(store, ids, general.compile(f)));
      }
    }
  }

  /**
   * The server's path: resources through the validator are written in the schema's spelling
   * whatever the client sent, so every one of them is filtered by exact look-ups; one written
   * straight to the store in another spelling is not, and a replacement in the schema's spelling
   * makes it so again.
   */
  @Test
  void resourcesThroughTheValidatorAreAllInTheTenantsSpelling() {
    InMemoryUserStore store = new InMemoryUserStore(InMemoryStoreTest.USER);
    ResourceValidator validator = new ResourceValidator(InMemoryStoreTest.USER, Tolerance.lenient());
    List<String> ids = new ArrayList<>();
    String[] bodies = {
      "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\",\"title\":\"Boss\"}",
      "{\"SCHEMAS\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"USERNAME\":\"b\",\"Title\":\"Clerk\","
          + "\"Name\":{\"FamilyName\":\"Adams\"},\"EMAILS\":[{\"Value\":\"b@example.org\",\"TYPE\":\"work\"}]}",
      "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE.toUpperCase(Locale.ROOT) + "\"],"
          + "\"userName\":\"c\",\"" + ENTERPRISE.toLowerCase(Locale.ROOT) + "\":{\"DEPARTMENT\":\"Sales\"}}"};
    for (String body : bodies) {
      ids.add(store.create(T, validator.forCreate(ScimJson.parseObject(body))).id());
    }
    for (String id : ids) {
      assertThat(store.spelled(T, id)).as(id).isTrue();
    }
    String odd = store.create(T, ScimResource.parse("{\"USERNAME\":\"d\"}")).id();
    assertThat(store.spelled(T, odd)).isFalse();
    assertThat(found(store, Filter.parse("userName pr"))).hasSize(4);
    store.replace(T, odd, validator.forCreate(ScimJson.parseObject("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"USERNAME\":\"d\"}")), null);
    assertThat(store.spelled(T, odd)).isTrue();
    assertThat(store.spelled(T, "no such id")).isFalse();
  }
}
