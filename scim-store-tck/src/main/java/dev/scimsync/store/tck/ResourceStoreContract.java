package dev.scimsync.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.scimsync.core.error.ScimException;
import dev.scimsync.core.error.ScimType;
import dev.scimsync.core.json.ScimJson;
import dev.scimsync.core.message.PatchOperation;
import dev.scimsync.core.patch.PatchEngine;
import dev.scimsync.core.patch.PatchResult;
import dev.scimsync.core.resource.Meta;
import dev.scimsync.core.resource.ScimResource;
import dev.scimsync.core.schema.ResourceSchema;
import dev.scimsync.core.validation.ResourceValidator;
import dev.scimsync.core.validation.Tolerance;
import dev.scimsync.filter.Filter;
import dev.scimsync.filter.eval.FilterEvaluator;
import dev.scimsync.server.store.ResourcePage;
import dev.scimsync.server.store.ResourceQuery;
import dev.scimsync.server.store.ResourceStore;
import dev.scimsync.server.store.StoreContext;
import dev.scimsync.server.store.UpdateResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The rules every {@link ResourceStore} must keep, whatever its type: ids and metadata, versions
 * (412), uniqueness of the type's name attribute and of {@code externalId} (409, also under
 * concurrent requests), not found (404) and tenant isolation. Do not extend it directly: extend
 * {@link UserStoreContract} or {@link GroupStoreContract}, which add the rules of their type.
 *
 * <p>Every test gets a new, empty store from the factory method and uses the tenants {@link #A}
 * and {@link #B}.
 *
 * <p>Filters: the kit passes a filter to {@link ResourceStore#search} only when the store's {@link
 * ResourceStore#supportsFilter} says it evaluates it, as the server does. For any other filter the
 * kit searches without it and checks that the result holds every resource the filter matches
 * (evaluating the filter in memory, the server's job, only to check that). Tests that combine
 * such a filter with sorting or paging are skipped: the server sorts and pages those results
 * itself.
 *
 * <p>Races: each concurrency test runs {@link #ROUNDS} rounds, so that a store whose version
 * check and write are not one atomic step cannot pass by luck.
 */
// The kit's assertions dereference ids and versions of resources the test itself created: a null
// there is already a failing test, so NullAway's checks would only add noise. The protected API
// below is annotated for store authors.
@SuppressWarnings("NullAway")
public abstract class ResourceStoreContract {

  /** The tenant most tests work in. */
  protected static final StoreContext A = StoreContext.of("tck-tenant-a");
  /** Another tenant, which must never see {@link #A}'s data. */
  protected static final StoreContext B = StoreContext.of("tck-tenant-b");
  /** Threads used by the concurrency tests. */
  protected static final int THREADS = 8;
  /** Rounds of each race test: a non-atomic store may win one race by luck, not every round. */
  protected static final int ROUNDS = 20;

  /** The store under test, new for every test. */
  protected ResourceStore store;
  private PatchEngine engine;
  private FilterEvaluator evaluator;

  ResourceStoreContract() {}

  /** A new, empty store of the type under test. */
  abstract ResourceStore createStore();

  /** The schema of the resource type under test. */
  abstract ResourceSchema schema();

  /** The attribute unique per tenant case-insensitively: {@code userName} or {@code displayName}. */
  abstract String nameAttribute();

  /** A valid new resource whose name attribute is {@code name}, as the server passes it on. */
  abstract ScimResource sample(String name);

  @BeforeEach
  void newStore() {
    store = createStore();
    engine = new PatchEngine(schema(), Tolerance.lenient());
    evaluator = FilterEvaluator.forSchema(schema());
  }

  // ---- helpers for subclasses ---------------------------------------------------------------

  /** {@code json} validated and normalised as the server does before a create. */
  protected ScimResource normalised(String json) {
    return new ResourceValidator(schema(), Tolerance.strict()).forCreate(ScimJson.parseObject(json));
  }

  /** The {@link ScimException} {@code action} throws; fails when it throws nothing else. */
  protected static ScimException scimError(ThrowingRunnable action) {
    try {
      action.run();
    } catch (ScimException e) {
      return e;
    } catch (Exception e) {
      fail("expected a ScimException, got " + e, e);
    }
    return fail("expected a ScimException, but nothing was thrown");
  }

  /** An action that may throw. */
  @FunctionalInterface
  protected interface ThrowingRunnable {
    /** Runs. */
    void run() throws Exception;
  }

  /** The resource as stored now; fails when absent. */
  protected ScimResource current(StoreContext ctx, String id) {
    return store.get(ctx, id).orElseThrow(() -> new AssertionError("no resource " + id));
  }

  /** A full (not applied as a delta) PATCH of {@code id} with {@code operations}, as the server does it. */
  protected UpdateResult patch(StoreContext ctx, String id, @Nullable String expectedVersion, PatchOperation... operations) {
    PatchResult r = engine.apply(current(ctx, id), List.of(operations));
    return store.update(ctx, id, r, null, expectedVersion);
  }

  /** The PATCH engine for the type under test. */
  protected PatchEngine engine() {
    return engine;
  }

  /**
   * Every resource matching {@code filter} (null: all), by index paging with a large count. When
   * the store does not {@linkplain ResourceStore#supportsFilter support} the filter, the store is
   * asked for every resource without it, as the server does, and the kit keeps those that match.
   */
  protected List<ScimResource> all(StoreContext ctx, @Nullable Filter filter) {
    if (filter != null && !store.supportsFilter(filter)) {
      Predicate<JsonNode> match = evaluator.compile(filter);
      return all(ctx, null).stream().filter(r -> r.matches(match)).toList();
    }
    ResourcePage page = store.search(ctx, ResourceQuery.of(filter, 10_000));
    assertThat(page.totalResults()).isEqualTo(page.resources().size());
    return page.resources();
  }

  /** Whether the store evaluates {@code filter} itself (else the server does). */
  protected boolean evaluatesItself(Filter filter) {
    return store.supportsFilter(filter);
  }

  /** The ids of {@code resources}, in order. */
  protected static List<String> ids(List<ScimResource> resources) {
    List<String> out = new ArrayList<>();
    resources.forEach(r -> out.add(r.id()));
    return out;
  }

  /** The resource without {@code meta}, to compare content. */
  protected static ObjectNode content(ScimResource r) {
    ObjectNode json = r.json();
    json.remove("meta");
    return json;
  }

  /** Runs {@code task} in {@link #THREADS} threads at once; returns what each returned or threw. */
  protected static <T> List<Object> race(Callable<T> task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          try {
            return task.call();
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      ready.await();
      go.countDown();
      List<Object> out = new ArrayList<>();
      for (Future<Object> f : futures) {
        try {
          out.add(f.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
          throw new AssertionError("a racing request failed", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- ids and metadata ---------------------------------------------------------------------

  @Test
  void createAssignsIdAndMeta() {
    ScimResource created = store.create(A, sample("Alpha"));

    assertThat(created.id()).isNotBlank().doesNotContain("bulkId");
    Meta meta = created.meta();
    assertThat(meta.resourceType()).isEqualTo(store.resourceType());
    assertThat(meta.created()).isNotNull();
    assertThat(meta.lastModified()).isNotNull().isAfterOrEqualTo(meta.created());
    assertThat(meta.created().getNano() % 1_000_000).as("meta.created has millisecond precision").isZero();
    assertThat(meta.lastModified().getNano() % 1_000_000).as("meta.lastModified has millisecond precision").isZero();
    assertThat(meta.version()).isNotBlank();
    assertThat(created.text(nameAttribute())).isEqualTo("Alpha");
  }

  @Test
  void createIgnoresAnIdAndMetaSentWithTheResource() {
    ScimResource withId = sample("Alpha").withId("client-chosen")
        .withMeta(new Meta("Other", null, null, "https://example.com/x", "W/\"99\""));
    ScimResource created = store.create(A, withId);

    assertThat(created.id()).isNotEqualTo("client-chosen");
    assertThat(created.meta().resourceType()).isEqualTo(store.resourceType());
    assertThat(created.meta().version()).isNotEqualTo("W/\"99\"");
    assertThat(store.get(A, "client-chosen")).isEmpty();
  }

  @Test
  void createdResourceReadsBackAsCreated() {
    ScimResource created = store.create(A, sample("Alpha"));

    assertThat(store.get(A, created.id())).contains(created);
  }

  @Test
  void idsAreUniqueAndCaseExact() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ids.add(store.create(A, sample("Name " + i)).id());
    }
    assertThat(ids).hasSize(20);
    String id = ids.iterator().next();
    String otherCase = id.toUpperCase().equals(id) ? id.toLowerCase() : id.toUpperCase();
    if (!otherCase.equals(id)) {
      assertThat(store.get(A, otherCase)).isEmpty();
    }
  }

  @Test
  void idsAreNeverReused() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      ScimResource r = store.create(A, sample("Reused"));
      assertThat(seen.add(r.id())).as("id %s reused", r.id()).isTrue();
      store.delete(A, r.id(), null);
    }
  }

  // ---- versions -----------------------------------------------------------------------------

  @Test
  void everyWriteSetsANewVersionAndKeepsCreated() {
    ScimResource created = store.create(A, sample("Alpha"));
    Set<String> versions = new HashSet<>();
    versions.add(created.version());

    ScimResource replaced = store.replace(A, created.id(), sample("Beta"), null);
    assertThat(versions.add(replaced.version())).isTrue();
    assertThat(replaced.id()).isEqualTo(created.id());
    assertThat(replaced.meta().created()).isEqualTo(created.meta().created());
    assertThat(replaced.meta().lastModified()).isAfterOrEqualTo(created.meta().lastModified());
    assertThat(replaced.text(nameAttribute())).isEqualTo("Beta");

    UpdateResult patched = patch(A, created.id(), null, PatchOperation.replace(nameAttribute(), StringNode.valueOf("Gamma")));
    assertThat(versions.add(patched.resource().version())).isTrue();
    assertThat(patched.resource().meta().created()).isEqualTo(created.meta().created());
    assertThat(current(A, created.id()).text(nameAttribute())).isEqualTo("Gamma");
    assertThat(current(A, created.id()).version()).isEqualTo(patched.resource().version());
  }

  @Test
  void aReplaceThatChangesNothingKeepsTheVersion() {
    ScimResource created = store.create(A, sample("Alpha"));
    ScimResource same = store.replace(A, created.id(), sample("Alpha"), created.version());
    assertThat(same.version()).isEqualTo(created.version());
    assertThat(current(A, created.id()).version()).isEqualTo(created.version());
  }

  @Test
  void replaceReplacesEveryAttribute() {
    ScimResource created = store.create(A, normalisedWithExternalId("Alpha", "ext-1"));
    ScimResource replaced = store.replace(A, created.id(), sample("Alpha"), null);

    assertThat(replaced.externalId()).isNull();
    assertThat(current(A, created.id()).externalId()).isNull();
    assertThat(content(current(A, created.id()))).isEqualTo(content(replaced));
  }

  @Test
  void matchingExpectedVersionIsAccepted() {
    ScimResource created = store.create(A, sample("Alpha"));

    ScimResource replaced = store.replace(A, created.id(), sample("Beta"), created.version());
    UpdateResult patched = patch(A, created.id(), replaced.version(),
        PatchOperation.replace(nameAttribute(), StringNode.valueOf("Gamma")));
    store.delete(A, created.id(), patched.resource().version());

    assertThat(store.get(A, created.id())).isEmpty();
  }

  @Test
  void staleExpectedVersionGives412AndChangesNothing() {
    ScimResource created = store.create(A, sample("Alpha"));
    String stale = created.version();
    ScimResource now = store.replace(A, created.id(), sample("Beta"), null);

    assertThat(scimError(() -> store.replace(A, created.id(), sample("Gamma"), stale)).status()).isEqualTo(412);
    assertThat(scimError(() -> patch(A, created.id(), stale,
        PatchOperation.replace(nameAttribute(), StringNode.valueOf("Gamma")))).status()).isEqualTo(412);
    assertThat(scimError(() -> store.delete(A, created.id(), stale)).status()).isEqualTo(412);

    assertThat(current(A, created.id())).isEqualTo(now);
  }

  // ---- not found ----------------------------------------------------------------------------

  @Test
  void unknownIdsAreEmptyOrGive404() {
    String unknown = "00000000-0000-0000-0000-000000000000";
    store.create(A, sample("Alpha"));

    assertThat(store.get(A, unknown)).isEmpty();
    assertThat(scimError(() -> store.replace(A, unknown, sample("Beta"), null)).status()).isEqualTo(404);
    assertThat(scimError(() -> store.delete(A, unknown, null)).status()).isEqualTo(404);
    ScimResource patchable = store.create(A, sample("Gamma"));
    PatchResult r = engine.apply(patchable, List.of(PatchOperation.replace(nameAttribute(), StringNode.valueOf("Delta"))));
    assertThat(scimError(() -> store.update(A, unknown, r, null, null)).status()).isEqualTo(404);
  }

  @Test
  void deletedResourcesAreGone() {
    ScimResource created = store.create(A, sample("Alpha"));
    ScimResource kept = store.create(A, sample("Beta"));
    store.delete(A, created.id(), null);

    assertThat(store.get(A, created.id())).isEmpty();
    assertThat(ids(all(A, null))).containsExactly(kept.id());
    assertThat(scimError(() -> store.delete(A, created.id(), null)).status()).isEqualTo(404);
    assertThat(scimError(() -> store.replace(A, created.id(), sample("Alpha"), null)).status()).isEqualTo(404);
  }

  // ---- uniqueness ---------------------------------------------------------------------------

  @Test
  void nameIsUniqueCaseInsensitively() {
    store.create(A, sample("Alpha"));

    ScimException same = scimError(() -> store.create(A, sample("Alpha")));
    assertThat(same.status()).isEqualTo(409);
    assertThat(same.scimType()).isEqualTo(ScimType.UNIQUENESS);
    ScimException otherCase = scimError(() -> store.create(A, sample("ALPHA")));
    assertThat(otherCase.status()).isEqualTo(409);
    assertThat(otherCase.scimType()).isEqualTo(ScimType.UNIQUENESS);
    assertThat(all(A, null)).hasSize(1);
  }

  @Test
  void replaceAndPatchCannotTakeAnotherResourcesName() {
    store.create(A, sample("Alpha"));
    ScimResource beta = store.create(A, sample("Beta"));

    ScimException replace = scimError(() -> store.replace(A, beta.id(), sample("alpha"), null));
    assertThat(replace.status()).isEqualTo(409);
    assertThat(replace.scimType()).isEqualTo(ScimType.UNIQUENESS);
    ScimException patched = scimError(() -> patch(A, beta.id(), null,
        PatchOperation.replace(nameAttribute(), StringNode.valueOf("ALPHA"))));
    assertThat(patched.status()).isEqualTo(409);
    assertThat(current(A, beta.id())).isEqualTo(beta);
  }

  @Test
  void aResourceMayKeepOrRecaseItsOwnName() {
    ScimResource alpha = store.create(A, sample("Alpha"));

    store.replace(A, alpha.id(), sample("Alpha"), null);
    store.replace(A, alpha.id(), sample("ALPHA"), null);

    assertThat(current(A, alpha.id()).text(nameAttribute())).isEqualTo("ALPHA");
  }

  @Test
  void aNameIsFreeAgainAfterDeleteOrRename() {
    ScimResource alpha = store.create(A, sample("Alpha"));
    ScimResource beta = store.create(A, sample("Beta"));
    store.delete(A, alpha.id(), null);
    store.replace(A, beta.id(), sample("Gamma"), null);

    store.create(A, sample("alpha"));
    store.create(A, sample("BETA"));

    assertThat(all(A, null)).hasSize(3);
  }

  @Test
  void externalIdIsUniqueCaseExactlyWhenPresent() {
    store.create(A, normalisedWithExternalId("Alpha", "ext-1"));
    store.create(A, sample("NoExternalId1"));
    store.create(A, sample("NoExternalId2"));

    ScimException e = scimError(() -> store.create(A, normalisedWithExternalId("Beta", "ext-1")));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.scimType()).isEqualTo(ScimType.UNIQUENESS);
    store.create(A, normalisedWithExternalId("Gamma", "EXT-1"));
    ScimResource delta = store.create(A, normalisedWithExternalId("Delta", "ext-2"));
    assertThat(scimError(() -> store.replace(A, delta.id(), normalisedWithExternalId("Delta", "ext-1"), null)).status())
        .isEqualTo(409);
  }

  @Test
  void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String name = "Racer" + round;
      int[] n = {0};
      List<Object> results = race(() -> {
        int i;
        synchronized (n) {
          i = n[0]++;
        }
        return store.create(A, sample(i % 2 == 0 ? name : name.toUpperCase()));
      });

      assertThat(results).filteredOn(ScimResource.class::isInstance).hasSize(1);
      assertThat(results).filteredOn(r -> !(r instanceof ScimResource)).allSatisfy(r -> {
        assertThat(r).isInstanceOf(ScimException.class);
        assertThat(((ScimException) r).status()).isEqualTo(409);
      });
      assertThat(all(A, Filter.eq(nameAttribute(), name))).hasSize(1);
    }
  }

  @Test
  void concurrentConditionalWritesLetExactlyOneWin() throws Exception {
    for (int k = 0; k < ROUNDS; k++) {
      int round = k;
      ScimResource created = store.create(A, sample("Contested " + round));
      int[] n = {0};
      boolean viaPatch = round % 2 == 1;
      List<Object> results = race(() -> {
        int i;
        synchronized (n) {
          i = n[0]++;
        }
        if (viaPatch) {
          PatchResult patched = engine.apply(created,
              List.of(PatchOperation.replace(nameAttribute(), StringNode.valueOf("Contested " + round + "." + i))));
          return store.update(A, created.id(), patched, null, created.version()).resource();
        }
        return store.replace(A, created.id(), sample("Contested " + round + "." + i), created.version());
      });

      List<Object> winners = results.stream().filter(ScimResource.class::isInstance).toList();
      assertThat(winners).as("round %d (%s): writes that won", round, viaPatch ? "update" : "replace").hasSize(1);
      assertThat(results).filteredOn(ScimException.class::isInstance)
          .allSatisfy(r -> assertThat(((ScimException) r).status()).isEqualTo(412)).hasSize(THREADS - 1);
      assertThat(current(A, created.id())).isEqualTo(winners.get(0));
    }
  }

  @Test
  void concurrentConditionalDeletesLetExactlyOneWin() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      ScimResource created = store.create(A, sample("Doomed " + round));
      List<Object> results = race(() -> {
        store.delete(A, created.id(), created.version());
        return "deleted";
      });

      assertThat(results).as("round %d: deletes that won", round).filteredOn("deleted"::equals).hasSize(1);
      assertThat(results).filteredOn(ScimException.class::isInstance)
          .allSatisfy(r -> assertThat(((ScimException) r).status()).isIn(404, 412)).hasSize(THREADS - 1);
      assertThat(store.get(A, created.id())).isEmpty();
    }
  }

  // ---- tenants ------------------------------------------------------------------------------

  @Test
  void tenantsDoNotSeeEachOther() {
    ScimResource a = store.create(A, sample("Alpha"));

    assertThat(store.get(B, a.id(), Set.of())).isEmpty();
    assertThat(all(B, null)).isEmpty();
    assertThat(all(B, Filter.eq("id", a.id()))).isEmpty();
    assertThat(all(B, Filter.eq(nameAttribute(), "Alpha"))).isEmpty();
    assertThat(scimError(() -> store.replace(B, a.id(), sample("Beta"), null)).status()).isEqualTo(404);
    assertThat(scimError(() -> store.delete(B, a.id(), null)).status()).isEqualTo(404);
    PatchResult r = engine.apply(a, List.of(PatchOperation.replace(nameAttribute(), StringNode.valueOf("Gamma"))));
    assertThat(scimError(() -> store.update(B, a.id(), r, null, null)).status()).isEqualTo(404);

    assertThat(current(A, a.id())).isEqualTo(a);
  }

  @Test
  void uniquenessIsPerTenant() {
    ScimResource a = store.create(A, normalisedWithExternalId("Alpha", "ext-1"));
    ScimResource b = store.create(B, normalisedWithExternalId("Alpha", "ext-1"));

    assertThat(b.id()).isNotEqualTo(a.id());
    assertThat(ids(all(A, null))).containsExactly(a.id());
    assertThat(ids(all(B, null))).containsExactly(b.id());
    store.delete(B, b.id(), null);
    assertThat(current(A, a.id())).isEqualTo(a);
  }

  @Test
  void aTenantWithoutDataFindsNothing() {
    assertThat(store.get(StoreContext.of("tck-empty"), "x", Set.of())).isEmpty();
    ResourcePage page = store.search(StoreContext.of("tck-empty"), ResourceQuery.of(null, 10));
    assertThat(page.resources()).isEmpty();
    assertThat(page.totalResults()).isZero();
  }

  // ---- shared search checks -----------------------------------------------------------------

  @Test
  void searchByIdFindsTheResource() {
    ScimResource a = store.create(A, sample("Alpha"));
    store.create(A, sample("Beta"));

    assertThat(all(A, Filter.eq("id", a.id()))).containsExactly(a);
    assertThat(all(A, Filter.eq(nameAttribute(), "ALPHA"))).containsExactly(a);
  }

  /** A sample with {@code externalId}. */
  ScimResource normalisedWithExternalId(String name, String externalId) {
    ObjectNode json = sample(name).json();
    json.put("externalId", externalId);
    return ScimResource.of(json);
  }

  /** An optional's value, failing with a message. */
  static <T> T present(Optional<T> o, String what) {
    return o.orElseThrow(() -> new AssertionError(what + " is missing"));
  }
}
